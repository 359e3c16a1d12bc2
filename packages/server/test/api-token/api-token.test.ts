import { createHash } from 'node:crypto';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

const ALL_SCOPES = [
  'TICKETS_READ',
  'TICKETS_WRITE',
  'COMPANIES_READ',
  'COMPANIES_WRITE',
  'MEMBERS_READ',
  'MEMBERS_WRITE',
  'AUDIT_READ',
  'TOKENS_READ',
] as const;
type Scope = (typeof ALL_SCOPES)[number];

const CREATE = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name scopes tokenPrefix expiresAt lastUsedAt revokedAt company { id } } userErrors { code field message } }
}`;

describe('API tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function createToken(session: string, input: { name?: string; scopes: readonly Scope[]; companyId?: string; expiresAt?: string }) {
    const result = await t.gql(session, CREATE, { input: { name: input.name ?? 'integration', ...input } });
    expect(result.errors).toBeUndefined();
    return result.data.createApiToken;
  }

  it('shows the secret once, stores only its hash, and acts as its account', async () => {
    const company = await t.factories.company();
    const admin = await t.factories.member(company, Role.ADMINISTRATOR);
    const ticket = await t.factories.ticket({ company, requester: admin.account });
    const created = await createToken(admin.token, { name: 'Monitoring', scopes: ['TICKETS_READ'] });
    expect(created.userErrors).toEqual([]);
    expect(created.token).toMatch(/^cltl_[A-Za-z0-9_-]{43}$/);
    expect(created.apiToken).toMatchObject({
      name: 'Monitoring',
      scopes: ['TICKETS_READ'],
      tokenPrefix: created.token.slice(0, 12),
      revokedAt: null,
    });
    const [row] = await t.app.deps.reader.query('SELECT token_hash FROM api_token WHERE id = ?', [created.apiToken.id]);
    expect(row.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    const dump = JSON.stringify(await t.app.deps.reader.query('SELECT * FROM api_token'));
    expect(dump).not.toContain(created.token);

    const viaToken = await t.gql(created.token, `{ viewer { id } tickets { totalCount edges { node { id } } } }`);
    expect(viaToken.errors).toBeUndefined();
    expect(viaToken.data.viewer.id).toBe(admin.account.id);
    expect(viaToken.data.tickets.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ticket.id]);

    const listed = await t.gql(admin.token, `{ viewer { apiTokens { id name lastUsedAt } } }`);
    expect(listed.data.viewer.apiTokens).toEqual([{ id: created.apiToken.id, name: 'Monitoring', lastUsedAt: expect.anything() }]);
  });

  it('cannot mint or revoke tokens: token management needs a session', async () => {
    const staff = await t.factories.staffAdmin();
    const session = await t.factories.signIn(staff);
    const created = await createToken(session, { scopes: ALL_SCOPES });
    const minted = await t.gql(created.token, CREATE, { input: { name: 'child', scopes: ['TICKETS_READ'] } });
    expect(minted.data.createApiToken).toMatchObject({ token: null, apiToken: null, userErrors: [{ code: 'FORBIDDEN' }] });
    const revoked = await t.gql(created.token, `mutation($id: ID!) { revokeApiToken(id: $id) { apiToken { id } userErrors { code } } }`, {
      id: created.apiToken.id,
    });
    expect(revoked.data.revokeApiToken.userErrors).toEqual([{ code: 'FORBIDDEN' }]);
    expect((await t.gql(created.token, `{ viewer { id } }`)).data.viewer.id).toBe(staff.id);
  });

  it.each([
    [
      'revoked',
      async (session: string, id: string) =>
        t.gql(session, `mutation($id: ID!) { revokeApiToken(id: $id) { userErrors { code } } }`, { id }),
    ],
    [
      'account disabled',
      async (_session: string, _id: string, accountId: string, staffSession: string) =>
        t.gql(staffSession, `mutation($id: ID!) { setAccountDisabled(id: $id, disabled: true) { userErrors { code } } }`, {
          id: accountId,
        }),
    ],
    [
      'expired',
      async (_session: string, id: string) =>
        t.app.deps.transactions.run((db) =>
          db.query('UPDATE api_token SET expires_at = ? WHERE id = ?', [
            t.app.deps.transactions.isSqlite ? '2000-01-01 00:00:00.000' : new Date('2000-01-01T00:00:00Z'),
            id,
          ]),
        ),
    ],
  ])('a %s token is refused at once', async (_what, stop) => {
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.MEMBER);
    const staffSession = await t.factories.signIn(await t.factories.staffAdmin());
    const created = await createToken(member.token, {
      scopes: ['TICKETS_READ'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await t.gql(created.token, `{ tickets { totalCount } }`)).errors).toBeUndefined();
    await stop(member.token, created.apiToken.id, member.account.id, staffSession);
    const after = await t.gql(created.token, `{ tickets { totalCount } }`);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a staff ADMIN lists and revokes anyone’s tokens; a staff AGENT and other customers cannot', async () => {
    const company = await t.factories.company();
    const owner = await t.factories.member(company, Role.ADMINISTRATOR);
    const colleague = await t.factories.member(company, Role.ADMINISTRATOR);
    const adminSession = await t.factories.signIn(await t.factories.staffAdmin());
    const agentSession = await t.factories.signIn(await t.factories.staffAgent());
    const created = await createToken(owner.token, { scopes: ['TICKETS_READ'] });
    const query = `query($id: ID!) { node(id: $id) { ... on Account { apiTokens { id } } } }`;
    const revoke = `mutation($id: ID!) { revokeApiToken(id: $id) { apiToken { revokedAt } userErrors { code } } }`;
    expect((await t.gql(adminSession, query, { id: owner.account.id })).data.node.apiTokens).toEqual([{ id: created.apiToken.id }]);
    for (const stranger of [colleague.token, agentSession]) {
      expect((await t.gql(stranger, query, { id: owner.account.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(stranger, revoke, { id: created.apiToken.id })).data.revokeApiToken.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    }
    expect((await t.gql(created.token, `{ tickets { totalCount } }`)).errors).toBeUndefined();
    const revokeByAdmin = await t.gql(adminSession, revoke, { id: created.apiToken.id });
    expect(revokeByAdmin.data.revokeApiToken).toMatchObject({ apiToken: { revokedAt: expect.anything() }, userErrors: [] });
  });

  it("a staff AGENT cannot list or revoke a staff ADMIN's tokens", async () => {
    const admin = await t.factories.staffAdmin();
    const adminSession = await t.factories.signIn(admin);
    const agentSession = await t.factories.signIn(await t.factories.staffAgent());
    const created = await createToken(adminSession, { scopes: ['AUDIT_READ'] });
    const listed = await t.gql(agentSession, `query($id: ID!) { node(id: $id) { ... on Account { apiTokens { id } } } }`, { id: admin.id });
    expect(listed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const revoked = await t.gql(agentSession, `mutation($id: ID!) { revokeApiToken(id: $id) { userErrors { code } } }`, {
      id: created.apiToken.id,
    });
    expect(revoked.data.revokeApiToken.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    const [row] = await t.app.deps.reader.query('SELECT revoked_at FROM api_token WHERE id = ?', [created.apiToken.id]);
    expect(row.revoked_at).toBeNull();
  });

  it('a token reads the account’s tokens only with TOKENS_READ, and then only its own account’s', async () => {
    const company = await t.factories.company();
    const owner = await t.factories.member(company, Role.ADMINISTRATOR);
    const reader = await createToken(owner.token, { scopes: ['TICKETS_READ'] });
    const lister = await createToken(owner.token, { scopes: ['TOKENS_READ'] });
    const denied = await t.gql(reader.token, `{ viewer { apiTokens { id } } }`);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const allowed = await t.gql(lister.token, `{ viewer { apiTokens { id } } }`);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.viewer.apiTokens.map((x: { id: string }) => x.id).sort()).toEqual([reader.apiToken.id, lister.apiToken.id].sort());
    // a staff ADMIN's TOKENS_READ token still reads only its own account's tokens
    const staff = await t.factories.staffAdmin();
    const staffLister = await createToken(await t.factories.signIn(staff), { scopes: ['TOKENS_READ', 'MEMBERS_READ'] });
    const other = await t.gql(staffLister.token, `query($id: ID!) { node(id: $id) { ... on Account { apiTokens { id } } } }`, {
      id: owner.account.id,
    });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('disabling an account revokes its tokens for good: enabling it again revives neither tokens nor sessions', async () => {
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.MEMBER);
    const staffSession = await t.factories.signIn(await t.factories.staffAdmin());
    const created = await createToken(member.token, { scopes: ['TICKETS_READ'] });
    const setDisabled = `mutation($id: ID!, $d: Boolean!) { setAccountDisabled(id: $id, disabled: $d) { userErrors { code } } }`;
    expect((await t.gql(staffSession, setDisabled, { id: member.account.id, d: true })).data.setAccountDisabled.userErrors).toEqual([]);
    expect((await t.gql(staffSession, setDisabled, { id: member.account.id, d: false })).data.setAccountDisabled.userErrors).toEqual([]);
    expect((await t.gql(created.token, `{ tickets { totalCount } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(member.token, `{ tickets { totalCount } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [row] = await t.app.deps.reader.query('SELECT revoked_at FROM api_token WHERE id = ?', [created.apiToken.id]);
    expect(row.revoked_at).not.toBeNull();
  });

  it('refuses bad input: no scopes, past expiry, a company the account does not see, wrong id type', async () => {
    const company = await t.factories.company();
    const hidden = await t.factories.company();
    const admin = await t.factories.member(company, Role.ADMINISTRATOR);
    const cases: Array<[Record<string, unknown>, string, string[]]> = [
      [{ name: 'x', scopes: [] }, 'INVALID_INPUT', ['input', 'scopes']],
      [{ name: '', scopes: ['TICKETS_READ'] }, 'INVALID_INPUT', ['input', 'name']],
      [{ name: 'x', scopes: ['TICKETS_READ'], expiresAt: '2001-01-01T00:00:00Z' }, 'INVALID_INPUT', ['input', 'expiresAt']],
      [{ name: 'x', scopes: ['TICKETS_READ'], companyId: hidden.id }, 'NOT_FOUND', ['input', 'companyId']],
      [{ name: 'x', scopes: ['TICKETS_READ'], companyId: admin.account.id }, 'INVALID_INPUT', ['input', 'companyId']],
    ];
    for (const [input, code, field] of cases) {
      const result = await t.gql(admin.token, CREATE, { input });
      expect(result.data.createApiToken).toMatchObject({ token: null, apiToken: null, userErrors: [{ code, field }] });
    }
    const [row] = await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM api_token WHERE account_id = ?', [admin.account.id]);
    expect(Number(row.n)).toBe(0);
  });

  describe('each scope allows exactly its operations', () => {
    // staff ADMIN, so the role never limits: what is refused is refused by the token's scopes
    const operations: Array<{
      name: string;
      needs: Scope[];
      run: (token: string, ids: Record<string, string>) => Promise<{ ok: boolean; code?: string }>;
    }> = [];
    const query = (
      name: string,
      needs: Scope[],
      text: string,
      vars: (ids: Record<string, string>) => Record<string, unknown> = () => ({}),
    ) =>
      operations.push({
        name,
        needs,
        run: async (token, ids) => {
          const r = await t.gql(token, text, vars(ids));
          return { ok: !r.errors, code: r.errors?.[0].extensions?.code as string | undefined };
        },
      });
    const mutation = (name: string, needs: Scope[], text: string, vars: (ids: Record<string, string>) => Record<string, unknown>) =>
      operations.push({
        name,
        needs,
        run: async (token, ids) => {
          const r = await t.gql(token, text, vars(ids));
          if (r.errors) return { ok: false, code: r.errors[0].extensions?.code as string };
          const payload = Object.values(r.data)[0] as { userErrors: Array<{ code: string }> };
          return { ok: payload.userErrors.length === 0, code: payload.userErrors[0]?.code };
        },
      });
    query('tickets', ['TICKETS_READ'], `{ tickets { totalCount } }`);
    query('ticket', ['TICKETS_READ'], `query($id: ID!) { ticket(id: $id) { id } }`, (ids) => ({ id: ids.ticket }));
    query('companies', ['COMPANIES_READ'], `{ companies { totalCount } }`);
    query('company', ['COMPANIES_READ'], `query($id: ID!) { company(id: $id) { id } }`, (ids) => ({ id: ids.company }));
    query(
      'Company.memberships',
      ['COMPANIES_READ', 'MEMBERS_READ'],
      `query($id: ID!) { company(id: $id) { memberships { totalCount } } }`,
      (ids) => ({ id: ids.company }),
    );
    query(
      'Company.invitations',
      ['COMPANIES_READ', 'MEMBERS_READ'],
      `query($id: ID!) { company(id: $id) { invitations { totalCount } } }`,
      (ids) => ({ id: ids.company }),
    );
    query(
      'ticketAudience',
      ['TICKETS_READ', 'MEMBERS_READ'],
      `query($id: ID!) { ticketAudience(ticketId: $id) { account { id } } }`,
      (ids) => ({ id: ids.ticket }),
    );
    query('accountVisibility', ['MEMBERS_READ'], `query($id: ID!) { accountVisibility(accountId: $id) { company { id } } }`, (ids) => ({
      id: ids.customer,
    }));
    query('auditEvents', ['AUDIT_READ'], `{ auditEvents(first: 1) { totalCount } }`);
    query('viewer.apiTokens', ['TOKENS_READ'], `{ viewer { apiTokens { id } } }`);
    // the tree around a company reached through a ticket: COMPANIES_READ, like company(id)
    for (const field of ['parent { id }', 'children { id }', 'path { id }', 'settings { portalEnabled }']) {
      query(
        `Ticket.company.${field.split(' ')[0]}`,
        ['TICKETS_READ', 'COMPANIES_READ'],
        `query($id: ID!) { ticket(id: $id) { company { id name ${field} } } }`,
        (ids) => ({ id: ids.ticket }),
      );
    }
    mutation(
      'createCompany',
      ['COMPANIES_WRITE'],
      `mutation($name: String!) { createCompany(input: { name: $name }) { userErrors { code } } }`,
      // a name of its own each time: sibling names are unique (issue 17)
      () => ({ name: `Scoped ${Math.random()}` }),
    );
    mutation(
      'updateCompany',
      ['COMPANIES_WRITE'],
      `mutation($id: ID!) { updateCompany(input: { id: $id, name: "Renamed" }) { userErrors { code } } }`,
      (ids) => ({ id: ids.company }),
    );
    mutation(
      'createTicket',
      ['TICKETS_WRITE'],
      `mutation($id: ID!) { createTicket(input: { companyId: $id, title: "Scoped" }) { userErrors { code } } }`,
      (ids) => ({ id: ids.company }),
    );
    mutation(
      'updateTicket',
      ['TICKETS_WRITE'],
      `mutation($id: ID!) { updateTicket(input: { id: $id, status: OPEN }) { userErrors { code } } }`,
      (ids) => ({ id: ids.ticket }),
    );
    mutation(
      'inviteMember',
      ['MEMBERS_WRITE'],
      `mutation($id: ID!, $email: String!) { inviteMember(input: { companyId: $id, email: $email, firstName: "A", lastName: "B", language: "en", role: MEMBER }) { userErrors { code } } }`,
      (ids) => ({ id: ids.company, email: `scoped-${Math.random()}@example.test` }),
    );
    mutation(
      'updateMembership',
      ['MEMBERS_WRITE'],
      `mutation($id: ID!) { updateMembership(input: { id: $id, role: MODERATOR }) { userErrors { code } } }`,
      (ids) => ({ id: ids.membership }),
    );

    let staffSession: string;
    let ids: Record<string, string>;
    beforeAll(async () => {
      const staff = await t.factories.staffAdmin();
      staffSession = await t.factories.signIn(staff);
      const company = await t.factories.company();
      const customer = await t.factories.member(company, Role.MEMBER);
      const ticket = await t.factories.ticket({ company, requester: customer.account });
      ids = { company: company.id, ticket: ticket.id, customer: customer.account.id, membership: customer.membership.id };
    });

    const cases = operations.flatMap((op) => ALL_SCOPES.map((scope) => [op.name, scope, op] as const));
    it.each(cases)('%s with a %s token', async (_name, scope, op) => {
      const created = await createToken(staffSession, { scopes: [scope] });
      const outcome = await op.run(created.token, ids);
      const allowed = op.needs.length === 1 && op.needs[0] === scope;
      expect({ ok: outcome.ok, code: outcome.ok ? undefined : outcome.code }).toEqual(
        allowed ? { ok: true, code: undefined } : { ok: false, code: 'FORBIDDEN' },
      );
    });

    it.each(operations.map((op) => [op.name, op] as const))('%s with exactly the scopes it needs', async (_name, op) => {
      const created = await createToken(staffSession, { scopes: op.needs });
      expect(await op.run(created.token, ids)).toEqual({ ok: true, code: undefined });
    });
  });

  describe('a company restriction narrows, never widens', () => {
    it('sees only the subtree and refuses staff-wide operations', async () => {
      const holding = await t.factories.company({ settings: { subsidiaryTicketsVisible: true } });
      const subsidiary = await t.factories.company({ parent: holding });
      const grandchild = await t.factories.company({ parent: subsidiary });
      const sibling = await t.factories.company({ parent: holding });
      const admin = await t.factories.member(holding, Role.ADMINISTRATOR);
      const inHolding = await t.factories.ticket({ company: holding, requester: admin.account });
      const inSubsidiary = await t.factories.ticket({ company: subsidiary });
      const inGrandchild = await t.factories.ticket({ company: grandchild });
      await t.factories.ticket({ company: sibling });
      const restricted = await createToken(admin.token, {
        scopes: ['TICKETS_READ', 'COMPANIES_READ', 'MEMBERS_READ'],
        companyId: subsidiary.id,
      });
      const seen = await t.gql(restricted.token, `{ tickets { edges { node { id } } } companies { edges { node { id } } } }`);
      const ids = (c: { edges: Array<{ node: { id: string } }> }) => c.edges.map((e) => e.node.id).sort();
      expect(ids(seen.data.tickets)).toEqual([inSubsidiary.id, inGrandchild.id].sort());
      expect(ids(seen.data.companies)).toEqual([subsidiary.id, grandchild.id].sort());
      expect((await t.gql(restricted.token, `query($id: ID!) { ticket(id: $id) { id } }`, { id: inHolding.id })).data.ticket).toBeNull();

      const staffSession = await t.factories.signIn(await t.factories.staffAdmin());
      const staffToken = await createToken(staffSession, { scopes: ALL_SCOPES, companyId: subsidiary.id });
      const staffSeen = await t.gql(staffToken.token, `{ tickets { totalCount } companies { totalCount } }`);
      expect(staffSeen.data).toEqual({ tickets: { totalCount: 2 }, companies: { totalCount: 2 } });
      for (const text of [`{ auditEvents { totalCount } }`, `query($id: ID!) { ticketAudience(ticketId: $id) { account { id } } }`]) {
        const r = await t.gql(staffToken.token, text, { id: inSubsidiary.id });
        expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      const root = await t.gql(staffToken.token, `mutation { createCompany(input: { name: "Outside" }) { userErrors { code } } }`);
      expect(root.data.createCompany.userErrors).toEqual([{ code: 'FORBIDDEN' }]);
      const outside = await t.gql(
        staffToken.token,
        `mutation($id: ID!) { updateCompany(input: { id: $id, name: "Nope" }) { userErrors { code } } }`,
        { id: sibling.id },
      );
      expect(outside.data.updateCompany.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
      const inside = await t.gql(
        staffToken.token,
        `mutation($id: ID!) { createCompany(input: { name: "Inside", parentId: $id }) { company { parent { id } } userErrors { code } } }`,
        { id: grandchild.id },
      );
      expect(inside.data.createCompany).toEqual({ company: { parent: { id: grandchild.id } }, userErrors: [] });
    });
  });
});
