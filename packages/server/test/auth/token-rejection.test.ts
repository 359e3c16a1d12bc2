import { createHash } from 'node:crypto';
import { serveOverHttp, type ServedApp } from '../support/http-server';
import { sqlTime } from '../../src/infrastructure/outbox/outbox-sql';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Auth failures an integrator can tell apart (integration.md, last section): a token in the
 * Authorization header that is unknown, expired or revoked answers HTTP 401 with
 * `extensions.code` UNAUTHENTICATED and `extensions.reason`, for API tokens and session tokens alike;
 * a stale session cookie stays anonymous (the web client signs in again).
 */

const VIEWER = { query: '{ viewer { id } }' };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let t: TestApp;
let served: ServedApp;
let url = '';

beforeAll(async () => {
  t = await startTestApp();
  served = await serveOverHttp(t.app);
  url = `${served.base}/graphql`;
});
afterAll(async () => {
  await served?.close();
  await t?.close();
});

async function post(headers: Record<string, string>, body: unknown = VIEWER, extra: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...extra },
    body: JSON.stringify(body),
  });
  return { status: response.status, wwwAuthenticate: response.headers.get('www-authenticate'), json: (await response.json()) as any };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The 401 of the spec, with nothing else in it (no data, nothing about other tokens). */
function expectRejected(answer: Awaited<ReturnType<typeof post>>, reason: string) {
  expect(answer.status).toBe(401);
  expect(answer.wwwAuthenticate).toMatch(/^Bearer .*error="invalid_token"/);
  expect(answer.json.data).toBeUndefined();
  expect(answer.json.errors).toHaveLength(1);
  expect(answer.json.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
  expect(answer.json.errors[0].message).toMatch(/Authorization header/);
}

async function apiToken(session: string): Promise<{ id: string; token: string }> {
  const created = await t.gql(
    session,
    `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } userErrors { code } } }`,
    { input: { name: 'integration', scopes: ['TICKETS_READ', 'TICKETS_WRITE'] } },
  );
  expect(created.data.createApiToken.userErrors).toEqual([]);
  return { id: created.data.createApiToken.apiToken.id, token: created.data.createApiToken.token };
}

const past = sqlTime(new Date(Date.now() - 60_000));

it('an unknown token is TOKEN_INVALID, whatever its shape, for queries, mutations and GET', async () => {
  for (const token of ['bogus', 'cltl_' + 'x'.repeat(43), 'x'.repeat(43)]) expectRejected(await post(bearer(token)), 'TOKEN_INVALID');
  expectRejected(await post({ authorization: 'Bearer' }), 'TOKEN_INVALID');
  expectRejected(await post({ authorization: 'Bearer   ' }), 'TOKEN_INVALID');
  const company = await t.factories.company();
  const mutation = {
    query: `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }`,
    variables: { input: { companyId: company.id, title: 'never created' } },
  };
  expectRejected(await post(bearer('bogus'), mutation), 'TOKEN_INVALID');
  expectRejected(await post(bearer('bogus'), mutation, { 'idempotency-key': 'k-401' }), 'TOKEN_INVALID');
  const [row] = await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM ticket WHERE title = ?', ['never created']);
  expect(Number(row.n)).toBe(0);
  const get = await fetch(`${url}?query=${encodeURIComponent(VIEWER.query)}`, {
    headers: { ...bearer('bogus'), 'apollo-require-preflight': '1' },
  });
  expect(get.status).toBe(401);
  expect(((await get.json()) as any).errors[0].extensions.reason).toBe('TOKEN_INVALID');
});

it('API tokens: revoked is TOKEN_REVOKED, expired TOKEN_EXPIRED, a disabled account’s TOKEN_REVOKED', async () => {
  const company = await t.factories.company();
  const member = await t.factories.member(company, Role.ADMINISTRATOR);
  const [revoked, expired] = [await apiToken(member.token), await apiToken(member.token)];
  for (const { token } of [revoked, expired]) expect((await post(bearer(token))).json.data.viewer.id).toBe(member.account.id);

  const revoke = await t.gql(member.token, `mutation($id: ID!) { revokeApiToken(id: $id) { userErrors { code } } }`, { id: revoked.id });
  expect(revoke.data.revokeApiToken.userErrors).toEqual([]);
  expectRejected(await post(bearer(revoked.token)), 'TOKEN_REVOKED');

  await t.app.deps.transactions.run((db) => db.query('UPDATE api_token SET expires_at = ? WHERE id = ?', [past, expired.id]));
  expectRejected(await post(bearer(expired.token)), 'TOKEN_EXPIRED');

  // revoked and expired: revoked says more (it will not come back)
  await t.app.deps.transactions.run((db) => db.query('UPDATE api_token SET expires_at = ? WHERE id = ?', [past, revoked.id]));
  expectRejected(await post(bearer(revoked.token)), 'TOKEN_REVOKED');

  const other = await t.factories.member(company, Role.MEMBER);
  const live = await apiToken(other.token);
  await t.app.deps.transactions.run((db) => db.query('UPDATE account SET disabled = 1 WHERE id = ?', [other.account.id]));
  expectRejected(await post(bearer(live.token)), 'TOKEN_REVOKED');
});

it('session tokens in the Authorization header: expired, idle, signed out, account disabled', async () => {
  const company = await t.factories.company();
  const member = await t.factories.member(company, Role.MEMBER);
  const [absolute, idle, signedOut, disabled] = await Promise.all([1, 2, 3, 4].map(() => t.factories.signIn(member.account)));
  for (const token of [absolute, idle, signedOut]) expect((await post(bearer(token))).json.data.viewer.id).toBe(member.account.id);

  await t.app.deps.transactions.run((db) => db.query('UPDATE session SET expires_at = ? WHERE token_hash = ?', [past, sha256(absolute)]));
  expectRejected(await post(bearer(absolute)), 'TOKEN_EXPIRED');

  const longAgo = sqlTime(new Date(Date.now() - (t.config.session.idleMinutes + 1) * 60_000));
  await t.app.deps.transactions.run((db) => db.query('UPDATE session SET last_seen_at = ? WHERE token_hash = ?', [longAgo, sha256(idle)]));
  expectRejected(await post(bearer(idle)), 'TOKEN_EXPIRED');

  expect((await post(bearer(signedOut), { query: 'mutation { signOut }' })).json.data.signOut).toBe(true);
  expectRejected(await post(bearer(signedOut)), 'TOKEN_INVALID'); // signing out deletes the session

  // a disabled account whose session row survived (disabling deletes them; here the flag alone is set)
  await t.app.deps.transactions.run((db) => db.query('UPDATE account SET disabled = 1 WHERE id = ?', [member.account.id]));
  expectRejected(await post(bearer(disabled)), 'TOKEN_REVOKED');
});

it('a stale session cookie stays anonymous (HTTP 200, viewer null), as the web client expects', async () => {
  const account = await t.factories.account();
  const token = await t.factories.signIn(account);
  const cookie = { cookie: `${t.config.session.cookieName}=${token}` };
  expect((await post(cookie)).json.data.viewer.id).toBe(account.id);
  await t.app.deps.transactions.run((db) => db.query('DELETE FROM session WHERE token_hash = ?', [sha256(token)]));
  const stale = await post(cookie);
  expect(stale.status).toBe(200);
  expect(stale.json).toMatchObject({ data: { viewer: null } });
  expect(stale.json.errors).toBeUndefined();
  // the header wins over the cookie, and is judged strictly
  expectRejected(await post({ ...cookie, ...bearer('bogus') }), 'TOKEN_INVALID');
});

it('the scheme is case-insensitive; other schemes (a proxy’s Basic) are not ours and change nothing', async () => {
  const account = await t.factories.account();
  const token = await t.factories.signIn(account);
  expect((await post({ authorization: `bearer ${token}` })).json.data.viewer.id).toBe(account.id);
  const basic = await post({ authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` });
  expect(basic.status).toBe(200);
  expect(basic.json.data.viewer).toBeNull();
});
