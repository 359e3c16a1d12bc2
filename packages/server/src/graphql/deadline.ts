import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLSchema } from 'graphql';

/** The query ran past REQUEST_TIMEOUT_MS. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The request took longer than ${timeoutMs} ms and was stopped`);
  }
}

interface Deadline {
  at: number;
  timeoutMs: number;
  /** Rejects when the deadline passes; raced against every pending top-level resolver. */
  expired: Promise<never>;
}

/** Keyed by the operation's context object, the one Apollo passes to every resolver. */
const deadlines = new WeakMap<object, Deadline>();

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
          deadlines.set(contextValue, { at, timeoutMs, expired });
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
 * Throws REQUEST_TIMEOUT when the operation of this context (a query) is past its deadline. Called
 * where a query spends its time: before each statement (the request context's `db`, which every
 * statement and DataLoader batch goes through) and by the top-level fields.
 */
export function checkDeadline(context: object): void {
  const deadline = deadlines.get(context);
  if (deadline && Date.now() >= deadline.at) throw new RequestTimeoutError(deadline.timeoutMs);
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
      const deadline = deadlines.get(context as object);
      if (!deadline) return resolve(source, args, context, info);
      if (Date.now() >= deadline.at) throw new RequestTimeoutError(deadline.timeoutMs);
      const result = resolve(source, args, context, info);
      return isPromiseLike(result) ? Promise.race([result, deadline.expired]) : result;
    };
  }
  return schema;
}
