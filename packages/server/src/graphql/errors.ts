import { getNamedType, GraphQLError, GraphQLFormattedError, GraphQLSchema, isObjectType } from 'graphql';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError, AuthenticationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { RateLimitedError } from './rate-limit.plugin';
import type { Logger } from 'pino';
import { DomainError, ErrorCode, TokenRejectedError, UnauthenticatedError } from '../shared/errors';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../kernel/request-context';
import { RequestTimeoutError } from '../kernel/deadline';
import { QueryLimitError, tokenLimitError } from './limits';
import {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  isStatementTimeout,
  isUnansweredRead,
  RETRY_AFTER_SECONDS,
  TransactionConflictError,
} from '../db/db-errors';

/**
 * The one place where failures become API errors:
 * - expected failures (DomainError, input validation, unique-key races) of a mutation become a
 *   `userError` in its payload (its transaction has already rolled back);
 * - the same in a query become a GraphQL error with `extensions.code`;
 * - anything else is masked behind a correlation id that the log carries.
 */
export function toDomainError(error: unknown, argName: string | null): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof ArgumentValidationError) {
    const first = flatten(error.extensions.validationErrors as ValidationError[])[0];
    const path = argName ? [argName, ...(first?.path ?? [])] : (first?.path ?? null);
    return new DomainError(ErrorCode.INVALID_INPUT, first?.message ?? 'Invalid input', path);
  }
  // every attempt of the transaction met a deadlock or a Galera certification conflict (src/db/transactions.ts)
  if (error instanceof TransactionConflictError) return new DomainError(ErrorCode.CONFLICT, error.message);
  if (error instanceof QueryFailedError && isUniqueViolation(error)) {
    return new DomainError(ErrorCode.CONFLICT, 'This conflicts with a change made at the same time; reload and try again');
  }
  return null;
}

function flatten(errors: ValidationError[], parent: string[] = []): Array<{ path: string[]; message: string }> {
  return errors.flatMap((e) => {
    const path = [...parent, e.property];
    const own = e.constraints ? Object.values(e.constraints).map((message) => ({ path, message })) : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Apollo's codes for a request that could not run as sent. */
const REQUEST_ERROR_CODES = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

function isUniqueViolation(error: QueryFailedError): boolean {
  const driverError = error.driverError as { code?: string; errno?: number } | undefined;
  return (
    driverError?.code === 'ER_DUP_ENTRY' ||
    driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driverError?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * "Did you mean …?" suggestions name fields and enum values: only signed-in callers get them.
 * (Validation and variable errors both carry them; they are removed from the formatted errors.)
 */
export function hideSuggestionsFromAnonymous(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.viewer) return;
          const body = response.body;
          for (const error of (body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors) ?? []) {
            (error as { message: string }).message = error.message.replace(/ ?Did you mean(.+?)\?$/, '');
          }
        },
      };
    },
  };
}

/** Wraps every mutation resolver so expected failures are returned as `{ userErrors }` payloads. */
export function returnUserErrorsFromMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    const resolve = field.resolve!;
    const argName = field.args.some((a) => a.name === 'input') ? 'input' : null;
    // a payload without userErrors (requestPasswordReset's) reports failures as GraphQL errors
    const payload = getNamedType(field.type);
    if (!isObjectType(payload) || !payload.getFields().userErrors) continue;
    field.resolve = async (...args) => {
      try {
        const result = await resolve(...args);
        // services return just their object(s); an empty userErrors completes the payload
        return result !== null && typeof result === 'object' && !('userErrors' in result) ? { ...result, userErrors: [] } : result;
      } catch (error) {
        const domain = toDomainError(error, argName);
        if (!domain) throw error;
        // `ok: false` for the payloads that say only whether it worked (OkPayload); other payloads have no such field
        return { ok: false, userErrors: [{ code: domain.code, message: domain.message, field: domain.field }] };
      }
    };
  }
  return schema;
}

/**
 * The database failure behind an error (a resolver's, or the context's, which Apollo wraps once
 * more; a value that is no `Error` of this realm graphql-js wraps as NonErrorThrown).
 */
