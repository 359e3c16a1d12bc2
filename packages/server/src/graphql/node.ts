import { GraphQLSchema, isInterfaceType } from 'graphql';
import { Field, ID, InterfaceType } from 'type-graphql';
import { typeOfId } from '../shared/ids';

/** ids carry their type (shared/ids.ts), so any row resolves to its GraphQL type. */
const nodeTypeOf = (value: { id: string }) => typeOfId(value.id) ?? undefined;

@InterfaceType({
  description: 'An object with a global id, fetchable with `node(id)`.',
  resolveType: nodeTypeOf,
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}

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
