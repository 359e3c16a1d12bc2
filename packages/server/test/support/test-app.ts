import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pino, { Logger } from 'pino';
import { createApp, App } from '../../src/app';
import { loadConfig, Config } from '../../src/config';
import type { Mailer } from '../../src/infrastructure/mail/mailer';
import type { RateLimiter } from '../../src/infrastructure/rate-limit/rate-limiter';
import { Factories } from './factories';
import type { RequestContext } from '../../src/kernel/request-context';
import { TokenRejectedError } from '../../src/shared/errors';

export interface GqlResult<T = any> {
  data?: T | null;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; [k: string]: unknown };
    path?: Array<string | number>;
    locations?: Array<{ line: number; column: number }>;
  }>;
}

export interface TestApp {
  app: App;
  config: Config;
  factories: Factories;
  /** Runs an operation through the real schema and context path as `token`'s viewer (null: anonymous). */
  gql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Counts SQL statements issued while `work` runs (all connections of the app). */
  countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  outbox: string;
  close(): Promise<void>;
}

/** `DATABASE_URL` of the run: SQLite by default, MySQL/MariaDB when it names one. */
export const testDatabaseUrl = process.env.DATABASE_URL ?? '';
export const onMysql = /^(mysql|mariadb):/.test(testDatabaseUrl);

/**
 * A fresh, migrated database and app for one test file: a new SQLite file, or a new MySQL
 * database next to the one DATABASE_URL names (the CI user may create `<name>_*` databases).
 */
export async function startTestApp(
  options: { env?: Record<string, string>; mailer?: Mailer; logger?: Logger; limiter?: RateLimiter; startOutboxWorker?: boolean } = {},
): Promise<TestApp> {
  const suffix = randomBytes(6).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-test-'));
  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (onMysql) {
    const url = new URL(testDatabaseUrl.replace(/^mariadb:/, 'mysql:'));
    const base = url.pathname.replace(/^\//, '') || 'clientele';
    const name = `${base}_${suffix}`;
    const admin = await mysql.createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = await mysql.createConnection({
        host: url.hostname,
        port: Number(url.port || 3306),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    };
  } else {
    databaseUrl = `sqlite:${path.join(dir, 'test.sqlite')}`;
  }
  const outbox = path.join(dir, 'outbox');
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DEMO_DATA: '0',
    MAIL_OUTBOX: outbox,
    PUBLIC_URL: 'http://portal.test',
    // fixed, so no key file is generated into the repository's data folder (MySQL runs)
    SECRET_KEY: 'clientele-test-secret-key-0123456789abcdef',
    LOG_LEVEL: 'silent',
    // the suite fires requests far faster than people do: budgets out of the way unless a test sets them
    RATE_LIMIT_CAPACITY: '1000000000',
    RATE_LIMIT_RESTORE_RATE: '1000000000',
    SIGN_IN_ATTEMPTS_PER_ACCOUNT: '1000000',
    SIGN_IN_ATTEMPTS_PER_IP: '1000000',
    INVITATION_MAILS_PER_INVITER_PER_HOUR: '1000000',
    INVITATION_MAILS_PER_ADDRESS_PER_HOUR: '1000000',
    INVITATION_RESEND_INTERVAL_SECONDS: '0',
    // tests mint tokens freely (one account, a token per scope and operation): the cap has its own test
    API_TOKENS_PER_ACCOUNT: '1000000',
    ...options.env,
  });
  const app = await createApp(config, {
    logger: options.logger ?? pino({ level: 'silent' }),
    mailer: options.mailer,
    limiter: options.limiter,
    // the suite delivers mail itself after each operation (gql below), so a test sees its mails at once
    startOutboxWorker: options.startOutboxWorker ?? false,
  });

  const statementLog: string[] = [];
  let counting = false;
  // every statement goes through the data source's logger: count there, on both connections
  for (const source of new Set([app.database.dataSource, app.database.reader.connection])) {
    const logger = source.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      if (counting && !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(query)) statementLog.push(query);
      return logQuery(query, parameters, runner);
    };
  }

  return {
    app,
    config,
    outbox,
    factories: new Factories(app),
    async gql(token, query, variables) {
      let contextValue: RequestContext;
      try {
        contextValue = await app.contextFor(token, { clientIp: '203.0.113.7' });
      } catch (error) {
        // an unknown, expired or revoked token: over HTTP a 401 with these errors (test/auth/token-rejection.test.ts)
        if (!(error instanceof TokenRejectedError)) throw error;
        return { errors: [{ message: error.message, extensions: { code: error.extensions.code, reason: error.reason } }] };
      }
      const response = await app.apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      await app.deliverWaitingMail();
      return response.body.singleResult as GqlResult;
    },
    async countStatements(work) {
      statementLog.length = 0;
      counting = true;
      try {
        const result = await work();
        return { result, statements: [...statementLog] };
      } finally {
        counting = false;
      }
    },
    async close() {
      await app.close();
      if (dropDatabase) await dropDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
