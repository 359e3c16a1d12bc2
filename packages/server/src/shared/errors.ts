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
