import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pino from 'pino';
import { App, createApp } from '../../src/app';
import { Config, loadConfig } from '../../src/config';
import { OutboxWorker } from '../../src/infrastructure/outbox';
import { Role } from '../../src/modules/membership/membership.entity';
import { TicketStatus } from '../../src/modules/ticket/ticket.entity';
import { deferred, FakeMailer } from '../outbox/fake-mailer';
import { Factories } from '../support/factories';
import { onMysql, testDatabaseUrl } from '../support/test-app';
import { ADD_COMMENT, MailRow, occurrences, toMailRow, UPDATE_TICKET } from './support';

/**
 * conversation.md, "Delivery: the outbox": "A crash between commit and send loses no mail; a
 * rollback sends none." Two apps, one after the other, on one database (an SQLite file, or a
 * MariaDB database next to DATABASE_URL's), neither polling its outbox: the first commits events
 * and is closed before anything is delivered (the crash); the second delivers, with a recording
 * mailer, each committed event's mails exactly once per recipient — and nothing for what was
 * refused or rolled back. Then a worker that claimed mails and died before sending them: the
 * next process sends them once their lease has run out.
 */

const silent = pino({ level: 'silent' });
const PUBLIC_URL = 'http://portal.test';
/** The dead worker's lease: long enough to start the next process within it. */
const LEASE_MS = 2500;

