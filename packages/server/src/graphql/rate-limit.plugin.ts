import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../kernel/request-context';
import { MUTATION_COST } from '../kernel/complexity';
import { returnedCost } from './actual-cost';
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
      let executed = false;
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
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse(rc) {
          if (rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          let actual = 0;
          if (key === null) {
            // refused before an operation was resolved (a parse or validation error, a document over
            // MAX_QUERY_TOKENS): nothing is charged, and the answer still tells the budget (docs/api.md)
            key = budgetKeyOf(rc.contextValue.viewer, rc.contextValue.clientIp);
            status = await limiter.refundQueryCost(key, 0).catch(() => null);
          } else if (taken && !executed) {
            // refused by another plugin after the points were taken (a limit): all of them come back
            status = await limiter.refundQueryCost(key, requested).catch(() => status);
          } else if (taken) {
            const operation = rc.operation;
            const mutations = operation?.operation === 'mutation' ? operation.selectionSet.selections.length : 0;
            // the requested cost's formula over what came back (graphql/actual-cost.ts); counts and
            // searches that ran cost their work though they return no objects (graphql/list-work.ts)
            const returned = operation && rc.document ? returnedCost(rc.schema, rc.document, operation, result.data) : 0;
            actual = Math.min(requested, returned + mutations * MUTATION_COST + listWorkOf(rc.contextValue));
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