function databaseUnavailableCause(error: unknown): unknown {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if (isDatabaseUnavailable(e) || isUnansweredRead(e)) return e;
    e = e instanceof GraphQLError ? e.originalError : (e as { thrownValue?: unknown }).thrownValue;
  }
  return null;
}

/**
 * Database unavailable: HTTP 503 with `Retry-After` on every route (the error's `extensions.http`
 * says so for errors thrown while building the context; this plugin for those of resolvers).
 */
export function serviceUnavailableStatus(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = (body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors) ?? [];
          if (!errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/**
 * Apollo's formatError: codes for expected errors, a correlation id for everything else. A database
 * that cannot serve is SERVICE_UNAVAILABLE, reported to `onDatabaseUnavailable` (which logs once
 * per outage) rather than logged per request.
 */
export function createErrorFormatter(
  logger: Logger,
  options: { statementTimeoutMs?: number; onDatabaseUnavailable?: (error: unknown) => void } = {},
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unavailable = databaseUnavailableCause(error);
    if (unavailable) {
      if (options.onDatabaseUnavailable) options.onDatabaseUnavailable(unavailable);
      else logger.error({ err: unavailable }, 'database unavailable');
      return {
        message:
          unavailable instanceof DatabaseUnavailableError
            ? unavailable.message
            : `The database is not available; try again in ${RETRY_AFTER_SECONDS} seconds`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
      };
    }
    // the Authorization header's token is unknown, expired or revoked (an error of the request context: HTTP 401)
    const rejected = error instanceof GraphQLError ? error.originalError : error;
    if (rejected instanceof TokenRejectedError) {
      return { message: rejected.message, extensions: { code: 'UNAUTHENTICATED', reason: rejected.reason } };
    }
    const original = unwrapResolverError(error);
    // refused before execution: the limit's own code, the limit and the value
    if (original instanceof QueryLimitError) {
      const { code, limit, value } = original.extensions;
      return { message: original.message, locations: formatted.locations, extensions: { code, limit, value } };
    }
    // over the rate limit: when to retry
    if (original instanceof RateLimitedError) {
      const { code, retryAfterSeconds } = original.extensions;
      return { message: original.message, locations: formatted.locations, extensions: { code, retryAfterSeconds } };
    }
    const tooLong = tokenLimitError(formatted);
    if (tooLong) return tooLong;
    // a field's deadline (with its path), or the whole query's (src/graphql/deadline.ts, no path)
    const deadlinePassed = [original, rejected].find((e) => e instanceof RequestTimeoutError);
    if (deadlinePassed || isStatementTimeout(original)) {
      const message =
        deadlinePassed instanceof RequestTimeoutError
          ? deadlinePassed.message
          : `A database statement took longer than ${options.statementTimeoutMs ?? 'its limit of'} ms and was stopped`;
      logger.warn({ path: formatted.path, err: original }, 'request timeout');
      return { message, path: formatted.path, locations: formatted.locations, extensions: { code: 'REQUEST_TIMEOUT' } };
    }
    const domain = toDomainError(original, null);
    if (domain) {
      return {
        message: domain.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: domain.code, field: domain.field },
      };
    }
    if (original instanceof UnauthenticatedError || original instanceof AuthenticationError) {
      return { message: 'Sign in first', path: formatted.path, locations: formatted.locations, extensions: { code: 'UNAUTHENTICATED' } };
    }
    // parse, validation and variable errors describe the request itself: pass them on (Apollo wraps
    // graphql-js's errors, so they have an originalError; what matters is their code and no path)
    if (original instanceof GraphQLError && formatted.path === undefined && REQUEST_ERROR_CODES.has(String(formatted.extensions?.code))) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: formatted.extensions?.code ?? 'BAD_REQUEST' },
      };
    }
    const correlationId = randomUUID();
    logger.error({ err: original, correlationId, path: formatted.path }, 'unexpected error');
    return {
      message: `Internal error; quote ${correlationId} when reporting it`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
    };
  };
}
