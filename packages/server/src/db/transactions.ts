import { DataSource, EntityManager } from 'typeorm';
import {
  CommitOutcomeUnknownError,
  DatabaseUnavailableError,
  isConflict,
  isDatabaseUnavailable,
  TransactionConflictError,
} from './db-errors';
import { failoverPoolOf } from './failover-pool';

/** Attempts of one transaction on a conflict before CONFLICT is answered (docs/decisions.md "Issue 14: faults"). */
export const TRANSACTION_ATTEMPTS = 4;
/** First backoff after a conflict; doubled per attempt, with jitter (25 ms, 50 ms, 100 ms at most). */
const BACKOFF_MS = 25;
/** After the deadline, how long a COMMIT already sent is still waited for before its outcome is called unknown. */
const COMMIT_GRACE_MS = 2_000;

export interface TransactionOptions {
  /**
   * Epoch ms after which the transaction must not go on: a transaction still working then is rolled
   * back (its connection is closed, which makes the server roll back) and rejects with
   * `deadlineError()`; no attempt starts after it.
   */
  deadlineAt?: number;
  deadlineError?: () => Error;
}

type Phase = 'acquire' | 'work' | 'commit';

/** An attempt's failure, with how far the attempt had got. */
class AttemptFailure {
  constructor(
    readonly error: unknown,
    readonly phase: Phase,
  ) {}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs units of work in database transactions.
 *
 * MySQL/MariaDB: READ COMMITTED, so a statement after a row lock sees what the lock holder
 * committed; invariants take row locks with `lockForUpdate`. A transaction that ends in a conflict
 * (deadlock, lock wait timeout, Galera certification failure) or loses its database before COMMIT
 * runs again as a whole (`TRANSACTION_ATTEMPTS`, jittered exponential backoff), so `work` must do
 * nothing but database work (after-commit effects go through `afterCommit` of the request context);
 * then CONFLICT (TransactionConflictError) or SERVICE_UNAVAILABLE (DatabaseUnavailableError).
 * SQLite: one connection serves the process and TypeORM would nest a second concurrent
 * transaction as a savepoint of the first, so transactions are serialized here; that is
 * also the isolation SQLite gives a single writer anyway.
 */
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;
  /** Attempts that failed with a conflict and ran again (for tests and benchmarks). */
  retries = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly attempts = TRANSACTION_ATTEMPTS,
  ) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (!this.isSqlite) return this.runWithRetries(work, options);
    const result = this.tail.then(() => {
      if (options.deadlineAt !== undefined && Date.now() >= options.deadlineAt)
        throw options.deadlineError?.() ?? new Error('past the deadline');
      return this.dataSource.transaction(work);
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async runWithRetries<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions): Promise<T> {
    const pastDeadline = () => options.deadlineAt !== undefined && Date.now() >= options.deadlineAt;
    for (let attempt = 1; ; attempt++) {
      if (pastDeadline()) throw options.deadlineError?.() ?? new Error('past the deadline');
      try {
        return await this.attempt(work, options);
      } catch (failure) {
        if (!(failure instanceof AttemptFailure)) throw failure;
        const { error, phase } = failure;
        const conflict = isConflict(error);
        const unavailable = !conflict && isDatabaseUnavailable(error);
        // lost during COMMIT: it may have been saved; running it again could save it twice
        if (unavailable && phase === 'commit') throw new CommitOutcomeUnknownError(error);
        if (!conflict && !unavailable) throw error;
        const backoff = BACKOFF_MS * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
        const timeLeft = options.deadlineAt === undefined || Date.now() + backoff < options.deadlineAt;
        // an acquire timeout already waited its whole budget: no second wait
        const again = attempt < this.attempts && timeLeft && (error as { code?: string }).code !== 'DB_ACQUIRE_TIMEOUT';
        if (!again) {
          if (conflict) throw new TransactionConflictError(attempt, error);
          throw error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(undefined, error);
        }
        this.retries++;
        await sleep(backoff);
      }
    }
  }

  /** One attempt; failures come as AttemptFailure (to retry or not), except the deadline's. */
  private async attempt<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    let phase: Phase = 'acquire';
    let connection: object | undefined;
    let abandoned = false;
    const steps = async (): Promise<T> => {
      try {
        await runner.connect();
        connection = (runner as unknown as { databaseConnection?: object }).databaseConnection;
        if (abandoned) throw new Error('abandoned at the deadline');
        phase = 'work';
        await runner.startTransaction('READ COMMITTED');
        const result = await work(runner.manager);
        phase = 'commit';
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (abandoned) {
          // the deadline came while waiting for the connection: it is fine, and goes back to the pool below
          if (phase !== 'acquire') closeConnection(connection);
        } else if (isDatabaseUnavailable(error) && connection) {
          // a lost connection or a Galera node that is not ready: never back to the pool; its host is left for the next
          failoverPoolOf(connection)?.leave(connection, error);
          closeConnection(connection);
        } else if (phase === 'work' && runner.isTransactionActive) {
          await runner.rollbackTransaction().catch(() => undefined);
        }
        throw new AttemptFailure(error, phase);
      } finally {
        // after an abandonment the connection is closed, and the pool has forgotten it: release does nothing
        await runner.release().catch(() => undefined);
      }
    };
    if (options.deadlineAt === undefined) return steps();
    // past the deadline: a transaction still working is abandoned and its connection closed, so the
    // server rolls it back; a COMMIT already sent gets a short grace, then its outcome is unknown
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      const abandon = (error: Error) => {
        abandoned = true;
        closeConnection(connection);
        reject(error);
      };
      const fire = () => {
        if (phase === 'commit') timer = setTimeout(() => abandon(new CommitOutcomeUnknownError()), COMMIT_GRACE_MS);
        else abandon(options.deadlineError?.() ?? new Error('past the deadline'));
      };
      timer = setTimeout(fire, Math.max(options.deadlineAt! - Date.now(), 0));
    });
    const done = steps();
    done.catch(() => undefined); // when abandoned, its late failure is nobody's
    try {
      return await Promise.race([done, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** For `.catch` of a best-effort write: a write that lost every attempt to conflicts is dropped; anything else is rethrown. */
export function ignoreConflict(error: unknown): void {
  if (!(error instanceof TransactionConflictError)) throw error;
}

/** Ends a mysql2 connection at once, whatever it was waiting for (the server rolls back its transaction). */
function closeConnection(connection: object | undefined): void {
  if (!connection) return;
  const c = connection as { destroy?: () => void; stream?: { destroy?: () => void } };
  c.destroy?.();
  c.stream?.destroy?.();
}

/**
 * Data sources on a Galera cluster. Galera certifies a transaction's write set at commit, and row
 * locks of `SELECT ... FOR UPDATE` stay on the node that took them: two nodes would both grant the
 * "same" lock. There a lock is also a write (`row_lock`), so the later of two conflicting commits
 * fails certification (1213) and runs again, seeing the first (TransactionRunner).
 */
const certifiedLocking = new WeakSet<DataSource>();

/** Makes every lock of this data source a write (set at start on a Galera node, src/db/data-source.ts). */
export function lockByWriting(dataSource: DataSource): void {
  certifiedLocking.add(dataSource);
}

/**
 * On a Galera cluster, writes the lock rows of `keys` (`<table>:<value>`, or any name) in the
 * transaction, so that a concurrent transaction on another node that locks one of them conflicts at
 * certification; elsewhere nothing (the row locks already serialize).
 */
export async function certifyLocks(manager: EntityManager, keys: string[]): Promise<void> {
  if (keys.length === 0 || !certifiedLocking.has(manager.connection)) return;
  const sorted = [...new Set(keys)].sort();
  await manager.query(
    `INSERT INTO row_lock (lock_key, version) VALUES ${sorted.map(() => '(?, 1)').join(', ')} ON DUPLICATE KEY UPDATE version = version + 1`,
    sorted,
  );
}

/** The lock taking SELECT of `lockForUpdate` and `lockForShare`. */
async function lockRows(manager: EntityManager, table: string, column: string, values: string[], mode: string): Promise<void> {
  if (values.length === 0 || manager.connection.options.type === 'better-sqlite3') return;
  const sorted = [...new Set(values)].sort(); // one global order: no deadlock between lockers
  await manager.query(
    `SELECT ${column} FROM ${table} WHERE ${column} IN (${sorted.map(() => '?').join(', ')}) ORDER BY ${column} ${mode}`,
    sorted,
  );
  await certifyLocks(
    manager,
    sorted.map((value) => `${table}.${column}:${value}`),
  );
}

/**
 * Locks rows until the transaction ends (`SELECT ... FOR UPDATE`). On SQLite the transaction
 * itself is exclusive (see TransactionRunner), so there is nothing to add.
 */
export function lockForUpdate(manager: EntityManager, table: string, column: string, values: string[]): Promise<void> {
  return lockRows(manager, table, column, values, 'FOR UPDATE');
}

/** Keeps rows from changing until the transaction ends, letting other readers lock them too (MySQL 8 and MariaDB both take this spelling). */
export function lockForShare(manager: EntityManager, table: string, column: string, values: string[]): Promise<void> {
  return lockRows(manager, table, column, values, 'LOCK IN SHARE MODE');
}
