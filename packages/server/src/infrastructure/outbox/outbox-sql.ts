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

// a statement stays well under MariaDB's default max_allowed_packet (16 MiB)
const MAX_ROWS_PER_STATEMENT = 200;
const MAX_BODY_BYTES_PER_STATEMENT = 4 * 1024 * 1024;

/**
 * Writes `rows` (values in `columns`' order) to an outbox table with `manager` — the caller's
 * transaction — as few multi-row INSERTs as fit: up to 200 rows and about 4 MB of `bytesOf` (the
 * rows' bodies) a statement. `ignoreDuplicateOf`: a unique column whose duplicates are skipped
 * rather than refused. Returns how many rows were added.
 */
export async function insertOutboxRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  bytesOf: (row: readonly unknown[]) => number,
  ignoreDuplicateOf?: string,
): Promise<number> {
  const sqlite = isSqlite(manager);
  let added = 0;
  for (let start = 0; start < rows.length;) {
    const values: unknown[] = [];
    let count = 0;
    let bytes = 0;
    for (; start < rows.length && count < MAX_ROWS_PER_STATEMENT; start++, count++) {
      const size = bytesOf(rows[start]);
      if (count > 0 && bytes + size > MAX_BODY_BYTES_PER_STATEMENT) break;
      bytes += size;
      values.push(...rows[start]);
    }
    const insert = `INTO ${table} (${columns.join(', ')}) VALUES ${valuesList(count, columns.length)}`;
    const sql = !ignoreDuplicateOf
      ? `INSERT ${insert}`
      : sqlite
        ? `INSERT ${insert} ON CONFLICT (${ignoreDuplicateOf}) DO NOTHING`
        : `INSERT IGNORE ${insert}`;
    added += await execute(manager, sql, values);
  }
  return added;
}
