import type { EntityManager } from 'typeorm';

/** The outbox's table, for its hand-written statements. */
export const OUTBOX_TABLE = 'outbox_message';

export function isSqlite(manager: EntityManager): boolean {
  return manager.connection.options.type === 'better-sqlite3';
}

/**
 * A time as both databases store a `datetime(3)` in UTC (`2025-01-31 12:00:00.000`): what TypeORM
 * writes on SQLite and mysql2 sends with `timezone: 'Z'`. Times are computed in JS and passed as
 * parameters, so every comparison uses the same clock on both databases.
 */
export function sqlTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Runs a write statement with `manager`'s connection (its transaction, if any) and returns the rows it changed. */
export async function execute(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, parameters, true);
    return result.affected ?? 0;
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

/** `(?, ?, ?), (?, ?, ?)`: placeholders for `rows` rows of `columns` values. */
export function valuesList(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
