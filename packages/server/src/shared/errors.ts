/** Codes of ErrorCode in the contract; the only vocabulary for expected failures. */
export enum ErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  LAST_ADMINISTRATOR = 'LAST_ADMINISTRATOR',
  CYCLE = 'CYCLE',
  INVITATION_INVALID = 'INVITATION_INVALID',
  INVITATION_EXPIRED = 'INVITATION_EXPIRED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  RATE_LIMITED = 'RATE_LIMITED',
  /** The email could not be handed to the mail server; nothing was saved. */
  MAIL_DELIVERY_FAILED = 'MAIL_DELIVERY_FAILED',
  /** A password reset (or other emailed) token that is unknown, used or superseded. */
  INVALID_TOKEN = 'INVALID_TOKEN',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  /** A two-step code (TOTP or recovery code) that is wrong or already used. */
  INVALID_CODE = 'INVALID_CODE',
  /** signIn with the right password of a disabled account (a wrong one is INVALID_CREDENTIALS, as for any account). */
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  /** An Idempotency-Key sent again with a different request (a GraphQL error with HTTP 422, src/http/idempotency.ts). */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}

/**
 * An expected failure. Thrown by services; turned into a `userError` in mutation payloads (the
 * transaction rolls back) or into a GraphQL error with `extensions.code` in queries.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field: string[] | null = null,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidInput = (message: string, field: string[] | null = null) => new DomainError(ErrorCode.INVALID_INPUT, message, field);
export const notFound = (what: string, field: string[] | null = null) => new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, field);
export const forbidden = (message = 'You are not allowed to do this') => new DomainError(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string, field: string[] | null = null) => new DomainError(ErrorCode.CONFLICT, message, field);

/** Raised when a request has no valid session or token; always a GraphQL error. */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Sign in first') {
    super(message);
  }
}

/** Why the token a request presented in its Authorization header was refused (docs/api.md "Errors"). */
export type TokenRejection = 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_REVOKED';

const TOKEN_REJECTION_MESSAGES: Record<TokenRejection, string> = {
  TOKEN_INVALID: 'The token in the Authorization header is not valid',
  TOKEN_EXPIRED: 'The token in the Authorization header has expired',
  TOKEN_REVOKED: 'The token in the Authorization header has been revoked',
};

/**
 * An Authorization header whose token is unknown, expired or revoked: the whole request is refused
 * with HTTP 401 (extensions.http, honoured for errors of the request context) and `extensions.reason`.
 */
export class TokenRejectedError extends Error {
  readonly extensions: {
    code: 'UNAUTHENTICATED';
    reason: TokenRejection;
    http: { status: number; headers: Map<string, string> };
  };

  constructor(readonly reason: TokenRejection) {
    super(TOKEN_REJECTION_MESSAGES[reason]);
    this.name = 'TokenRejectedError';
    this.extensions = {
      code: 'UNAUTHENTICATED',
      reason,
      http: { status: 401, headers: new Map([['www-authenticate', 'Bearer realm="clientele", error="invalid_token"']]) },
    };
  }
}
