import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs units of work in database transactions.
 *
 * MySQL/MariaDB: READ COMMITTED, so a statement after a row lock sees what the lock holder
 * committed; invariants take row locks with `lockForUpdate`.
 * SQLite: one connection serves the process and TypeORM would nest a second concurrent
 * transaction as a savepoint of the first, so transactions are serialized here; that is
 * also the isolation SQLite gives a single writer anyway.
 */
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction('READ COMMITTED', work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The lock taking SELECT of `lockForUpdate` and `lockForShare`. */
async function lockRows(manager: EntityManager, table: string, column: string, values: string[], mode: string): Promise<void> {
  if (values.length === 0 || manager.connection.options.type === 'better-sqlite3') return;
  const sorted = [...new Set(values)].sort(); // one global order: no deadlock between lockers
  await manager.query(
    `SELECT ${column} FROM ${table} WHERE ${column} IN (${sorted.map(() => '?').join(', ')}) ORDER BY ${column} ${mode}`,
    sorted,
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
