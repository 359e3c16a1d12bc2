import mysql2 from 'mysql2';

/**
 * The database statement timeout (DB_STATEMENT_TIMEOUT_MS) is a session variable set on every
 * pooled connection as it is opened, before the pool hands it out:
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

type PoolConnection = { query(sql: string, callback: (error: Error | null) => void): void };

/** mysql2, except that every new pooled connection first runs `sql` (TypeORM's `driver` option). */
export function mysql2WithSessionSetup(sql: string, onError: (error: Error) => void): typeof mysql2 {
  return Object.assign(Object.create(mysql2) as typeof mysql2, {
    createPool(options: mysql2.PoolOptions) {
      const pool = mysql2.createPool(options);
      // queued on the connection before the command it was opened for
      pool.on('connection', (connection: PoolConnection) => connection.query(sql, (error) => error && onError(error)));
      return pool;
    },
  });
}
