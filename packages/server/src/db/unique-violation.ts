import { QueryFailedError } from 'typeorm';

/**
 * Whether `error` is a unique-key violation of the index `index` over `columns` of `table`:
 * MySQL/MariaDB name the index (`Duplicate entry … for key 'ux_…'`), SQLite the columns
 * (`UNIQUE constraint failed: table.a, table.b`).
 */
export function isUniqueViolationOf(error: unknown, table: string, index: string, columns: readonly string[]): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  const message = driverError?.message ?? error.message;
  if (driverError?.code === 'ER_DUP_ENTRY') return message.includes(`'${index}'`) || message.includes(`'${table}.${index}'`);
  if (driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE') return message.includes(columns.map((c) => `${table}.${c}`).join(', '));
  return false;
}
