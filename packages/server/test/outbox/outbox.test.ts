import pino from 'pino';
import type { EntityManager } from 'typeorm';
import {
  defaultOutboxBackoff,
  enqueueMail,
  enqueueMails,
  OutboxMailInput,
  OutboxMessageEntity,
  OutboxWorker,
  OutboxWorkerOptions,
} from '../../src/infrastructure/outbox';
import { onMysql, startTestApp, TestApp } from '../support/test-app';
import { deferred, FakeMailer } from './fake-mailer';

/**
 * The outbox on a real database (SQLite, or MariaDB with DATABASE_URL=mysql://...): enqueue in the
 * caller's transaction, delivery by workers of our own with a fake mailer and a clock we move.
 */

let t: TestApp;
let mailer: FakeMailer;
let offsetMs: number;
const clock = () => new Date(Date.now() + offsetMs);
const silent = pino({ level: 'silent' });
const workers: OutboxWorker[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  mailer = new FakeMailer();
  offsetMs = 0;
  await t.app.database.dataSource.query('DELETE FROM outbox_message');
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

function worker(options: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
  const w = new OutboxWorker({
    dataSource: t.app.database.dataSource,
    transactions: t.app.deps.transactions,
    mailer,
    logger: silent,
    clock,
    ...options,
  });
  workers.push(w);
  return w;
}

let serial = 0;
function mail(overrides: Partial<OutboxMailInput> = {}): OutboxMailInput {
  serial++;
  return {
    kind: 'NOTIFICATION',
    dedupeKey: `evt_${serial}:acc_${serial}`,
    recipientAccountId: `acc_${serial}`,
    to: `person${serial}@example.test`,
    language: 'en',
    subject: `Subject ${serial}`,
    text: `Text ${serial}`,
    html: `<p>Html ${serial}</p>`,
    headers: { 'X-Clientele-Event': 'TICKET_COMMENTED' },
    event: 'TICKET_COMMENTED',
    ...overrides,
  };
}

function inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return t.app.deps.transactions.run(work);
}

const notTransactionSetup = (statement: string) => !/^SET TRANSACTION/i.test(statement);

