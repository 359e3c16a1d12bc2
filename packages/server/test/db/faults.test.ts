import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino, { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { App, createApp } from '../../src/app';
import { loadConfig, parseMysqlUrl } from '../../src/config';
import { DatabaseCharsetError } from '../../src/db/charset';
import { openDatabase } from '../../src/db/data-source';
import { TRANSACTION_ATTEMPTS } from '../../src/db/transactions';
import { createHttpServer } from '../../src/http/server';
import { Factories } from '../support/factories';
import { capturedLogger, eventually, FaultProxy, scratchDatabase, sleep } from '../support/faults';
import { onMysql } from '../support/test-app';

/**
 * Issue 14, faults (docs/decisions.md "Issue 14: faults"): transactions retried on deadlocks,
 * deadlines that cover the session lookup and mutations, a bounded pool, SERVICE_UNAVAILABLE with
 * Retry-After logged once per outage, readiness that never hangs, several database hosts, and the
 * utf8mb4 check. Against the real MariaDB of DATABASE_URL, through a TCP proxy that makes it fail.
 */

it('DATABASE_URL takes one host or several', () => {
  expect(parseMysqlUrl('mysql://u:p%40ss@db:3307/clientele')).toEqual({
    hosts: [{ host: 'db', port: 3307 }],
    user: 'u',
    password: 'p@ss',
    database: 'clientele',
  });
  expect(parseMysqlUrl('mysql://root@h1:3306,h2,[::1]:3308/x?ssl=1')).toEqual({
    hosts: [
      { host: 'h1', port: 3306 },
      { host: 'h2', port: 3306 },
      { host: '::1', port: 3308 },
    ],
    user: 'root',
    password: '',
    database: 'x',
  });
  expect(parseMysqlUrl('mysql://u@h1:99999/x')).toBeNull();
  expect(parseMysqlUrl('postgres://u@h/x')).toBeNull();
  expect(() => loadConfig({ DATABASE_URL: 'mysql://u@h1:3306,,h2/x' })).toThrow(/DATABASE_URL/);
  const config = loadConfig({ DATABASE_URL: 'mariadb://u:p@h1,h2:3307/x', DB_ACQUIRE_TIMEOUT_MS: '250' });
  expect(config.database).toMatchObject({ kind: 'mysql', hosts: [{ host: 'h1' }, { host: 'h2', port: 3307 }], acquireTimeoutMs: 250 });
});

const describeMysql = onMysql ? describe : describe.skip;

interface Served {
  app: App;
  base: string;
  factories: Factories;
  close(): Promise<void>;
}

/** The app over `url`, served over HTTP on a free port. */
async function serve(url: string, env: Record<string, string> = {}, logger: Logger = pino({ level: 'silent' })): Promise<Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-faults-'));
  const config = loadConfig({
    DATABASE_URL: url,
    DEMO_DATA: '0',
    LOG_LEVEL: 'silent',
    MAIL_OUTBOX: path.join(dir, 'outbox'),
    SECRET_KEY: 'clientele-test-secret-key-0123456789abcdef',
    RATE_LIMIT_CAPACITY: '1000000000',
    RATE_LIMIT_RESTORE_RATE: '1000000000',
    SIGN_IN_ATTEMPTS_PER_ACCOUNT: '1000000',
    SIGN_IN_ATTEMPTS_PER_IP: '1000000',
    ...env,
  });
  const app = await createApp(config, { logger, startOutboxWorker: false });
  const server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    app,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    factories: new Factories(app),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function post(base: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const started = Date.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any, ms: Date.now() - started };
}

const UPDATE_COMPANY = `mutation ($id: ID!, $name: String!) { updateCompany(input: { id: $id, name: $name }) { company { name } userErrors { code message } } }`;
const SIGN_IN = `mutation { signIn(email: "nobody@example.test", password: "not the password") { userErrors { code } } }`;

