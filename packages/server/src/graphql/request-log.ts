import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { RequestContext } from '../kernel/request-context';
import { requestedCostOf } from './limits';

/**
 * One structured log line per GraphQL request: request id (also the X-Request-Id response
 * header), viewer, operation, requested cost, duration, status, and the error codes and
 * correlation ids of the errors sent (the correlation id's own line carries the stack).
 */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const { contextValue, response, operation } = requestContext;
          const body = response.body;
          const errors = (body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors) ?? [];
          const codes = [...new Set(errors.map((e) => e.extensions?.code).filter(Boolean))];
          const correlationIds = errors.map((e) => e.extensions?.correlationId).filter(Boolean);
          logger.info(
            {
              requestId: contextValue.requestId,
              viewerId: contextValue.viewer?.account.id ?? null,
              operationName: requestContext.operationName ?? null,
              operationType: operation?.operation ?? null,
              cost: requestedCostOf(requestContext) ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              status: response.http.status ?? 200,
              ...(codes.length > 0 ? { errorCodes: codes } : {}),
              ...(correlationIds.length > 0 ? { correlationIds } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
