import mysql from 'mysql2/promise';
import type { MysqlDatabaseConfig } from '../config';

/** Thrown at start when the database is not utf8mb4: the server refuses to run on it. */
export class DatabaseCharsetError extends Error {
  constructor(database: string, charset: string, collation: string) {
    const name = `\`${database.replace(/`/g, '``')}\``;
    super(
      `The database ${name} uses the character set ${charset} (collation ${collation}); Clientele stores text as utf8mb4 and will not start on anything else. ` +
        `Use a new database (CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci), ` +
        `or convert this one while it holds no tables (ALTER DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci).`,
    );
    this.name = 'DatabaseCharsetError';
  }
}

/**
 * Before anything connects to the database of DATABASE_URL: creates it as utf8mb4 when it does not
 * exist, and refuses (DatabaseCharsetError) when it exists with another character set. A latin1
 * database otherwise fails later and obscurely (index key lengths, characters beyond Latin-1).
 * Talks to the first host that answers.
 */
export async function ensureUtf8mb4Database(db: MysqlDatabaseConfig): Promise<'created' | 'checked'> {
  let lastError: unknown = null;
  for (const { host, port } of db.hosts) {
    let connection: mysql.Connection;
    try {
      connection = await mysql.createConnection({
        host,
        port,
        user: db.user,
        password: db.password,
        connectTimeout: db.connectTimeoutMs ?? 10_000,
      });
    } catch (error) {
      lastError = error;
      continue;
    }
    try {
      const [rows] = await connection.query(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [db.database],
      );
      const [found] = rows as Array<{ charset: string; collation: string }>;
      if (!found) {
        await connection.query(
          `CREATE DATABASE IF NOT EXISTS \`${db.database.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        );
        return 'created';
      }
      if (found.charset.toLowerCase() !== 'utf8mb4') throw new DatabaseCharsetError(db.database, found.charset, found.collation);
      return 'checked';
    } finally {
      await connection.end().catch(() => undefined);
    }
  }
  throw lastError;
}
