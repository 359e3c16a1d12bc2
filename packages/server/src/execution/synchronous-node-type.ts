import { GraphQLSchema, isInterfaceType } from 'graphql';
import { nodeTypeOf } from '../kernel/node';

/**
 * TypeGraphQL wraps every `resolveType` in an async function; graphql-jit (graphql/executor.ts)
 * calls it synchronously, and graphql-js saves a promise per object: the function itself, as written.
 */
export function resolveNodeTypeSynchronously(schema: GraphQLSchema): GraphQLSchema {
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) throw new Error('The schema has no Node interface');
  node.resolveType = nodeTypeOf;
  return schema;
}
