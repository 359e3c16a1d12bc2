import { randomUUID } from 'node:crypto';
import { serveOverHttp, type ServedApp } from '../support/http-server';
import { sqlTime } from '../../src/infrastructure/outbox/outbox-sql';
import { Role } from '../../src/modules/membership/membership.entity';
import type { CompanyEntity } from '../../src/modules/company/company.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Idempotency-Key over real HTTP (integration.md "Idempotent writes"): a repeat answers what the
 * first request answered and writes nothing, concurrent repeats run once, another body with the key is
 * IDEMPOTENCY_KEY_REUSED, keys are per account, expire after 24 hours, and a request that ran to no
 * answer (here: rate limited) leaves its key free. SQLite, and MariaDB with DATABASE_URL=mysql://...
 */

const CREATE = `mutation Create($input: CreateTicketInput!) {
  createTicket(input: $input) { ticket { id title } userErrors { code field message } }
}`;

let t: TestApp;
let served: ServedApp;
let url = '';
let company: CompanyEntity;

beforeAll(async () => {
  // a bucket that restores slowly, so a test can empty one account's bucket (the last test)
  t = await startTestApp({ env: { RATE_LIMIT_CAPACITY: '1000000', RATE_LIMIT_RESTORE_RATE: '1' } });
  served = await serveOverHttp(t.app);
  url = `${served.base}/graphql`;
  company = await t.factories.company();
});
afterAll(async () => {
  await served?.close();
  await t?.close();
});

interface Answer {
  status: number;
  replayed: string | null;
  text: string;
  json: any;
}

async function post(token: string | null, body: unknown, key?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (key !== undefined) headers['idempotency-key'] = key;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), text, json: JSON.parse(text) };
}

const createBody = (title: string) => ({ query: CREATE, operationName: 'Create', variables: { input: { companyId: company.id, title } } });

async function ticketsTitled(title: string): Promise<number> {
  const [row] = await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM ticket WHERE title = ?', [title]);
  return Number(row.n);
}

async function keyRows(): Promise<number> {
  const [row] = await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM idempotency_key');
  return Number(row.n);
}

it('a repeat with the same key and body answers the stored response and creates nothing', async () => {
  const member = await t.factories.member(company, Role.MEMBER);
  const key = randomUUID();
  const title = `once ${key}`;
  const first = await post(member.token, createBody(title), key);
  expect(first.status).toBe(200);
  expect(first.replayed).toBeNull();
  expect(first.json.data.createTicket).toMatchObject({ ticket: { title }, userErrors: [] });
  // variables written in another key order are the same request
  const second = await post(
    member.token,
    { variables: { input: { title, companyId: company.id } }, operationName: 'Create', query: CREATE },
    key,
  );
  expect(second.status).toBe(200);
  expect(second.replayed).toBe('true');
  expect(second.text).toBe(first.text);
  expect(await ticketsTitled(title)).toBe(1);
});

it('the stored answer is sealed at rest', async () => {
  const member = await t.factories.member(company, Role.MEMBER);
  const key = randomUUID();
  const title = `sealed ${key}`;
  await post(member.token, createBody(title), key);
  const [row] = await t.app.deps.reader.query(
    'SELECT state, response_status, response_body FROM idempotency_key WHERE account_id = ? AND idempotency_key = ?',
    [member.account.id, key],
  );
  expect(row).toMatchObject({ state: 'DONE' });
  expect(Number(row.response_status)).toBe(200);
  expect(row.response_body).not.toContain(title);
});

it('identical requests with one key at the same moment create one ticket and all get its answer', async () => {
  const member = await t.factories.member(company, Role.MEMBER);
  const key = randomUUID();
  const title = `race ${key}`;
  const answers = await Promise.all(Array.from({ length: 6 }, () => post(member.token, createBody(title), key)));
  expect(await ticketsTitled(title)).toBe(1);
  const ids = new Set(answers.map((a) => a.json.data?.createTicket?.ticket?.id));
  expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
  expect(ids.size).toBe(1);
  expect(answers.filter((a) => a.replayed === null)).toHaveLength(1);
});