describeMysql('transactions run again after a deadlock (1213), then CONFLICT', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let s: Served;
  let staff: string;
  beforeAll(async () => {
    db = await scratchDatabase('retry');
    s = await serve(db.urlVia());
    staff = await s.factories.signIn(await s.factories.staffAdmin());
  });
  afterAll(async () => {
    await s?.close();
    await db?.drop();
  });

  it('two mutations that deadlock for real: the loser runs again, both succeed, each audit row once', async () => {
    for (let round = 0; round < 3; round++) {
      const [a, b] = [await s.factories.company(), await s.factories.company()];
      // each updateCompany locks its own company; in its audit step it also locks the other one, after
      // both hold their first lock: InnoDB picks a deadlock victim (1213) every time
      const record = s.app.services.audit.recordChange.bind(s.app.services.audit);
      let arrived = 0;
      let release: () => void = () => undefined;
      const bothLocked = new Promise<void>((resolve) => (release = resolve));
      const firstAttempts = new Set<string>();
      const spy = jest.spyOn(s.app.services.audit, 'recordChange').mockImplementation(async (tx, action, target, ...rest) => {
        const own = (target as { id: string }).id;
        if (!firstAttempts.has(own)) {
          firstAttempts.add(own);
          if (++arrived === 2) release();
          await bothLocked;
          await tx.db.query('SELECT id FROM company WHERE id = ? FOR UPDATE', [own === a.id ? b.id : a.id]);
        }
        return record(tx, action, target, ...rest);
      });
      const retriesBefore = s.app.deps.transactions.retries;
      try {
        const [ra, rb] = await Promise.all([
          post(s.base, UPDATE_COMPANY, { id: a.id, name: `A ${round}` }, staff),
          post(s.base, UPDATE_COMPANY, { id: b.id, name: `B ${round}` }, staff),
        ]);
        expect([ra.status, rb.status]).toEqual([200, 200]);
        expect(ra.body.data.updateCompany).toEqual({ company: { name: `A ${round}` }, userErrors: [] });
        expect(rb.body.data.updateCompany).toEqual({ company: { name: `B ${round}` }, userErrors: [] });
      } finally {
        spy.mockRestore();
      }
      expect(s.app.deps.transactions.retries).toBeGreaterThan(retriesBefore);
      const audits = await db.query(
        `SELECT target_id, COUNT(*) AS n FROM audit_event WHERE action = 'company.update' AND target_id IN (?, ?) GROUP BY target_id`,
        [a.id, b.id],
      );
      expect(audits.map((r) => Number(r.n))).toEqual([1, 1]);
    }
  });

  it(`a conflict on every one of ${TRANSACTION_ATTEMPTS} attempts: CONFLICT, never an internal error, nothing saved`, async () => {
    const company = await s.factories.company({ name: 'Before the conflict' });
    let attempts = 0;
    const spy = jest.spyOn(s.app.services.audit, 'recordChange').mockImplementation(async () => {
      attempts++;
      throw new QueryFailedError(
        'COMMIT',
        [],
        Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213, code: 'ER_LOCK_DEADLOCK' }),
      );
    });
    try {
      const r = await post(s.base, UPDATE_COMPANY, { id: company.id, name: 'After the conflict' }, staff);
      expect(r.status).toBe(200);
      expect(r.body.data.updateCompany.userErrors).toEqual([
        { code: 'CONFLICT', message: 'This conflicts with changes made at the same time; nothing was saved, try again' },
      ]);
    } finally {
      spy.mockRestore();
    }
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    expect((await db.query('SELECT name FROM company WHERE id = ?', [company.id]))[0].name).toBe('Before the conflict');
  });
});

