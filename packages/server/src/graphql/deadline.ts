import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLSchema } from 'graphql';
import { deadlineOf, RequestTimeoutError, setDeadline } from '../kernel/deadline';

/**
 * REQUEST_TIMEOUT_MS counts from the moment Apollo receives the operation. It applies to queries
 * only: a mutation that has started is never cut short, so its payload always tells whether it
 * happened (the database statement timeout bounds it instead).
 */
export function requestDeadlinePlugin(timeoutMs: number): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      const at = Date.now() + timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      return {
        async executionDidStart({ operation, contextValue }) {
          if (operation.operation !== 'query') return;
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
 * In a query with a deadline, a top-level field checks it before it starts and gives up when it
 * passes while pending: a late query answers REQUEST_TIMEOUT at once. Nested fields are not
 * wrapped (a promise per field cost more than the rest of their work): past the deadline, their
 * next statement or DataLoader batch refuses to start (`checkDeadline`).
 */
export function enforceDeadline(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  for (const field of query ? Object.values(query.getFields()) : []) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = (source, args, context, info) => {
      const deadline = deadlineOf(context as object);
      if (!deadline) return resolve(source, args, context, info);
      if (Date.now() >= deadline.at) throw new RequestTimeoutError(deadline.timeoutMs);
      const result = resolve(source, args, context, info);
      return isPromiseLike(result) ? Promise.race([result, deadline.expired]) : result;
    };
  }
  return schema;
}
