import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../kernel/request-context';
import { MUTATION_COST } from '../kernel/complexity';
import { requestedCostOf } from './limits';
import { listWorkOf, resetListWork } from './list-work';
import { ThrottleStatus } from '../infrastructure/rate-limit/leaky-bucket';
import { budgetKeyOf, RateLimiter } from '../infrastructure/rate-limit/rate-limiter';

/** The request's cost is more than its caller's bucket holds now. */
export class RateLimitedError extends GraphQLError {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      },
    });
  }
}

/**
 * Objects actually returned: each object in the result is one point, as in the requested cost.
 * Primitives are skipped without a call, and there is no own-property check: results are plain
 * objects (graphql-jit's literals, graphql-js's prototype-less ones), so `for…in` sees only their
 * fields (a third of the time with the check, on every response).
 */
function countObjects(value: object): number {
  if (Array.isArray(value)) {
    let count = 0;
    for (const item of value) if (item !== null && typeof item === 'object') count += countObjects(item as object);
    return count;
  }
  if (value instanceof Date) return 0;
  let count = 1;
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== null && typeof field === 'object') count += countObjects(field);
  }
  return count;
}

/**
 * Rate limiting per caller (the account, whichever of its sessions or tokens signs the request; the
 * client address when anonymous) with a leaky bucket of cost points: the requested cost (computed
 * by the limits plugin before execution) is taken first, and refused with RATE_LIMITED and a retry hint
 * when the bucket holds too little; after execution the unused part is refunded. Every response
 * reports `extensions.cost` (requestedQueryCost, actualQueryCost, throttleStatus).
 */
export function rateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let key: string | null = null;
      let requested = 0;
      let taken = false;
      let status: ThrottleStatus | null = null;
      return {
        async didResolveOperation(rc) {
          key = budgetKeyOf(rc.contextValue.viewer, rc.contextValue.clientIp);
          resetListWork(rc.contextValue);
          requested = requestedCostOf(rc) ?? 0; // the limits plugin runs first and has computed it
          const result = await limiter.takeQueryCost(key, requested);
          status = {
            maximumAvailable: result.maximumAvailable,
            currentlyAvailable: result.currentlyAvailable,
            restoreRate: result.restoreRate,
          };
          if (!result.allowed) {
            const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
            throw new RateLimitedError(
              `Rate limited: this request costs ${requested} points and ${result.currentlyAvailable} of ${result.maximumAvailable} are available (${result.restoreRate} restored per second); retry in ${seconds} s`,
              seconds,
            );
          }
          taken = true;
        },
        async willSendResponse(rc) {
          if (key === null || rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          let actual = 0;
          if (taken) {
            const mutations = rc.operation?.operation === 'mutation' ? rc.operation.selectionSet.selections.length : 0;
            const objects = result.data ? countObjects(result.data) - 1 : 0; // the data object itself is free
            // counts and searches that ran cost their work though they return no objects (graphql/list-work.ts)
            actual = Math.min(requested, objects + mutations * MUTATION_COST + listWorkOf(rc.contextValue));
            // after the operation (perhaps a committed write): a failing refund must never fail the response
            status = await limiter.refundQueryCost(key, requested - actual).catch(() => status);
          }
          result.extensions = {
            ...result.extensions,
            cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status },
          };
        },
      };
    },
  };
}