describeMysql('deadlines and the pool', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    db = await scratchDatabase('deadline');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('a mutation still running at the deadline is rolled back and answers REQUEST_TIMEOUT at the deadline', async () => {
    const s = await serve(db.urlVia(), { REQUEST_TIMEOUT_MS: '1500', DB_STATEMENT_TIMEOUT_MS: '0' });
    try {
      const staff = await s.factories.signIn(await s.factories.staffAdmin());
      const company = await s.factories.company({ name: 'Unchanged' });
      const record = s.app.services.audit.recordChange.bind(s.app.services.audit);
      // the update has been written; then the transaction waits past the deadline
      const spy = jest.spyOn(s.app.services.audit, 'recordChange').mockImplementation(async (tx, ...rest) => {
        await tx.db.query('SELECT SLEEP(4)');
        return record(tx, ...rest);
      });
      try {
        const r = await post(s.base, UPDATE_COMPANY, { id: company.id, name: 'Changed too late' }, staff);
        expect(r.body.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
        expect(r.ms).toBeLessThan(3500);
      } finally {
        spy.mockRestore();
      }
      await sleep(3000); // past the SLEEP: had the transaction gone on, it would have committed by now
      expect((await db.query('SELECT name FROM company WHERE id = ?', [company.id]))[0].name).toBe('Unchanged');
    } finally {
      await s.close();
    }
  });

  it('the deadline starts before the session lookup: a lookup that hangs answers 503 at the deadline', async () => {
    const s = await serve(db.urlVia(), { REQUEST_TIMEOUT_MS: '800' });
    try {
      const staff = await s.factories.signIn(await s.factories.staffAdmin());
      const spy = jest.spyOn(s.app.services.auth, 'resolveViewer').mockImplementation(() => new Promise(() => undefined));
      try {
        const r = await post(s.base, '{ viewer { id } }', {}, staff);
        expect(r.status).toBe(503);
        expect(r.headers.get('retry-after')).toBe('5');
        expect(r.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
        expect(r.ms).toBeLessThan(2500);
      } finally {
        spy.mockRestore();
      }
    } finally {
      await s.close();
    }
  });

  it('waiting for a pooled connection is bounded (DB_ACQUIRE_TIMEOUT_MS): SERVICE_UNAVAILABLE, not a hang', async () => {
    const s = await serve(db.urlVia(), { DB_POOL_SIZE: '1', DB_ACQUIRE_TIMEOUT_MS: '300', DB_STATEMENT_TIMEOUT_MS: '0' });
    try {
      const busy = s.app.deps.reader.query('SELECT SLEEP(2)'); // holds the only connection
      await sleep(100);
      const r = await post(s.base, SIGN_IN);
      expect(r.status).toBe(503);
      expect(r.body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
      expect(r.ms).toBeLessThan(1500);
      await busy;
      expect((await post(s.base, SIGN_IN)).body.data.signIn.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    } finally {
      await s.close();
    }
  });
});

describeMysql('the database down or hung', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let proxy: FaultProxy;
  let s: Served;
  let staff: string;
  const log = capturedLogger('info');
  beforeAll(async () => {
    db = await scratchDatabase('outage');
    proxy = new FaultProxy(db.host, db.port);
    const port = await proxy.start();
    s = await serve(
      db.urlVia([{ host: '127.0.0.1', port }]),
      { REQUEST_TIMEOUT_MS: '1500', DB_ACQUIRE_TIMEOUT_MS: '1000', DB_CONNECT_TIMEOUT_MS: '1000' },
      log.logger,
    );
    staff = await s.factories.signIn(await s.factories.staffAdmin());
  });
  afterAll(async () => {
    proxy?.thaw();
    await proxy?.kill();
    await s?.close();
    await db?.drop();
  });

  const outageLines = () => log.lines.filter((l) => /^database (unavailable|available again)/.test(l.msg)).map((l) => l.msg.split(':')[0]);

  it('down: 503 SERVICE_UNAVAILABLE with Retry-After on both routes, logged once per outage; recovery logged once', async () => {
    const company = await s.factories.company();
    await proxy.kill();
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push(await post(s.base, SIGN_IN)); // fast route, failing in a resolver
      answers.push(await post(s.base, '{ viewer { id } }', {}, staff)); // fast route, failing in the session lookup
      const viaExpress = await fetch(
        `${s.base}/graphql?query=${encodeURIComponent('{ invitationPreview(token: "abc") { __typename } }')}`,
        {
          headers: { 'apollo-require-preflight': 'true' },
        },
      );
      answers.push({ status: viaExpress.status, headers: viaExpress.headers, body: (await viaExpress.json()) as any, ms: 0 });
    }
    for (const a of answers) {
      expect(a.status).toBe(503);
      expect(a.headers.get('retry-after')).toBe('5');
      expect(a.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(a.body.errors[0].message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    }
    // a mutation too: nothing saved, and not masked
    const update = await post(s.base, UPDATE_COMPANY, { id: company.id, name: 'While down' }, staff);
    expect(update.status).toBe(503);
    const ready = Date.now();
    expect((await fetch(`${s.base}/readyz`)).status).toBe(503);
    expect(Date.now() - ready).toBeLessThan(1500);
    expect(outageLines()).toEqual(['database unavailable']);

    await proxy.start();
    await eventually(async () => (await fetch(`${s.base}/readyz`)).status === 200, 10_000, 'readiness');
    expect((await post(s.base, '{ viewer { id } }', {}, staff)).status).toBe(200);
    await eventually(() => outageLines().length === 2, 5_000, 'the recovery line');
    expect(outageLines()).toEqual(['database unavailable', 'database available again']);
  });

  it('hung: readiness answers 503 within a second, queries and mutations within the deadline; a late mutation is not saved', async () => {
    const company = await s.factories.company({ name: 'Before the hang' });
    proxy.freeze();
    try {
      const ready = Date.now();
      const readyz = await fetch(`${s.base}/readyz`);
      expect(readyz.status).toBe(503);
      expect(Date.now() - ready).toBeLessThan(1500);
      const results = await Promise.all([
        post(s.base, '{ companies(first: 5) { totalCount } }', {}, staff),
        post(s.base, SIGN_IN),
        post(s.base, UPDATE_COMPANY, { id: company.id, name: 'During the hang' }, staff),
      ]);
      for (const r of results) {
        // 1.5 s deadline, 1 s acquire bound, 2 s commit grace at most: never the 20 s+ of a hang
        expect(r.ms).toBeLessThan(4500);
        expect(r.status).not.toBe(500);
        expect(['SERVICE_UNAVAILABLE', 'REQUEST_TIMEOUT']).toContain(r.body.errors?.[0]?.extensions?.code);
      }
    } finally {
      proxy.thaw();
    }
    await eventually(async () => (await fetch(`${s.base}/readyz`)).status === 200, 10_000, 'readiness');
    await sleep(500);
    expect((await db.query('SELECT name FROM company WHERE id = ?', [company.id]))[0].name).toBe('Before the hang');
    const after = await post(s.base, UPDATE_COMPANY, { id: company.id, name: 'After the hang' }, staff);
    expect(after.body.data.updateCompany.userErrors).toEqual([]);
  });

  it('hung after the list was read: its totalCount (a nested statement already sent) is answered at the deadline, not when the database answers', async () => {
    const company = await s.factories.company();
    await s.factories.ticket({ company, requester: await s.factories.account() });
    const list = s.app.services.tickets.list.bind(s.app.services.tickets);
    // the page's rows come back; the database hangs before the lazy COUNT is sent
    const spy = jest.spyOn(s.app.services.tickets, 'list').mockImplementation(async (...args) => {
      const page = await list(...args);
      proxy.freeze();
      return page;
    });
    try {
      const r = await post(s.base, '{ tickets(first: 5) { totalCount } }', {}, staff);
      expect(r.body.errors).toEqual([
        { message: 'The request took longer than 1500 ms and was stopped', extensions: { code: 'REQUEST_TIMEOUT' } },
      ]);
      expect(r.ms).toBeLessThan(2000);
    } finally {
      spy.mockRestore();
      proxy.thaw();
    }
    await eventually(async () => (await fetch(`${s.base}/readyz`)).status === 200, 10_000, 'readiness');
  });
});

describeMysql('several database hosts', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  const proxies: FaultProxy[] = [];
  beforeAll(async () => {
    db = await scratchDatabase('hosts');
    for (let i = 0; i < 2; i++) {
      proxies.push(new FaultProxy(db.host, db.port));
      await proxies[i].start();
    }
  });
  afterAll(async () => {
    for (const p of proxies) await p.kill();
    await db?.drop();
  });

  it('uses the first host that answers and moves to the next when it dies, without failing a request', async () => {
    const hosts = proxies.map((p) => ({ host: '127.0.0.1', port: p.port }));
    await proxies[0].kill(); // the first is down at start
    const s = await serve(db.urlVia(hosts), { DB_CONNECT_TIMEOUT_MS: '1000' });
    try {
      const staff = await s.factories.signIn(await s.factories.staffAdmin());
      const company = await s.factories.company();
      await proxies[0].start();
      // now the second dies under load: transactions that lose their connection before COMMIT run again on the first
      const statuses: number[] = [];
      let stop = false;
      const load = (async () => {
        for (let i = 0; !stop; i++) {
          const r = await post(s.base, UPDATE_COMPANY, { id: company.id, name: `Name ${i}` }, staff);
          statuses.push(r.status);
          if (r.status === 200) expect(r.body.data.updateCompany.userErrors).toEqual([]);
        }
      })();
      await sleep(300);
      await proxies[1].kill();
      await sleep(700);
      stop = true;
      await load;
      const after = statuses.slice(-3);
      expect(after).toEqual([200, 200, 200]);
      // a request whose COMMIT was in flight may be answered 503 ("may or may not have been saved"), never 500
      expect(statuses.filter((x) => x !== 200 && x !== 503)).toEqual([]);
      expect(statuses.length).toBeGreaterThan(5);
    } finally {
      await s.close();
    }
  });
});

describeMysql('utf8mb4', () => {
  it('creates a missing database as utf8mb4 and refuses to start on a latin1 one, saying what to do', async () => {
    const missing = await scratchDatabase('created', '');
    try {
      const database = await openDatabase(loadConfig({ DATABASE_URL: missing.urlVia() }).database);
      await database.close();
      const [row] = await missing.query(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()',
      );
      expect(row.charset).toBe('utf8mb4');
    } finally {
      await missing.drop();
    }
    const latin1 = await scratchDatabase('latin1', 'latin1');
    try {
      const opening = openDatabase(loadConfig({ DATABASE_URL: latin1.urlVia() }).database);
      await expect(opening).rejects.toBeInstanceOf(DatabaseCharsetError);
      await expect(opening).rejects.toThrow(/uses the character set latin1 .*utf8mb4 .*ALTER DATABASE `[^`]+` CHARACTER SET utf8mb4/);
      expect(await latin1.query('SHOW TABLES')).toEqual([]); // refused before any migration
    } finally {
      await latin1.drop();
    }
  });
});
