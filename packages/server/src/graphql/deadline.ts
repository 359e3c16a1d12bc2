import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLSchema, isObjectType } from 'graphql';

/** The query ran past REQUEST_TIMEOUT_MS. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The request took longer than ${timeoutMs} ms and was stopped`);
  }
}

interface Deadline {
  at: number;
  timeoutMs: number;
  /** Rejects when the deadline passes; raced against every pending resolver. */
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
 * In a query with a deadline, every resolver checks it before it starts, and a pending one gives
 * up when it passes: a late query answers REQUEST_TIMEOUT at once and starts no further statements.
 */
export function enforceDeadline(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
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
  }
  return schema;
}
