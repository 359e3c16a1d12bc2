/**
 * The database statement timeout (DB_STATEMENT_TIMEOUT_MS) is a session variable set on every
 * pooled connection as it is opened, before the pool hands it out (src/db/failover-pool.ts):
 * - MariaDB: `max_statement_time` (seconds, any statement: reads, writes and lock waits);
 * - MySQL 8: `max_execution_time` (milliseconds, read-only SELECTs only).
 * SQLite runs statements synchronously in the process and cannot interrupt them; there the
 * request deadline still stops a request between statements.
 */
export function statementTimeoutSql(serverVersion: string, timeoutMs: number): string {
  return /mariadb/i.test(serverVersion)
    ? `SET SESSION max_statement_time = ${timeoutMs / 1000}`
    : `SET SESSION max_execution_time = ${Math.round(timeoutMs)}`;
}
