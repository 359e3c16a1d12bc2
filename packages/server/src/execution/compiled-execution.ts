import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { DocumentNode, execute, ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { executeWithinDeadline } from '../graphql/deadline';
import type { FastPathCounters } from './fast-path-counters';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** Executions of one document (and operation) before it is compiled: a document seen once stays interpreted. */
const COMPILE_AFTER = 2;

interface OperationPlan {
  executions: number;
  /** The compiled operation; 'interpreted' when graphql-jit could not compile it (graphql-js runs it, always). */
  compiled?: CompiledQuery | 'interpreted';
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): CompiledQuery | 'interpreted' {
  try {
    const compiled = compileQuery(schema, document, operationName);
    return isCompiledQuery(compiled) ? compiled : 'interpreted';
  } catch {
    return 'interpreted';
  }
}

/**
 * Executes operations with graphql-jit: an operation a client sends again is compiled once into a
 * function that resolves exactly its fields and builds its result as plain objects. graphql-js
 * interprets the document on every request and builds results as prototype-less dictionaries; on a
 * page of 50 tickets (~600 fields) that was a third of the server's CPU with serialization and GC.
 *
 * Same schema, same resolvers (with their deadline and error wrappers), same validation (Apollo has
 * validated the document before it gets here), same error formatting. A document runs under
 * graphql-js until it has been seen COMPILE_AFTER times, so a client sending ever-new documents
 * pays no compilation. Compiled operations live as long as Apollo keeps the parsed document in its
 * LRU document store (they are keyed by that object).
 *
 * Apollo Server 4+ takes a custom executor only through its gateway interface (its migration guide's
 * replacement for the removed `executor` option); this "gateway" serves the one local schema.
 */
export function compiledExecutionGateway(schema: GraphQLSchema, counters: FastPathCounters): Gateway {
  const plans = new WeakMap<DocumentNode, Map<string, OperationPlan>>();

  function planFor(document: DocumentNode, operationName: string | undefined): OperationPlan {
    let byOperation = plans.get(document);
    if (!byOperation) plans.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let plan = byOperation.get(key);
    if (!plan) byOperation.set(key, (plan = { executions: 0 }));
    if (!plan.compiled && ++plan.executions >= COMPILE_AFTER) {
      plan.compiled = compile(schema, document, operationName);
      if (plan.compiled === 'interpreted') counters.compileFailures++;
    }
    return plan;
  }

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return {
        async executor(requestContext) {
          const { document, request, context, operation } = requestContext;
          const variables = request.variables ?? {};
          const { compiled } = planFor(document, request.operationName);
          const interpret = () =>
            execute({ schema, document, contextValue: context, variableValues: variables, operationName: request.operationName });
          const run = async (): Promise<ExecutionResult> => {
            if (!compiled || compiled === 'interpreted') {
              counters.interpretedExecutions++;
              return interpret();
            }
            counters.compiledExecutions++;
            const result = await compiled.query(undefined, context, variables);
            // no data: the variables were refused before anything ran; graphql-js words that as Apollo
            // and clients expect (BAD_USER_INPUT, the variable's definition, "Did you mean …")
            return result.data === undefined ? interpret() : asGraphQLJsErrors(result);
          };
          return executeWithinDeadline(context, operation.operation, run());
        },
      };
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors pass `instanceof GraphQLError` but leave `extensions` undefined when the
 * thrown error has none, which Apollo's error formatting does not expect: rebuilt as graphql-js errors.
 */
function asGraphQLJsErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((jitError) => {
    const error = new GraphQLError(jitError.message, {
      path: jitError.path,
      originalError: jitError.originalError ?? undefined,
      extensions: jitError.extensions,
    });
    // graphql-js derives locations from AST nodes, which graphql-jit no longer has: copied as computed
    (error as { locations?: GraphQLError['locations'] }).locations = jitError.locations;
    return error;
  });
  return { ...result, errors };
}