/** A fresh, empty database for this file: what startTestApp makes, kept across apps. */
async function freshDatabase(): Promise<{ url: string; dir: string; drop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-crash-'));
  if (!onMysql) return { url: `sqlite:${path.join(dir, 'crash.sqlite')}`, dir, drop: async () => {} };
  const url = new URL(testDatabaseUrl.replace(/^mariadb:/, 'mysql:'));
  const name = `${url.pathname.replace(/^\//, '') || 'clientele'}_${randomBytes(6).toString('hex')}`;
  const connect = () =>
    mysql.createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    });
  const admin = await connect();
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dir,
    async drop() {
      const c = await connect();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

describe('the outbox across a crash', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let config: Config;
  const open: App[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    config = loadConfig({
      DATABASE_URL: db.url,
      DEMO_DATA: '0',
      MAIL_OUTBOX: path.join(db.dir, 'outbox'),
      PUBLIC_URL,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_CAPACITY: '1000000000',
      RATE_LIMIT_RESTORE_RATE: '1000000000',
    });
  });
  afterAll(async () => {
    for (const app of open.splice(0)) await app.close().catch(() => undefined);
    await db?.drop();
    if (db) fs.rmSync(db.dir, { recursive: true, force: true });
  });

  /** A process: an app on the shared database that never polls its outbox. */
  async function start(mailer: FakeMailer): Promise<App> {
    const app = await createApp(config, { startOutboxWorker: false, mailer, logger: silent });
    open.push(app);
    return app;
  }

  /** The process dies: no delivery, no goodbye (its pool is closed so the next one starts clean). */
  async function crash(app: App): Promise<void> {
    open.splice(open.indexOf(app), 1);
    await app.close();
  }

  /** An operation as the HTTP layer runs it, without delivering mail afterwards. */
  async function gql(app: App, token: string, query: string, variables: Record<string, unknown>) {
    const contextValue = await app.contextFor(token, { clientIp: '203.0.113.7' });
    const response = await app.apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
  }

  async function rows(app: App): Promise<MailRow[]> {
    const raw = await app.database.dataSource.query(
      `SELECT id, kind, dedupe_key, recipient_account_id, to_address, language, subject, text_body, html_body, headers, event, ticket_id, status, attempts
         FROM outbox_message ORDER BY created_at, id`,
    );
    return raw.map(toMailRow);
  }

  const count = async (app: App, table: string) => Number((await app.database.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('delivers every committed event exactly once per recipient after a crash before delivery; refused and rolled-back calls send nothing', async () => {
    const mailer1 = new FakeMailer();
    const app1 = await start(mailer1);
    const f = new Factories(app1);
    const company = await f.company();
    const requester = await f.member(company, Role.MEMBER);
    const moderator = await f.member(company, Role.MODERATOR);
    const agent = await f.staffAgent();
    const agentToken = await f.signIn(agent);
    const watcher = await f.staffAdmin(); // follows every ticket: gets the internal note too
    await app1.database.dataSource.query(`UPDATE account SET notification_level = 'ALL' WHERE id = ?`, [watcher.id]);
    const ticket = await f.ticket({ company, requester: requester.account, assignee: agent });
    const closed = await f.ticket({ company, requester: requester.account, status: TicketStatus.CLOSED });

    const ok = async (token: string, query: string, input: Record<string, unknown>) => {
      const r = await gql(app1, token, query, { input });
      expect(r.errors).toBeUndefined();
      expect(r.data.r.userErrors).toEqual([]);
    };
    await ok(requester.token, ADD_COMMENT, { ticketId: ticket.id, body: 'crash-1 printer on fire' });
    await ok(agentToken, ADD_COMMENT, { ticketId: ticket.id, body: 'crash-2 extinguisher on its way' });
    await ok(agentToken, ADD_COMMENT, { ticketId: ticket.id, body: 'crash-3 internal: third time this week', visibility: 'INTERNAL' });
    await ok(moderator.token, ADD_COMMENT, { ticketId: ticket.id, body: 'crash-4 thanks' });
    await ok(agentToken, UPDATE_TICKET, { id: ticket.id, status: 'RESOLVED' });

    // refused: nothing written
    const refusedInternal = await gql(app1, requester.token, ADD_COMMENT, {
      input: { ticketId: ticket.id, body: 'refused-1', visibility: 'INTERNAL' },
    });
    expect(refusedInternal.data.r.userErrors).toMatchObject([{ code: 'FORBIDDEN' }]);
    const refusedClosed = await gql(app1, requester.token, ADD_COMMENT, { input: { ticketId: closed.id, body: 'refused-2' } });
    expect(refusedClosed.data.r.userErrors).toMatchObject([{ code: 'CONFLICT' }]);

    // rolled back: the mails are written, then the transaction fails
    const notifications = app1.services.notifications;
    const notify = notifications.notify.bind(notifications);
    let enqueued = 0;
    notifications.notify = async (tx, change) => {
      enqueued += await notify(tx, change);
      throw new Error('the process fails after writing the mails, before the commit');
    };
    const rolledBack = await gql(app1, moderator.token, ADD_COMMENT, { input: { ticketId: ticket.id, body: 'rolled-back-1' } });
    notifications.notify = notify;
    expect(enqueued).toBeGreaterThan(0);
    expect(rolledBack.errors?.length ?? rolledBack.data?.r?.userErrors?.length).toBeGreaterThan(0);
    expect(rolledBack.data?.r?.comment ?? null).toBeNull();
    expect(
      await app1.database.dataSource.query(`SELECT id FROM ticket_comment WHERE body LIKE 'rolled-back%' OR body LIKE 'refused%'`),
    ).toEqual([]);

    const committed = await rows(app1);
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.every((r) => r.status === 'PENDING' && r.attempts === 0)).toBe(true);
    expect(committed.some((r) => /rolled-back|refused/.test(r.textBody))).toBe(false);
    // 4 comments and one status change, each with mails (the actor is never among them)
    const events = new Map<string, MailRow[]>();
    for (const row of committed) events.set(row.eventId, [...(events.get(row.eventId) ?? []), row]);
    expect(events.size).toBe(5);
    expect(mailer1.sent).toEqual([]);
    const comments = await count(app1, 'ticket_comment');
    expect(comments).toBe(4);

    await crash(app1);

    const mailer2 = new FakeMailer();
    const app2 = await start(mailer2);
    expect((await rows(app2)).map((r) => [r.id, r.status])).toEqual(committed.map((r) => [r.id, 'PENDING']));
    expect(await app2.outbox.drainOnce()).toBe(committed.length);
    expect(await app2.outbox.drainOnce()).toBe(0);

    // exactly once per (event, recipient), exactly what was committed
    expect(mailer2.sent.map((m) => m.messageId).sort()).toEqual(committed.map((r) => r.id).sort());
    for (const row of committed) {
      const [mail] = mailer2.sent.filter((m) => m.messageId === row.id);
      expect(mail).toMatchObject({ to: row.toAddress, subject: row.subject, text: row.textBody, html: row.htmlBody });
      expect(mail.headers).toMatchObject({ 'X-Clientele-Event': row.event, 'X-Clientele-Ticket': ticket.id });
      expect(occurrences(mail.text, `${PUBLIC_URL}/tickets/${ticket.id}`)).toBe(1);
    }
    const pairs = committed.map((r) => r.dedupeKey);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(mailer2.sent.some((m) => /rolled-back|refused/.test(m.text + m.html))).toBe(false);
    // the internal note went to staff only
    expect(mailer2.sent.filter((m) => m.text.includes('crash-3') || m.html.includes('crash-3')).map((m) => m.to)).toEqual([watcher.email]);
    expect((await rows(app2)).every((r) => r.status === 'SENT')).toBe(true);

    // and a third process finds nothing left to send
    await crash(app2);
    const mailer3 = new FakeMailer();
    const app3 = await start(mailer3);
    expect(await app3.outbox.drainOnce()).toBe(0);
    expect(mailer3.sent).toEqual([]);
    await crash(app3);
  });

  it('sends the mails a worker claimed and died holding, once their lease has run out', async () => {
    const app = await start(new FakeMailer());
    const f = new Factories(app);
    const company = await f.company();
    const requester = await f.member(company, Role.MEMBER);
    await f.member(company, Role.ADMINISTRATOR);
    const agent = await f.staffAgent();
    const ticket = await f.ticket({ company, requester: requester.account, assignee: agent });
    const before = new Set((await rows(app)).map((r) => r.id));
    const r = await gql(app, await f.signIn(agent), ADD_COMMENT, { input: { ticketId: ticket.id, body: 'lease-1 claimed, never sent' } });
    expect(r.data.r.userErrors).toEqual([]);
    const mine = (await rows(app)).filter((row) => !before.has(row.id));
    // the requester, the administrator (and the first test's watcher: one database for the file)
    expect(mine.length).toBeGreaterThanOrEqual(2);

    // a worker claims them and hangs in the middle of sending: the process dies there
    const hanging = new FakeMailer();
    const never = deferred();
    hanging.behave = () => never.promise;
    const doomed = new OutboxWorker({
      dataSource: app.database.dataSource,
      transactions: app.deps.transactions,
      mailer: hanging,
      logger: silent,
      leaseMs: LEASE_MS,
      workerId: 'doomed',
    });
    const called = hanging.nextCall();
    const claimedAt = Date.now();
    void doomed.drainOnce();
    await called;
    const claimed = (await rows(app)).filter((row) => !before.has(row.id));
    expect(claimed.map((row) => [row.status, row.attempts])).toEqual(mine.map(() => ['SENDING', 1]));
    await crash(app);

    const mailer = new FakeMailer();
    const next = await start(mailer);
    // within the lease the rows are the dead worker's: nobody else takes them
    expect(Date.now() - claimedAt).toBeLessThan(LEASE_MS - 200);
    expect(await next.outbox.drainOnce()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 100 - (Date.now() - claimedAt)));
    expect(await next.outbox.drainOnce()).toBe(mine.length);
    expect(await next.outbox.drainOnce()).toBe(0);
    expect(mailer.sent.map((m) => m.messageId).sort()).toEqual(mine.map((row) => row.id).sort());
    expect(hanging.sent).toEqual([]);
    const after = (await rows(next)).filter((row) => !before.has(row.id));
    expect(after.map((row) => [row.status, row.attempts])).toEqual(mine.map(() => ['SENT', 2]));
    await crash(next);
  });
});
