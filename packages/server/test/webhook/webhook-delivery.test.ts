import pino from 'pino';
import { StaffRole } from '../../src/modules/account/account.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { FAILURES_TO_DISABLE, pruneWebhookHistory, WebhookWorker, WebhookWorkerOptions } from '../../src/modules/webhook/webhook-delivery';
import { startTestApp, TestApp } from '../support/test-app';
import {
  countRows,
  CREATE_WEBHOOK,
  DELIVERIES,
  deliveryRows,
  Receiver,
  REDELIVER,
  SET_ACTIVE,
  signedWith,
  WEBHOOK_TEST_ENV,
} from './support';

/**
 * Webhook deliveries end to end (integration.md, "Webhooks"): events written by the API reach a
 * receiver on loopback, signed, at least once, in order per ticket; failures are retried with
 * backoff and recorded; 50 failures in a row or 24 hours of them turn the webhook off and mail its
 * owner; redelivery; the network guard at delivery; the fan-out as one INSERT; pruning. Workers of
 * our own with a clock we move and a short backoff.
 */

let t: TestApp;
let receiver: Receiver;
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const workers: WebhookWorker[] = [];

beforeAll(async () => {
  t = await startTestApp({ env: WEBHOOK_TEST_ENV });
  receiver = await Receiver.start();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});