it('the same key with another body is IDEMPOTENCY_KEY_REUSED (422) and changes nothing', async () => {
  const member = await t.factories.member(company, Role.MEMBER);
  const key = randomUUID();
  const first = await post(member.token, createBody(`first ${key}`), key);
  expect(first.json.data.createTicket.userErrors).toEqual([]);
  const other = await post(member.token, createBody(`second ${key}`), key);
  expect(other.status).toBe(422);
  expect(other.json.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
  expect(other.json.data).toBeUndefined();
  expect(await ticketsTitled(`second ${key}`)).toBe(0);
  // the first answer is still the key's
  const again = await post(member.token, createBody(`first ${key}`), key);
  expect(again.text).toBe(first.text);
});

it('keys are per account: another account may use the same key', async () => {
  const one = await t.factories.member(company, Role.MEMBER);
  const two = await t.factories.member(company, Role.MEMBER);
  const key = 'order-42';
  const title = `shared key ${randomUUID()}`;
  const a = await post(one.token, createBody(title), key);
  const b = await post(two.token, createBody(title), key);
  expect(a.replayed).toBeNull();
  expect(b.replayed).toBeNull();
  expect(a.json.data.createTicket.ticket.id).not.toBe(b.json.data.createTicket.ticket.id);
  expect(await ticketsTitled(title)).toBe(2);
});

it('a key that is not 1 to 255 printable ASCII characters is a 400, and nothing runs', async () => {
  const member = await t.factories.member(company, Role.MEMBER);
  for (const key of ['', 'x'.repeat(256), 'tab\there', 'caf\u00e9']) {
    const title = `bad key ${randomUUID()}`;
    const answer = await post(member.token, createBody(title), key);
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(answer.json.errors[0].message).toMatch(/Idempotency-Key/);
    expect(await ticketsTitled(title)).toBe(0);
  }
  const longest = await post(member.token, createBody(`longest ${randomUUID()}`), '~'.repeat(255));
  expect(longest.json.data.createTicket.userErrors).toEqual([]);
});

it('queries ignore the header', async () => {
  const member = await t.factories.member(company, Role.MEMBER);
  const before = await keyRows();
  const query = { query: '{ viewer { id } }' };
  for (const key of ['q-1', 'q-1', '']) {
    const answer = await post(member.token, query, key);
    expect(answer.status).toBe(200);
    expect(answer.replayed).toBeNull();
    expect(answer.json.data.viewer.id).toBe(member.account.id);
  }
  expect(await keyRows()).toBe(before);
});

it('anonymous mutations ignore the header (signIn runs each time)', async () => {
  const member = await t.factories.member(company, Role.MEMBER);
  const signIn = {
    query: `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { userErrors { code } } }`,
    variables: { email: member.account.email, password: 'not the password' },
  };
  const before = await keyRows();
  const first = await post(null, signIn, 'anon-1');
  const second = await post(null, signIn, 'anon-1');
  expect(first.json.data.signIn.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS' }]);
  expect(second.replayed).toBeNull();
  expect(await keyRows()).toBe(before);
});

it('after 24 hours the key is free again: the request runs anew', async () => {
  const member = await t.factories.member(company, Role.MEMBER);
  const key = randomUUID();
  const title = `expiring ${key}`;
  await post(member.token, createBody(title), key);
  expect((await post(member.token, createBody(title), key)).replayed).toBe('true');
  await t.app.deps.transactions.run((db) =>
    db.query('UPDATE idempotency_key SET created_at = ? WHERE account_id = ? AND idempotency_key = ?', [
      sqlTime(new Date(Date.now() - 24 * 3_600_000 - 1_000)),
      member.account.id,
      key,
    ]),
  );
  const again = await post(member.token, createBody(title), key);
  expect(again.replayed).toBeNull();
  expect(again.json.data.createTicket.userErrors).toEqual([]);
  expect(await ticketsTitled(title)).toBe(2);
  // pruning removes what expired, and only that
  await t.app.deps.transactions.run((db) =>
    db.query('UPDATE idempotency_key SET created_at = ? WHERE account_id = ?', [
      sqlTime(new Date(Date.now() - 25 * 3_600_000)),
      member.account.id,
    ]),
  );
  expect(await t.app.idempotency.prune()).toBe(1);
  expect(await keyRows()).toBeGreaterThan(0);
});

it('a request that ran to no answer (rate limited, a request error) leaves the key free for its retry', async () => {
  const member = await t.factories.member(company, Role.MEMBER);
  const key = randomUUID();
  const title = `retried ${key}`;
  // a variable that does not coerce: refused before anything runs (400)
  const broken = await post(member.token, { query: CREATE, variables: { input: { companyId: company.id } } }, key);
  expect(broken.status).toBe(400);
  // an empty bucket: RATE_LIMITED (429), nothing ran
  const bucket = `account:${member.account.id}`;
  await t.app.deps.limiter.takeQueryCost(bucket, 1_000_000);
  const limited = await post(member.token, createBody(title), key);
  expect(limited.status).toBe(429);
  expect(limited.json.errors[0].extensions.code).toBe('RATE_LIMITED');
  expect(await ticketsTitled(title)).toBe(0);
  await t.app.deps.limiter.refundQueryCost(bucket, 1_000_000);
  const retried = await post(member.token, createBody(title), key);
  expect(retried.status).toBe(200);
  expect(retried.replayed).toBeNull();
  expect(retried.json.data.createTicket.userErrors).toEqual([]);
  expect(await ticketsTitled(title)).toBe(1);
});