async function rows(): Promise<OutboxMessageEntity[]> {
  return t.app.database.dataSource.manager.find(OutboxMessageEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
}

async function onlyRow(): Promise<OutboxMessageEntity> {
  const all = await rows();
  expect(all).toHaveLength(1);
  return all[0];
}

describe('enqueue', () => {
  it('a rollback enqueues nothing, and nothing is sent', async () => {
    await expect(
      inTransaction(async (manager) => {
        expect(await enqueueMail(manager, mail())).toBe(true);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rows()).toEqual([]);
    expect(await worker().drainOnce()).toBe(0);
    expect(mailer.sent).toEqual([]);
  });

  it('a committed mail is delivered exactly once, with its headers and a stable Message-ID', async () => {
    const input = mail({ ticketId: 'tkt_1', headers: { 'X-Clientele-Event': 'TICKET_COMMENTED', 'X-Clientele-Ticket': 'tkt_1' } });
    await inTransaction((manager) => enqueueMail(manager, input));
    const pending = await onlyRow();
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 0, ticketId: 'tkt_1', dedupeKey: input.dedupeKey, sentAt: null });
    expect(pending.id).toMatch(/^out_[0-9a-f]{32}$/);

    const w = worker();
    expect(await w.drainOnce()).toBe(1);
    expect(await w.drainOnce()).toBe(0);
    expect(await worker().drainOnce()).toBe(0);
    expect(mailer.sent).toEqual([
      {
        to: input.to,
        subject: input.subject,
        text: input.text,
        html: input.html,
        language: 'en',
        headers: input.headers,
        messageId: pending.id,
      },
    ]);
    const sent = await onlyRow();
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1, claimedBy: null, claimedUntil: null, lastError: null, textBody: input.text });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it('a dedupe key already in the outbox is skipped, in separate transactions and within one batch', async () => {
    const first = mail();
    expect(await inTransaction((manager) => enqueueMail(manager, first))).toBe(true);
    expect(await inTransaction((manager) => enqueueMail(manager, { ...first, subject: 'again' }))).toBe(false);
    const other = mail();
    expect(await inTransaction((manager) => enqueueMails(manager, [first, other, { ...other, subject: 'twice in one batch' }]))).toBe(1);
    expect((await rows()).map((r) => r.subject)).toEqual([first.subject, other.subject]);
    expect(await worker().drainOnce()).toBe(2);
  });

  it('many mails are one INSERT (up to 200 a statement)', async () => {
    const fifty = Array.from({ length: 50 }, () => mail());
    const { result, statements } = await t.countStatements(() => inTransaction((manager) => enqueueMails(manager, fifty)));
    expect(result).toBe(50);
    expect(statements.filter(notTransactionSetup)).toHaveLength(1);
    expect(statements.filter(notTransactionSetup)[0]).toMatch(/^INSERT /);

    const many = Array.from({ length: 250 }, () => mail());
    const second = await t.countStatements(() => inTransaction((manager) => enqueueMails(manager, many)));
    expect(second.result).toBe(250);
    expect(second.statements.filter(notTransactionSetup)).toHaveLength(2);
    expect(await rows()).toHaveLength(300);
  });

  it('refuses what the columns cannot hold and headers that could inject lines', async () => {
    await expect(inTransaction((manager) => enqueueMail(manager, mail({ dedupeKey: 'k'.repeat(192) })))).rejects.toThrow(/dedupeKey/);
    await expect(
      inTransaction((manager) => enqueueMail(manager, mail({ headers: { 'X-Clientele-Event': 'A\r\nBcc: someone@example.test' } }))),
    ).rejects.toThrow(/header/);
    await expect(inTransaction((manager) => enqueueMail(manager, mail({ headers: { 'Bad Name': 'x' } })))).rejects.toThrow(/header/);
    expect(await rows()).toEqual([]);
  });
});

describe('delivery', () => {
  it('retries a failed send after its backoff, recording the error', async () => {
    await inTransaction((manager) => enqueueMail(manager, mail()));
    let failures = 2;
    mailer.behave = () => {
      if (failures-- > 0) throw new Error('421 4.3.2 try again later');
    };
    const w = worker({ backoff: (attempt) => attempt * 60_000 });

    expect(await w.drainOnce()).toBe(0);
    let row = await onlyRow();
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, lastError: '421 4.3.2 try again later', claimedBy: null });
    const firstRetry = row.nextAttemptAt.getTime();
    expect(firstRetry - clock().getTime()).toBeGreaterThan(50_000);
    expect(firstRetry - clock().getTime()).toBeLessThanOrEqual(60_000);

    expect(await w.drainOnce()).toBe(0); // not due yet
    expect((await onlyRow()).attempts).toBe(1);

    offsetMs += 60_000;
    expect(await w.drainOnce()).toBe(0);
    row = await onlyRow();
    expect(row).toMatchObject({ status: 'PENDING', attempts: 2 });
    expect(row.nextAttemptAt.getTime() - clock().getTime()).toBeGreaterThan(110_000); // 2 × 60 s

    offsetMs += 120_000;
    expect(await w.drainOnce()).toBe(1);
    expect(await onlyRow()).toMatchObject({ status: 'SENT', attempts: 3 });
    expect(mailer.sent).toHaveLength(1);
  });

  it('the default backoff starts at 15 s, doubles, stops at an hour, with jitter', () => {
    for (let i = 0; i < 50; i++) {
      expect(defaultOutboxBackoff(1)).toBeGreaterThanOrEqual(11_250);
      expect(defaultOutboxBackoff(1)).toBeLessThanOrEqual(18_750);
      expect(defaultOutboxBackoff(3)).toBeGreaterThanOrEqual(45_000);
      expect(defaultOutboxBackoff(3)).toBeLessThanOrEqual(75_000);
      expect(defaultOutboxBackoff(20)).toBeLessThanOrEqual(4_500_000);
      expect(defaultOutboxBackoff(20)).toBeGreaterThanOrEqual(2_700_000);
    }
  });

  it('is FAILED after maxAttempts, and retry() puts it back in line', async () => {
    await inTransaction((manager) => enqueueMails(manager, [mail(), mail()]));
    mailer.behave = () => {
      throw new Error('550 mailbox unavailable');
    };

    const w = worker({ maxAttempts: 3, backoff: () => 1_000 });
    for (let i = 0; i < 3; i++) {
      expect(await w.drainOnce()).toBe(0);
      offsetMs += 1_000;
    }
    const failed = await rows();
    expect(failed.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['FAILED', 3, '550 mailbox unavailable'],
      ['FAILED', 3, '550 mailbox unavailable'],
    ]);
    offsetMs += 3_600_000;
    expect(await w.drainOnce()).toBe(0);
    expect(mailer.sent).toEqual([]);

    mailer.behave = () => {};
    expect(await w.retry(failed[0].id)).toBe(true);
    expect(await w.retry(failed[0].id)).toBe(false); // PENDING now, not FAILED
    expect(await w.retry('out_unknown')).toBe(false);
    const retried = (await rows()).find((r) => r.id === failed[0].id)!;
    expect(retried).toMatchObject({ status: 'PENDING', attempts: 0, lastError: '550 mailbox unavailable' });
    expect(await w.drainOnce()).toBe(1);
    expect((await rows()).map((r) => r.status).sort()).toEqual(['FAILED', 'SENT']);
    expect(await w.retry(failed[0].id)).toBe(false); // SENT
  });

  it('a claim that runs out (the sender crashed) is taken over; the late sender records nothing', async () => {
    await inTransaction((manager) => enqueueMail(manager, mail()));
    const held = deferred();
    const crashed = new FakeMailer();
    crashed.behave = () => held.promise;
    const a = worker({ mailer: crashed, workerId: 'worker-a', leaseMs: 60_000 });
    const calledA = crashed.nextCall();
    const drainA = a.drainOnce();
    await calledA;
    expect(await onlyRow()).toMatchObject({ status: 'SENDING', claimedBy: 'worker-a', attempts: 1 });

    const b = worker({ workerId: 'worker-b' });
    expect(await b.drainOnce()).toBe(0); // the claim still holds
    offsetMs = 61_000;
    expect(await b.drainOnce()).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect(await onlyRow()).toMatchObject({ status: 'SENT', attempts: 2, claimedBy: null });

    // the "crashed" sender comes back with a failure: the row is B's outcome, not retried
    held.reject(new Error('connection reset'));
    expect(await drainA).toBe(0);
    expect(await onlyRow()).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
  });

  it('a mail whose last attempt never finished is FAILED without another send', async () => {
    await inTransaction((manager) => enqueueMail(manager, mail()));
    await t.app.database.dataSource.query(
      `UPDATE outbox_message SET status = 'SENDING', attempts = 3, claimed_by = 'gone', claimed_until = '2000-01-01 00:00:00.000'`,
    );
    expect(await worker({ maxAttempts: 3 }).drainOnce()).toBe(0);
    expect(mailer.sent).toEqual([]);
    expect(await onlyRow()).toMatchObject({ status: 'FAILED', attempts: 4, lastError: expect.stringMatching(/lease/) });
  });

  it('blanks the bodies of a sent invitation (its link is a secret), keeps the record', async () => {
    const invitation = mail({ kind: 'INVITATION', text: 'Accept: http://portal.test/invitations/accept?token=secret' });
    const notification = mail();
    await inTransaction((manager) => enqueueMails(manager, [invitation, notification]));
    expect(await worker().drainOnce()).toBe(2);
    expect(mailer.sent.map((m) => m.text).sort()).toEqual([invitation.text, notification.text].sort());
    const byKind = Object.fromEntries((await rows()).map((r) => [r.kind, r]));
    expect(byKind.INVITATION).toMatchObject({
      status: 'SENT',
      subject: invitation.subject,
      toAddress: invitation.to,
      textBody: '',
      htmlBody: '',
    });
    expect(byKind.NOTIFICATION).toMatchObject({ status: 'SENT', textBody: notification.text, htmlBody: notification.html });
  });

  it('a send that never answers counts as failed after sendTimeoutMs', async () => {
    await inTransaction((manager) => enqueueMail(manager, mail()));
    mailer.behave = () => new Promise(() => {});
    expect(await worker({ sendTimeoutMs: 50 }).drainOnce()).toBe(0);
    expect(await onlyRow()).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringMatching(/within 50 ms/) });
  });

  it('started, it delivers right after notify() without waiting for the poll, and stop() waits for the batch', async () => {
    const w = worker({ pollIntervalMs: 3_600_000 });
    w.start();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the first round finds nothing
    const held = deferred();
    mailer.behave = () => held.promise;
    const called = mailer.nextCall();
    await inTransaction((manager) => enqueueMail(manager, mail()));
    w.notify();
    await called;
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    held.resolve();
    await stopping;
    expect(await onlyRow()).toMatchObject({ status: 'SENT' });
  });
});

