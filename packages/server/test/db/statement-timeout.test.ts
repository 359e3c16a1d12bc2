import { statementTimeoutSql } from '../../src/db/statement-timeout';
import { onMysql, startTestApp, TestApp } from '../support/test-app';

/**
 * The database statement timeout (DB_STATEMENT_TIMEOUT_MS): a session variable on every pooled
 * MySQL/MariaDB connection. SQLite cannot interrupt a statement (docs/api.md); there only the
 * request deadline applies, so the database part of this file runs on MySQL/MariaDB only.
 */

it('the session variable of each server', () => {
  expect(statementTimeoutSql('10.11.19-MariaDB-0+deb12u1', 1500)).toBe('SET SESSION max_statement_time = 1.5');
  expect(statementTimeoutSql('8.4.3', 1500)).toBe('SET SESSION max_execution_time = 1500');
});

(onMysql ? describe : describe.skip)('on MySQL/MariaDB', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { DB_STATEMENT_TIMEOUT_MS: '300' } });
    staff = await t.factories.signIn(await t.factories.staffAdmin());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stops a long statement on every pooled connection', async () => {
    // more at once than one connection: the pool opens several, each gets the timeout. Every
    // statement failing with the server's timeout error is the proof (a connection without the
    // variable would finish its SLEEP); no wall-clock bound, which a loaded machine would break.
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => t.app.deps.reader.query('SELECT SLEEP(3) AS slept')));
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as { driverError?: { errno?: number } };
      expect([1969, 3024]).toContain(error.driverError?.errno);
    }
    // short statements are unaffected
    expect(await t.app.deps.reader.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('a statement stopped by the timeout is REQUEST_TIMEOUT for the caller', async () => {
    const slow = jest.spyOn(t.app.services.tickets, 'list').mockImplementation(async (ctx) => ctx.db.query('SELECT SLEEP(3)'));
    try {
      const result = await t.gql(staff, `{ tickets { totalCount } }`);
      expect(result.errors?.[0]).toMatchObject({
        message: 'A database statement took longer than 300 ms and was stopped',
        extensions: { code: 'REQUEST_TIMEOUT' },
      });
    } finally {
      slow.mockRestore();
    }
  });

  it('migrations are not subject to it (they run before the pool gets the timeout)', async () => {
    const [row] = await t.app.deps.reader.query('SELECT @@SESSION.max_statement_time AS timeout');
    expect(Number(row.timeout)).toBeCloseTo(0.3);
  });
});
