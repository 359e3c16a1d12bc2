import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLSchema } from 'graphql';
import { Deadline, deadlineOf, RequestTimeoutError, setDeadline } from '../kernel/deadline';

/**
 * REQUEST_TIMEOUT_MS counts from the moment the request arrived (`RequestContext.receivedAt`, set
 * before the session lookup that builds the context). It applies to queries and mutations: a
 * query's top-level fields race it (`enforceDeadline`); a mutation's transaction still running at
 * the deadline is rolled back and answers REQUEST_TIMEOUT (src/db/transactions.ts), and after it
 * no statement starts.
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
