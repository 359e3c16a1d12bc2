import type { ApolloServerPlugin } from '@apollo/server';
import { ExecutionResult, GraphQLError, GraphQLSchema, OperationTypeNode } from 'graphql';
import { Deadline, deadlineOf, RequestTimeoutError, setDeadline } from '../kernel/deadline';

/**
 * REQUEST_TIMEOUT_MS counts from the moment the request arrived (`RequestContext.receivedAt`, set
 * before the session lookup that builds the context). It applies to queries and mutations: a
 * query's execution races it as a whole (`executeWithinDeadline`), its top-level fields too
 * (`enforceDeadline`); a mutation's transaction still running at the deadline is rolled back and
 * answers REQUEST_TIMEOUT (src/db/transactions.ts), and after it no statement starts.
 */
export function requestDeadlinePlugin(timeoutMs: number): ApolloServerPlugin<object> {
  return {
    async requestDidStart({ contextValue }) {
      const receivedAt = (contextValue as { receivedAt?: number }).receivedAt ?? Date.now();
      const at = receivedAt + timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      return {
        async executionDidStart({ operation, contextValue }) {
          if (operation.operation !== 'query' && operation.operation !== 'mutation') return;
          const expired = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new RequestTimeoutError(timeoutMs)), Math.max(at - Date.now(), 0));
            timer.unref();
          });
          expired.catch(() => undefined); // only the races report it
          setDeadline(contextValue, { at, timeoutMs, expired });
        },
        async willSendResponse() {
          clearTimeout(timer);
        },
      };
    },
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * A query still executing at its deadline is answered then: REQUEST_TIMEOUT, no data. The top-level
 * fields race the deadline themselves, but a nested field's statement already sent (a list's
 * `totalCount`, a DataLoader batch) waits for the database: a paused Galera node held such reads
 * for 6 s after it resumed, 12 s in all, and the answer came 1–2 s past the deadline
 * (docs/decisions.md "Issue 14: a multi-primary cluster"). The late statement is left to finish or
 * fail on its own; nothing waits for it. A mutation is not cut here: its answer must say whether
 * it was saved (`mutationExpiry`).
 */
export function executeWithinDeadline(
  context: object,
  operation: OperationTypeNode,
  execution: Promise<ExecutionResult>,
): Promise<ExecutionResult> {
  const deadline = deadlineOf(context);
  if (!deadline || operation !== OperationTypeNode.QUERY) return execution;
  const late = deadline.expired.catch(async (error: Error) => {
    // an execution that settles on this same expiry (its top-level fields race it too) answers with its own errors and paths
    await new Promise((resolve) => setImmediate(resolve));
    return { data: null, errors: [new GraphQLError(error.message, { originalError: error })] };
  });
  return Promise.race([execution, late]);
}

/**
 * At the deadline, unless a transaction of the operation is running: then when it has settled
 * (src/db/transactions.ts rolls it back at the deadline, or waits a bounded grace for its COMMIT).
 */
function mutationExpiry(deadline: Deadline): Promise<never> {
  const expiry = new Promise<never>((_, reject) => {
    const check = () => {
      if (!deadline.transactions) reject(new RequestTimeoutError(deadline.timeoutMs));
      else setTimeout(check, 25);
    };
    deadline.expired.catch(check);
  });
  expiry.catch(() => undefined); // only the race reports it
  return expiry;
}

/**
 * With a deadline, a top-level field checks it before it starts and gives up when it passes while
 * pending: a late query answers REQUEST_TIMEOUT at once, a late mutation too, except while one of
 * its transactions runs (see `mutationExpiry`). Whatever the abandoned resolver does next cannot
 * write: past the deadline no statement and no transaction starts. Nested fields are not wrapped
 * (a promise per field cost more than the rest of their work): past the deadline, their next
 * statement or DataLoader batch refuses to start (`checkDeadline`).
 */
export function enforceDeadline(schema: GraphQLSchema): GraphQLSchema {
  for (const [type, isMutation] of [
    [schema.getQueryType(), false],
    [schema.getMutationType(), true],
  ] as const) {
    for (const field of type ? Object.values(type.getFields()) : []) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        const deadline = deadlineOf(context as object);
        if (!deadline) return resolve(source, args, context, info);
        if (Date.now() >= deadline.at) throw new RequestTimeoutError(deadline.timeoutMs);
        const result = resolve(source, args, context, info);
        if (!isPromiseLike(result)) return result;
        return Promise.race([result, isMutation ? mutationExpiry(deadline) : deadline.expired]);
      };
    }
  }
  return schema;
}
