import { Role } from '../../src/modules/membership/membership.entity';
import { WEBHOOKS_PER_ACCOUNT } from '../../src/modules/webhook/webhook.service';
import { startTestApp, TestApp } from '../support/test-app';
import { CREATE_WEBHOOK, countRows, DELETE_WEBHOOK, REDELIVER, SET_ACTIVE, WEBHOOK_TEST_ENV, WEBHOOKS_OF } from './support';

/**
 * Webhooks through the API (integration.md, "Webhooks"): who may create, list and manage them, what
 * is refused at creation (and then nothing is written), the secret shown once and stored sealed, and
 * the audit trail. Deliveries: webhook-delivery.test.ts; recipients: webhook-recipients.property.test.ts.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: WEBHOOK_TEST_ENV });
});
afterAll(() => t?.close());

const URL = 'http://127.0.0.1:9/hook';

async function create(token: string, input: Record<string, unknown>) {
  const result = await t.gql(token, CREATE_WEBHOOK, { input: { url: URL, events: ['TICKET_CREATED'], ...input } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.r;
}

async function token(session: string, scopes: string[], companyId?: string): Promise<string> {
  const result = await t.gql(
    session,
    `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token userErrors { code } } }`,
    { input: { name: 'integration', scopes, ...(companyId ? { companyId } : {}) } },
  );
  expect(result.data.createApiToken.userErrors).toEqual([]);
  return result.data.createApiToken.token;
}

async function mutate(session: string, query: string, variables: Record<string, unknown>) {
  const result = await t.gql(session, query, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.r;
}

const webhooksOf = async (session: string, accountId: string) =>
  (await t.gql(session, WEBHOOKS_OF, { id: accountId })).data?.node?.webhooks;

describe('creating a webhook', () => {
  it('returns the secret once, stores it sealed, lists it for its owner, and audits it', async () => {
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.ADMINISTRATOR);
    const made = await create(member.token, { events: ['COMMENT_ADDED', 'TICKET_CREATED'], companyId: company.id });
    expect(made.userErrors).toEqual([]);
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(made.webhook).toMatchObject({
      url: URL,
      events: ['COMMENT_ADDED', 'TICKET_CREATED'],
      active: true,
      disabledReason: null,
      company: { id: company.id },
      owner: { id: member.account.id },
    });
    const dump = JSON.stringify(await t.app.deps.reader.query('SELECT * FROM webhook'));
    expect(dump).not.toContain(made.secret);
    const [row] = await t.app.deps.reader.query('SELECT secret_sealed FROM webhook WHERE id = ?', [made.webhook.id]);
    expect(t.app.deps.secrets.open(row.secret_sealed)).toBe(made.secret);
    expect((await webhooksOf(member.token, member.account.id)).map((w: { id: string }) => w.id)).toEqual([made.webhook.id]);
    const node = await t.gql(member.token, `query($id: ID!) { node(id: $id) { ... on Webhook { id url } } }`, { id: made.webhook.id });
    expect(node.data.node).toEqual({ id: made.webhook.id, url: URL });
    const [audit] = await t.app.deps.reader.query(`SELECT action, actor_id, company_id, after FROM audit_event WHERE target_id = ?`, [
      made.webhook.id,
    ]);
    expect(audit).toMatchObject({ action: 'webhook.create', actor_id: member.account.id, company_id: company.id });
    expect(audit.after).not.toContain('whsec_');
  });

  it.each([
    ['a URL that is no URL', { url: 'not a url' }, 'INVALID_INPUT', ['input', 'url'], /INVALID_URL/],
    ['an ftp URL', { url: 'ftp://example.test/x' }, 'INVALID_INPUT', ['input', 'url'], /SCHEME_NOT_ALLOWED/],
    ['no events', { events: [] }, 'INVALID_INPUT', ['input', 'events'], /at least one/],
    ['an event twice', { events: ['TICKET_CREATED', 'TICKET_CREATED'] }, 'INVALID_INPUT', ['input', 'events'], /at most once/],
    [
      'a company id that is none',
      { companyId: 'acc_0123456789abcdef0123456789abcdef' },
      'INVALID_INPUT',
      ['input', 'companyId'],
      /company id/,
    ],
  ])('refuses %s, and writes nothing', async (_what, input, code, field, message) => {
    const member = await t.factories.member(await t.factories.company(), Role.MEMBER);
    const before = await countRows(t, 'webhook');
    const made = await create(member.token, input);
    expect(made).toMatchObject({ webhook: null, secret: null, userErrors: [{ code, field }] });
    expect(made.userErrors[0].message).toMatch(message);
    expect(await countRows(t, 'webhook')).toBe(before);
  });

  it('refuses a company the account does not see (NOT_FOUND, as for any unseen company)', async () => {
    const mine = await t.factories.company();
    const foreign = await t.factories.company();
    const member = await t.factories.member(mine, Role.ADMINISTRATOR);
    const made = await create(member.token, { companyId: foreign.id });
    expect(made.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'companyId'] })]);
    expect(await countRows(t, 'webhook', 'account_id = ?', [member.account.id])).toBe(0);
  });

  it('refuses loopback and private targets unless the network rules allow them', async () => {
    const member = await t.factories.member(await t.factories.company(), Role.MEMBER);
    t.config.webhooks.allowPrivateNetworks = false;
    try {
      for (const url of ['http://127.0.0.1:8080/x', 'http://10.1.2.3/x', 'http://[::1]/x', 'http://localhost/x']) {
        const made = await create(member.token, { url });
        expect(made.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'url'] })]);
        expect(made.userErrors[0].message).toMatch(/PRIVATE_ADDRESS/);
      }
      t.config.webhooks.allowHttp = false;
      const http = await create(member.token, { url: 'http://example.test/x' });
      expect(http.userErrors[0].message).toMatch(/SCHEME_NOT_ALLOWED/);
    } finally {
      t.config.webhooks.allowPrivateNetworks = true;
      t.config.webhooks.allowHttp = true;
    }
    expect(await countRows(t, 'webhook', 'account_id = ?', [member.account.id])).toBe(0);
  });

  it(`allows ${WEBHOOKS_PER_ACCOUNT} webhooks per account, then CONFLICT`, async () => {
    const member = await t.factories.member(await t.factories.company(), Role.MEMBER);
    for (let i = 0; i < WEBHOOKS_PER_ACCOUNT; i++) expect((await create(member.token, { url: `${URL}/${i}` })).userErrors).toEqual([]);
    const one = await create(member.token, {});
    expect(one.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    expect(await countRows(t, 'webhook', 'account_id = ?', [member.account.id])).toBe(WEBHOOKS_PER_ACCOUNT);
  });
});

describe('who sees and manages webhooks', () => {
  it('another customer: Account.webhooks is null, node(id) null, and every mutation NOT_FOUND', async () => {
    const company = await t.factories.company();
    const owner = await t.factories.member(company, Role.ADMINISTRATOR);
    const other = await t.factories.member(company, Role.ADMINISTRATOR);
    const made = await create(owner.token, {});
    const id = made.webhook.id;
    expect(await webhooksOf(other.token, owner.account.id)).toBeNull();
    expect((await t.gql(other.token, `query($id: ID!) { node(id: $id) { id } }`, { id })).data.node).toBeNull();
    expect((await mutate(other.token, SET_ACTIVE, { id, active: false })).userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND' }),
    ]);
    expect((await mutate(other.token, DELETE_WEBHOOK, { id })).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    await t.app.deps.transactions.run((db) =>
      db.query(
        `INSERT INTO webhook_delivery (id, webhook_id, event_id, event, ticket_id, event_seq, payload, status, attempts, next_attempt_at, created_at)
         VALUES ('whd_00000000000000000000000000000001', ?, 'evt_x', 'TICKET_CREATED', 'tkt_x', 1, '{}', 'FAILED', 1, '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')`,
        [id],
      ),
    );
    expect((await mutate(other.token, REDELIVER, { id: 'whd_00000000000000000000000000000001' })).userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND' }),
    ]);
    expect(await countRows(t, 'webhook', 'id = ? AND active = 1', [id])).toBe(1);
    // a staff AGENT is not an ADMIN: not theirs either
    const agent = await t.factories.signIn(await t.factories.staffAgent());
    expect(await webhooksOf(agent, owner.account.id)).toBeNull();
    expect((await mutate(agent, SET_ACTIVE, { id, active: false })).userErrors[0].code).toBe('NOT_FOUND');
  });

  it('a staff ADMIN sees and manages every webhook', async () => {
    const owner = await t.factories.member(await t.factories.company(), Role.MEMBER);
    const made = await create(owner.token, {});
    const admin = await t.factories.signIn(await t.factories.staffAdmin());
    expect((await webhooksOf(admin, owner.account.id)).map((w: { id: string }) => w.id)).toEqual([made.webhook.id]);
    const off = await mutate(admin, SET_ACTIVE, { id: made.webhook.id, active: false });
    expect(off).toMatchObject({ webhook: { active: false, disabledReason: 'DEACTIVATED' }, userErrors: [] });
    const on = await mutate(admin, SET_ACTIVE, { id: made.webhook.id, active: true });
    expect(on).toMatchObject({ webhook: { active: true, disabledReason: null, disabledAt: null }, userErrors: [] });
    expect(await mutate(admin, DELETE_WEBHOOK, { id: made.webhook.id })).toEqual({ deletedId: made.webhook.id, userErrors: [] });
    expect(await webhooksOf(owner.token, owner.account.id)).toEqual([]);
    const actions = await t.app.deps.reader.query(`SELECT action, actor_id FROM audit_event WHERE target_id = ? ORDER BY occurred_at, id`, [
      made.webhook.id,
    ]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'webhook.create',
      'webhook.deactivate',
      'webhook.activate',
      'webhook.delete',
    ]);
  });

  it('an API token needs the WEBHOOKS scope; with it, it manages its own account’s webhooks', async () => {
    const member = await t.factories.member(await t.factories.company(), Role.ADMINISTRATOR);
    const without = await token(member.token, ['TICKETS_READ', 'MEMBERS_READ']);
    const refused = await create(without, {});
    expect(refused).toMatchObject({ webhook: null, secret: null, userErrors: [{ code: 'FORBIDDEN' }] });
    const mine = await create(member.token, {});
    expect(await webhooksOf(without, member.account.id)).toBeNull();
    expect((await mutate(without, SET_ACTIVE, { id: mine.webhook.id, active: false })).userErrors[0].code).toBe('FORBIDDEN');
    expect(await countRows(t, 'webhook', 'account_id = ?', [member.account.id])).toBe(1);

    const scoped = await token(member.token, ['WEBHOOKS', 'MEMBERS_READ']);
    const made = await create(scoped, {});
    expect(made.userErrors).toEqual([]);
    expect((await webhooksOf(scoped, member.account.id)).length).toBe(2);
    expect((await mutate(scoped, SET_ACTIVE, { id: mine.webhook.id, active: false })).userErrors).toEqual([]);
  });

  it('a token restricted to a company makes webhooks of its subtree only, and sees only those', async () => {
    const parent = await t.factories.company({ settings: { subsidiaryTicketsVisible: true } });
    const child = await t.factories.company({ parent });
    const other = await t.factories.company();
    const member = await t.factories.member(parent, Role.ADMINISTRATOR);
    await t.factories.membership(member.account, other, Role.ADMINISTRATOR);
    const unrestricted = await create(member.token, {});
    const restricted = await token(member.token, ['WEBHOOKS', 'MEMBERS_READ'], child.id);
    const made = await create(restricted, {});
    expect(made.userErrors).toEqual([]);
    expect(made.webhook.company).toEqual({ id: child.id });
    expect((await create(restricted, { companyId: other.id })).userErrors[0].code).toBe('NOT_FOUND');
    expect((await webhooksOf(restricted, member.account.id)).map((w: { id: string }) => w.id)).toEqual([made.webhook.id]);
    expect((await mutate(restricted, DELETE_WEBHOOK, { id: unrestricted.webhook.id })).userErrors[0].code).toBe('NOT_FOUND');
  });

  it('refuses an id of another type, and redelivery of a webhook that is off', async () => {
    const member = await t.factories.member(await t.factories.company(), Role.MEMBER);
    expect((await mutate(member.token, SET_ACTIVE, { id: member.account.id, active: true })).userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['id'],
    });
    expect((await mutate(member.token, REDELIVER, { id: member.account.id })).userErrors[0].code).toBe('INVALID_INPUT');
    const made = await create(member.token, {});
    await mutate(member.token, SET_ACTIVE, { id: made.webhook.id, active: false });
    await t.app.deps.transactions.run((db) =>
      db.query(
        `INSERT INTO webhook_delivery (id, webhook_id, event_id, event, ticket_id, event_seq, payload, status, attempts, next_attempt_at, created_at)
         VALUES ('whd_00000000000000000000000000000002', ?, 'evt_y', 'TICKET_CREATED', 'tkt_y', 1, '{}', 'FAILED', 1, '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')`,
        [made.webhook.id],
      ),
    );
    expect((await mutate(member.token, REDELIVER, { id: 'whd_00000000000000000000000000000002' })).userErrors[0].code).toBe('CONFLICT');
  });
});
