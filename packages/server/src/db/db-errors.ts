import { QueryFailedError } from 'typeorm';

/**
 * How database failures are told apart (docs/decisions.md "Issue 14: faults"):
 * - a **conflict** aborted the transaction and nothing of it was kept: InnoDB's deadlock and lock
 *   wait timeout, Galera's certification failure (also 1213), an error during COMMIT (1180, which
 *   Galera answers when a commit could not be replicated). The whole transaction may run again.
 * - the database is **unavailable**: the connection could not be opened or was lost, the pool had no
 *   connection in time, the server is shutting down, or a Galera node is not part of the primary
 *   component (1047 "WSREP has not yet prepared node for application use"). Before COMMIT was sent,
 *   nothing was kept and the transaction may run again (on another connection, perhaps another host).
 */

/** Seconds a client is told to wait (`Retry-After`) when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

const CONFLICT_ERRNOS = new Set([
  1213, // ER_LOCK_DEADLOCK; Galera: "WSREP detected deadlock/conflict and aborted the transaction"
  1205, // ER_LOCK_WAIT_TIMEOUT
  1180, // ER_ERROR_DURING_COMMIT (Galera: the write set could not be certified or replicated)
]);

const UNAVAILABLE_ERRNOS = new Set([
  1047, // ER_UNKNOWN_COM_ERROR: "WSREP has not yet prepared node for application use"
  1040, // ER_CON_COUNT_ERROR: too many connections
  1053, // ER_SERVER_SHUTDOWN
  1927, // ER_CONNECTION_KILLED
  2002, // CR_CONNECTION_ERROR
  2003, // CR_CONN_HOST_ERROR
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST
]);

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_CLOSED',
  'DB_ACQUIRE_TIMEOUT',
]);

interface DriverError {
  code?: string;
  errno?: number;
  fatal?: boolean;
  message?: string;
}

/** The mysql2 error behind a TypeORM error (or the error itself). */
export function driverErrorOf(error: unknown): DriverError | null {
  if (error instanceof QueryFailedError) return error.driverError as DriverError;
  return error !== null && typeof error === 'object' ? (error as DriverError) : null;
}

/** Nothing of the transaction was kept and it may run again as a whole. */
export function isConflict(error: unknown): boolean {
  const e = driverErrorOf(error);
  return e?.errno !== undefined && CONFLICT_ERRNOS.has(e.errno);
}

/** The database (or this connection to it) cannot serve: see above. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const e = driverErrorOf(error);
  if (!e) return false;
  if (e.errno !== undefined && UNAVAILABLE_ERRNOS.has(e.errno)) return true;
  if (e.code !== undefined && UNAVAILABLE_CODES.has(e.code)) return true;
  // mysql2 marks errors that ended the connection as fatal ("Can't add new command when connection is in closed state")
  return e.fatal === true && !(e.errno !== undefined && CONFLICT_ERRNOS.has(e.errno));
}

const FROM_POOL = Symbol('database pool error');

/** Marks an error of the connection pool (not of a statement) as the database's. */
export function markPoolError<E>(error: E): E {
  if (error !== null && typeof error === 'object') (error as Record<symbol, boolean>)[FROM_POOL] = true;
  return error;
}

/**
 * `isUnavailable`, for errors known to come from the database (a statement's QueryFailedError, the
 * pool's errors, DatabaseUnavailableError): a mail server's ECONNREFUSED is not the database's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const fromDatabase = error instanceof QueryFailedError || (error !== null && typeof error === 'object' && FROM_POOL in error);
  return fromDatabase && isUnavailable(error);
}

/** MariaDB's max_statement_time (1969) or MySQL's max_execution_time (3024) stopped a statement. */
export function isStatementTimeout(error: unknown): boolean {
  const driverError = (error instanceof QueryFailedError ? error.driverError : null) as { errno?: number } | null;
  return driverError?.errno === 1969 || driverError?.errno === 3024;
}

/**
 * A statement outside a transaction that ended in a lock wait timeout or a deadlock: a read (writes
 * all run in TransactionRunner, which turns these into TransactionConflictError). Reads take no row
 * locks at READ COMMITTED; on a Galera node with `wsrep_sync_wait` the 1205 is the causal wait's
 * timeout — the node could not catch up with the cluster in time. The database could not answer:
 * SERVICE_UNAVAILABLE, like a lost connection, not an internal error.
 */
export function isUnansweredRead(error: unknown): boolean {
  return error instanceof QueryFailedError && isConflict(error);
}

/** A Galera node that is up but not serving (not in the primary component, or not synced yet). */
export function isNodeNotReady(error: unknown): boolean {
  return driverErrorOf(error)?.errno === 1047;
}

/**
 * The database could not serve the request: HTTP 503 with `Retry-After` and
 * `extensions.code: SERVICE_UNAVAILABLE` (Apollo takes the status from `extensions.http`).
 */
export class DatabaseUnavailableError extends Error {
  readonly extensions: { code: 'SERVICE_UNAVAILABLE'; retryAfterSeconds: number; http: { status: number; headers: Map<string, string> } };

  constructor(message = `The database is not available; try again in ${RETRY_AFTER_SECONDS} seconds`, cause?: unknown) {
    super(message, { cause });
    this.name = 'DatabaseUnavailableError';
    this.extensions = {
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    };
  }
}

/**
 * The connection was lost after COMMIT was sent and before the server answered: whether the change
 * was saved is unknown. Said as such (never "failed"), with SERVICE_UNAVAILABLE.
 */
export class CommitOutcomeUnknownError extends DatabaseUnavailableError {
  constructor(cause?: unknown) {
    super('The database did not confirm the change in time: it may or may not have been saved; reload to check before trying again', cause);
    this.name = 'CommitOutcomeUnknownError';
  }
}

/** Every attempt of a transaction ended in a conflict (deadlock, lock wait, certification failure). */
export class TransactionConflictError extends Error {
  constructor(
    readonly attempts: number,
    cause?: unknown,
  ) {
    super('This conflicts with changes made at the same time; nothing was saved, try again', { cause });
    this.name = 'TransactionConflictError';
  }
}