beforeEach(async () => {
  offsetMs = 0;
  receiver.received.length = 0;
  receiver.answer = () => 200;
  await t.app.database.dataSource.query('DELETE FROM webhook_attempt');
  await t.app.database.dataSource.query('DELETE FROM webhook_delivery');
  await t.app.database.dataSource.query('DELETE FROM webhook');
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

function worker(options: Partial<WebhookWorkerOptions> = {}): WebhookWorker {
  const w = new WebhookWorker({
    dataSource: t.app.database.dataSource,
    transactions: t.app.deps.transactions,
    logger: pino({ level: 'silent' }),
    config: t.config,
    secrets: t.app.deps.secrets,
    mailOutbox: t.app.deps.outbox,
    backoff: () => 1_000,
    clock,
    ...options,
  });
  workers.push(w);
  return w;
}

async function ok(token: string, query: string, variables: Record<string, unknown>) {
  const result = await t.gql(token, query, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  const payload = result.data.r ?? Object.values(result.data)[0];
  expect(payload.userErrors).toEqual([]);
  return payload;
}

const CREATE_TICKET = `mutation($input: CreateTicketInput!) { r: createTicket(input: $input) { ticket { id } userErrors { code } } }`;
const UPDATE_TICKET = `mutation($input: UpdateTicketInput!) { r: updateTicket(input: $input) { ticket { id } userErrors { code } } }`;
const ADD_COMMENT = `mutation($input: AddTicketCommentInput!) { r: addTicketComment(input: $input) { comment { id } userErrors { code } } }`;

/** A staff ADMIN with a session and a webhook to the receiver for every event. */
async function staffWithWebhook(options: { language?: string; path?: string } = {}) {
  const staff = await t.factories.account({ staffRole: StaffRole.ADMIN, language: options.language ?? 'en' });
  const token = await t.factories.signIn(staff);
  const made = await ok(token, CREATE_WEBHOOK, {
    input: { url: `${receiver.url}${options.path ?? '/hook'}`, events: ['TICKET_CREATED', 'TICKET_UPDATED', 'COMMENT_ADDED'] },
  });
  return { staff, token, webhookId: made.webhook.id as string, secret: made.secret as string };
}

const attemptsOf = async (token: string, webhookId: string, first = 100) =>
  (await t.gql(token, DELIVERIES, { id: webhookId, first })).data.node.deliveries as Array<{
    id: string;
    deliveryId: string;
    event: string;
    responseStatus: number | null;
    durationMs: number | null;
    error: string | null;
    succeeded: boolean;
    responseExcerpt: string;
  }>;

it('delivers each event signed, with the ticket and comment as the API reads them, in order, once', async () => {
  const { staff, token, webhookId, secret } = await staffWithWebhook();
  const company = await t.factories.company();
  const created = await ok(token, CREATE_TICKET, { input: { companyId: company.id, title: 'Printer on fire' } });
  const ticketId = created.ticket.id;
  await ok(token, UPDATE_TICKET, { input: { id: ticketId, status: 'OPEN', assigneeId: staff.id } });
  const comment = await ok(token, ADD_COMMENT, { input: { ticketId, body: 'Looking at it', visibility: 'INTERNAL' } });
  await ok(token, UPDATE_TICKET, { input: { id: ticketId, title: 'Printer was on fire' } });
  expect(receiver.received).toEqual([]); // rows in the outbox, not HTTP calls in the request

  expect(await worker().drainOnce()).toBe(4);
  expect(await worker().drainOnce()).toBe(0);
  const got = receiver.received;
  expect(got.map((r) => r.body.event)).toEqual(['TICKET_CREATED', 'TICKET_UPDATED', 'COMMENT_ADDED', 'TICKET_UPDATED']);
  for (const r of got) {
    expect(signedWith(secret, r)).toBe(true);
    expect(r.headers['x-clientele-event']).toBe(r.body.event);
    expect(r.headers['x-clientele-delivery']).toBe(r.body.id);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.path).toBe('/hook');
  }
  expect(signedWith('whsec_another', got[0])).toBe(false);
  expect(new Set(got.map((r) => r.body.id)).size).toBe(4);

  const read = await t.gql(
    token,
    `query($id: ID!) { ticket(id: $id) { id title status createdAt updatedAt company { id } requester { id } assignee { id } } }`,
    {
      id: ticketId,
    },
  );
  const api = read.data.ticket;
  expect(got[3].body).toEqual({
    id: got[3].body.id,
    event: 'TICKET_UPDATED',
    occurredAt: api.updatedAt,
    ticket: {
      id: api.id,
      title: api.title,
      status: api.status,
      companyId: api.company.id,
      requesterId: api.requester.id,
      assigneeId: api.assignee.id,
      createdAt: api.createdAt,
      updatedAt: api.updatedAt,
    },
    comment: null,
  });
  expect(got[2].body.comment).toEqual({
    id: comment.comment.id,
    body: 'Looking at it',
    visibility: 'INTERNAL',
    authorId: staff.id,
    createdAt: got[2].body.occurredAt,
  });
  expect(got[0].body.ticket).toMatchObject({ status: 'NEW', assigneeId: null, title: 'Printer on fire' });
  expect(got[1].body.ticket).toMatchObject({ status: 'OPEN', assigneeId: staff.id });
  const stamps = got.map((r) => Date.parse(r.body.ticket.updatedAt));
  expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);

  const attempts = await attemptsOf(token, webhookId);
  expect(attempts.map((a) => a.deliveryId)).toEqual(got.map((r) => r.body.id).reverse()); // newest first
  expect(attempts.every((a) => a.succeeded && a.responseStatus === 200 && a.error === null && a.responseExcerpt === 'thanks')).toBe(true);
  expect(attempts.every((a) => typeof a.durationMs === 'number' && a.durationMs >= 0)).toBe(true);
  expect((await attemptsOf(token, webhookId, 2)).length).toBe(2);
  expect((await t.gql(token, DELIVERIES, { id: webhookId, first: 101 })).errors?.[0].extensions?.code).toBe('INVALID_INPUT');
  expect((await deliveryRows(t)).every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
});

it('retries a delivery the receiver refused, and holds the ticket’s later deliveries until it went through', async () => {
  const { token, webhookId, secret } = await staffWithWebhook();
  const company = await t.factories.company();
  const first = (await ok(token, CREATE_TICKET, { input: { companyId: company.id, title: 'First' } })).ticket.id;
  await ok(token, UPDATE_TICKET, { input: { id: first, status: 'OPEN' } });
  await ok(token, ADD_COMMENT, { input: { ticketId: first, body: 'Reply' } });
  const second = (await ok(token, CREATE_TICKET, { input: { companyId: company.id, title: 'Second' } })).ticket.id;
  let refusals = 1;
  receiver.answer = (r) => (r.body.ticket.id === first && refusals-- > 0 ? 500 : 200);

  const w = worker();
  expect(await w.drainOnce()).toBe(1); // the second ticket's; the first's creation failed and its later events wait
  expect(receiver.received.map((r) => [r.body.ticket.title, r.body.event])).toEqual([
    ['First', 'TICKET_CREATED'],
    ['Second', 'TICKET_CREATED'],
  ]);
  expect(await w.drainOnce()).toBe(0); // not due yet: backoff
  offsetMs += 1_000;
  expect(await w.drainOnce()).toBe(3); // the retry, then the rest of the ticket's line, in order
  const ofFirst = receiver.received.filter((r) => r.body.ticket.id === first);
  expect(ofFirst.map((r) => r.body.event)).toEqual(['TICKET_CREATED', 'TICKET_CREATED', 'TICKET_UPDATED', 'COMMENT_ADDED']);
  expect(ofFirst[0].raw).toBe(ofFirst[1].raw); // the same body, id and signature again
  expect(ofFirst[0].headers['x-clientele-signature']).toBe(ofFirst[1].headers['x-clientele-signature']);
  expect(ofFirst.every((r) => signedWith(secret, r))).toBe(true);
  expect(second).toBeTruthy();

  const attempts = await attemptsOf(token, webhookId);
  const created = attempts.filter((a) => a.deliveryId === ofFirst[0].body.id);
  expect(created.map((a) => [a.succeeded, a.responseStatus, a.error, a.responseExcerpt])).toEqual([
    [true, 200, null, 'thanks'],
    [false, 500, 'the receiver answered HTTP 500', 'no: 500'],
  ]);
  const [hook] = await t.app.deps.reader.query('SELECT consecutive_failures, failing_since, active FROM webhook WHERE id = ?', [webhookId]);
  expect(Number(hook.consecutive_failures)).toBe(0);
  expect(hook.failing_since).toBeNull();
});

it(`turns the webhook off after ${FAILURES_TO_DISABLE} failures in a row and mails its owner; on again and redelivered, it arrives`, async () => {
  const { staff, token, webhookId, secret } = await staffWithWebhook({ language: 'de' });
  const company = await t.factories.company();
  const ticketId = (await ok(token, CREATE_TICKET, { input: { companyId: company.id, title: 'Doomed' } })).ticket.id;
  await ok(token, CREATE_TICKET, { input: { companyId: company.id, title: 'Waiting behind nothing' } });
  receiver.answer = () => 500;
  const w = worker({ backoff: () => 1 });
  for (let i = 0; i < FAILURES_TO_DISABLE && receiver.received.length < FAILURES_TO_DISABLE; i++) {
    await w.drainOnce();
    offsetMs += 10;
  }
  expect(receiver.received.length).toBe(FAILURES_TO_DISABLE);
  const [hook] = await t.app.deps.reader.query('SELECT active, disabled_reason, consecutive_failures FROM webhook WHERE id = ?', [
    webhookId,
  ]);
  expect(Number(hook.active)).toBe(0);
  expect(hook.disabled_reason).toBe('CONSECUTIVE_FAILURES');
  expect(Number(hook.consecutive_failures)).toBe(FAILURES_TO_DISABLE);
  expect((await deliveryRows(t)).map((r) => r.status)).toEqual(['FAILED', 'FAILED']);
  offsetMs += 3_600_000;
  expect(await w.drainOnce()).toBe(0);
  expect(receiver.received.length).toBe(FAILURES_TO_DISABLE);

  const mails = await t.app.deps.reader.query(
    `SELECT kind, recipient_account_id, language, subject, text_body FROM outbox_message WHERE kind = 'WEBHOOK_DISABLED'`,
  );
  expect(mails).toEqual([
    expect.objectContaining({ recipient_account_id: staff.id, language: 'de', subject: 'Ihr Webhook wurde ausgeschaltet' }),
  ]);
  expect(mails[0].text_body).toContain(`${receiver.url}/hook`);
  expect(mails[0].text_body).toContain('the receiver answered HTTP 500');
  expect(mails[0].text_body).toContain('http://portal.test/profile/integrations');
  const [audit] = await t.app.deps.reader.query(
    `SELECT actor_id, after FROM audit_event WHERE action = 'webhook.disable' AND target_id = ?`,
    [webhookId],
  );
  expect(audit.actor_id).toBeNull();
  const read = await t.gql(token, `query($id: ID!) { node(id: $id) { ... on Webhook { active disabledReason disabledAt } } }`, {
    id: webhookId,
  });
  expect(read.data.node).toMatchObject({ active: false, disabledReason: 'CONSECUTIVE_FAILURES', disabledAt: expect.any(String) });

  receiver.answer = () => 200;
  const attempts = await attemptsOf(token, webhookId);
  expect(attempts.length).toBe(FAILURES_TO_DISABLE);
  const doomed = attempts.find((a) => receiver.received.find((r) => r.body.id === a.deliveryId)!.body.ticket.id === ticketId)!;
  expect((await ok(token, SET_ACTIVE, { id: webhookId, active: true })).webhook).toMatchObject({ active: true, disabledReason: null });
  expect(await w.drainOnce()).toBe(0); // turned off, its waiting deliveries ended: nothing is sent by itself
  await ok(token, REDELIVER, { id: doomed.id });
  expect(await w.drainOnce()).toBe(1);
  const last = receiver.received[receiver.received.length - 1];
  expect(last.body.id).toBe(doomed.deliveryId);
  expect(signedWith(secret, last)).toBe(true);
  expect((await attemptsOf(token, webhookId, 1))[0]).toMatchObject({ deliveryId: doomed.deliveryId, succeeded: true });
  // by the delivery's own id (X-Clientele-Delivery) too
  await ok(token, REDELIVER, { id: doomed.deliveryId });
  expect(await w.drainOnce()).toBe(1);
});

it('stops retrying 24 hours after the first attempt and turns the webhook off', async () => {
  const { token, webhookId } = await staffWithWebhook();
  await ok(token, CREATE_TICKET, { input: { companyId: (await t.factories.company()).id, title: 'Unlucky' } });
  receiver.answer = () => 503;
  const w = worker({ backoff: () => 3_600_000 });
  expect(await w.drainOnce()).toBe(0);
  const [row] = await deliveryRows(t);
  expect(row.status).toBe('PENDING');
  for (let hour = 1; hour <= 24; hour++) {
    offsetMs = hour * 3_600_000 + 1;
    await w.drainOnce();
  }
  expect(receiver.received.length).toBe(25);
  const [hook] = await t.app.deps.reader.query('SELECT active, disabled_reason FROM webhook WHERE id = ?', [webhookId]);
  expect([Number(hook.active), hook.disabled_reason]).toEqual([0, 'FAILED_FOR_24_HOURS']);
  expect((await deliveryRows(t))[0].status).toBe('FAILED');
  expect(await countRows(t, 'outbox_message', `kind = 'WEBHOOK_DISABLED' AND headers LIKE ?`, [`%${webhookId}%`])).toBe(1);
});

it('refuses at delivery a target the network rules forbid now, and records the refused attempt', async () => {
  const { token, webhookId } = await staffWithWebhook();
  await ok(token, CREATE_TICKET, { input: { companyId: (await t.factories.company()).id, title: 'Guarded' } });
  t.config.webhooks.allowPrivateNetworks = false;
  try {
    expect(await worker().drainOnce()).toBe(0);
  } finally {
    t.config.webhooks.allowPrivateNetworks = true;
  }
  expect(receiver.received).toEqual([]);
  const [attempt] = await attemptsOf(token, webhookId);
  expect(attempt).toMatchObject({ succeeded: false, responseStatus: null });
  expect(attempt.error).toMatch(/private|loopback|not public/i);
  expect((await deliveryRows(t))[0].status).toBe('PENDING'); // retried later, under the rules of then
});

it('several workers draining at once deliver each delivery once, each ticket in order', async () => {
  const { token } = await staffWithWebhook();
  const company = await t.factories.company();
  const tickets: string[] = [];
  for (let i = 0; i < 6; i++)
    tickets.push((await ok(token, CREATE_TICKET, { input: { companyId: company.id, title: `T${i}` } })).ticket.id);
  for (let round = 0; round < 4; round++)
    for (const id of tickets) await ok(token, UPDATE_TICKET, { input: { id, title: `T ${id.slice(-4)} round ${round}` } });
  receiver.answer = () => new Promise((resolve) => setTimeout(() => resolve(200), 2));
  const pool = ['w1', 'w2', 'w3'].map((workerId) => worker({ workerId, batchSize: 4, concurrency: 2 }));
  // each drain stops when it finds nothing due: drain until all 30 are through
  for (let i = 0; i < 20 && receiver.received.length < 30; i++) await Promise.all(pool.map((w) => w.drainOnce()));
  const ids = receiver.received.map((r) => r.body.id);
  expect(ids.length).toBe(30);
  expect(new Set(ids).size).toBe(30);
  for (const id of tickets) {
    const titles = receiver.received.filter((r) => r.body.ticket.id === id).map((r) => r.body.ticket.title);
    expect(titles.slice(1)).toEqual([0, 1, 2, 3].map((round) => `T ${id.slice(-4)} round ${round}`));
  }
  expect((await deliveryRows(t)).every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
});

it('a fan-out to 50 webhooks is one INSERT in the event’s transaction', async () => {
  const company = await t.factories.company({ settings: { membersSeeCompanyTickets: true } });
  const owners = [];
  for (let i = 0; i < 3; i++) owners.push(await t.factories.member(company, Role.MEMBER));
  for (let i = 0; i < 50; i++) {
    const owner = owners[i % 3];
    await t.app.deps.transactions.run((db) =>
      db.query(
        `INSERT INTO webhook (id, account_id, url, events, company_id, secret_sealed, active, consecutive_failures, created_at)
         VALUES (?, ?, ?, 'TICKET_UPDATED', NULL, ?, 1, 0, '2026-01-01 00:00:00.000')`,
        [`whk_${String(i).padStart(32, '0')}`, owner.account.id, `${receiver.url}/${i}`, t.app.deps.secrets.seal('whsec_x')],
      ),
    );
  }
  const admin = await t.factories.signIn(await t.factories.staffAdmin());
  const ticket = await t.factories.ticket({ company, requester: owners[0].account });
  const { statements } = await t.countStatements(() => ok(admin, UPDATE_TICKET, { input: { id: ticket.id, status: 'WAITING' } }));
  const inserts = statements.filter((s) => /^INSERT INTO webhook_delivery/.test(s));
  expect(inserts).toHaveLength(1);
  expect(await countRows(t, 'webhook_delivery')).toBe(50);
  expect(await worker({ concurrency: 8, batchSize: 50 }).drainOnce()).toBe(50);
  expect(new Set(receiver.received.map((r) => r.path)).size).toBe(50);
});

it('prunes attempts and finished deliveries after 30 days, keeps what still waits', async () => {
  const old = '2020-01-01 00:00:00.000';
  await t.app.deps.transactions.run(async (db) => {
    for (const [id, status] of [
      ['whd_00000000000000000000000000000010', 'SENT'],
      ['whd_00000000000000000000000000000011', 'FAILED'],
      ['whd_00000000000000000000000000000012', 'PENDING'],
    ])
      await db.query(
        `INSERT INTO webhook_delivery (id, webhook_id, event_id, event, ticket_id, event_seq, payload, status, attempts, next_attempt_at, created_at)
         VALUES (?, 'whk_x', 'evt_x', 'TICKET_CREATED', 'tkt_x', 1, '{}', ?, 1, ?, ?)`,
        [id, status, old, old],
      );
    await db.query(
      `INSERT INTO webhook_attempt (id, delivery_id, webhook_id, event, attempted_at, succeeded, response_excerpt)
       VALUES ('wha_00000000000000000000000000000010', 'whd_00000000000000000000000000000010', 'whk_x', 'TICKET_CREATED', ?, 1, ''),
              ('wha_00000000000000000000000000000011', 'whd_00000000000000000000000000000010', 'whk_x', 'TICKET_CREATED', ?, 1, '')`,
      [old, '2999-01-01 00:00:00.000'],
    );
  });
  await t.app.deps.transactions.run((db) => pruneWebhookHistory(db));
  expect((await deliveryRows(t)).map((r) => r.id)).toEqual(['whd_00000000000000000000000000000012']);
  expect(await countRows(t, 'webhook_attempt')).toBe(1);
});
