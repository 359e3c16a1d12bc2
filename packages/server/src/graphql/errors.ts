import { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError, AuthenticationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DomainError, ErrorCode, UnauthenticatedError } from '../shared/errors';

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

function isUniqueViolation(error: QueryFailedError): boolean {
  const driverError = error.driverError as { code?: string; errno?: number } | undefined;
  return (
    driverError?.code === 'ER_DUP_ENTRY' ||
    driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driverError?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Wraps every mutation resolver so expected failures are returned as `{ userErrors }` payloads. */
export function returnUserErrorsFromMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    const resolve = field.resolve!;
    const argName = field.args.some((a) => a.name === 'input') ? 'input' : null;
    field.resolve = async (...args) => {
      try {
        const result = await resolve(...args);
        // services return just their object(s); an empty userErrors completes the payload
        return result !== null && typeof result === 'object' && !('userErrors' in result) ? { ...result, userErrors: [] } : result;
      } catch (error) {
        const domain = toDomainError(error, argName);
        if (!domain) throw error;
        return { userErrors: [{ code: domain.code, message: domain.message, field: domain.field }] };
      }
    };
  }
  return schema;
}

/** Apollo's formatError: codes for expected errors, a correlation id for everything else. */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
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
    // parse, validation and variable errors describe the request itself: pass them on
    if (original instanceof GraphQLError && !original.originalError && formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') {
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