// On SQLite the claims of one process are serialized; on MySQL/MariaDB this is the real race of SKIP LOCKED and the claim.
describe(`workers draining at once (${onMysql ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  it('deliver each of 200 mails exactly once', async () => {
    const mails = Array.from({ length: 200 }, () => mail());
    await inTransaction((manager) => enqueueMails(manager, mails));
    const deliveries = new Map<string, string[]>();
    const pool = ['w1', 'w2', 'w3'].map((workerId) => {
      const own = new FakeMailer();
      own.behave = async (m) => {
        deliveries.set(m.messageId!, [...(deliveries.get(m.messageId!) ?? []), workerId]);
        await new Promise((resolve) => setTimeout(resolve, 1));
      };
      return worker({ workerId, mailer: own, batchSize: 10, concurrency: 3 });
    });
    const counts = await Promise.all(pool.map((w) => w.drainOnce()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
    expect(deliveries.size).toBe(200);
    expect([...deliveries.values()].filter((by) => by.length !== 1)).toEqual([]);
    if (onMysql) expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1);
    const all = await rows();
    expect(all.every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
  });
});

describe('an outage while polling', () => {
  it('logs its first failed poll and its end, not every poll in between', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) });
    let down = true;
    const transactions = {
      run: <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> =>
        down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:3306')) : t.app.deps.transactions.run(work),
    };
    const w = worker({ transactions: transactions as never, logger, pollIntervalMs: 20 });
    w.start();
    await new Promise((resolve) => setTimeout(resolve, 300)); // ~15 polls, every one failing
    down = false;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors.map((l) => l.msg)).toEqual(['outbox: could not read or claim mail rows; trying again at every poll']);
    expect(lines.filter((l) => l.msg.startsWith('outbox: still cannot read')).length).toBeGreaterThan(3);
    expect(lines.filter((l) => l.msg === 'outbox: reading mail rows again')).toHaveLength(1);
  });
});
