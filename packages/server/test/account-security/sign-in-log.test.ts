import { hashPassword } from '../../src/modules/account/password';
import { Role } from '../../src/modules/membership/membership.entity';
import { pruneSignInLog } from '../../src/modules/sign-in-log/sign-in-log.service';
import { startTestApp, TestApp } from '../support/test-app';

const LOG = `query($id: ID!, $first: Int, $after: String) { company(id: $id) { signInEvents(first: $first, after: $after) {
  edges { cursor node { at email clientAddress userAgent succeeded secondFactorUsed account { id } } } pageInfo { hasNextPage endCursor } } } }`;
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token userErrors { code } } }`;
const PASSWORD = 'the password of this test';

describe("a company's sign-in log (account-security.md)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function signIn(email: string, password: string, userAgent = 'Test Browser/1.0') {
    const contextValue = await t.app.contextFor(null, { clientIp: '198.51.100.9', userAgent });
    const response = await t.app.apollo.executeOperation({ query: SIGN_IN, variables: { e: email, p: password } }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult.data as any;
  }

  it("records sign-ins and failures of the company's members, newest first; readable by staff and its ADMINISTRATORs only", async () => {
    const holding = await t.factories.company({ name: 'Log Holding' });
    const company = await t.factories.company({ name: 'Logged', parent: holding });
    const member = await t.factories.member(company, Role.MEMBER);
    const administrator = await t.factories.member(company, Role.ADMINISTRATOR);
    const moderator = await t.factories.member(company, Role.MODERATOR);
    const holdingAdmin = await t.factories.member(holding, Role.ADMINISTRATOR);
    const outsider = await t.factories.member(await t.factories.company(), Role.MEMBER);
    const hash = await hashPassword(PASSWORD);
    await t.app.deps.transactions.run((db) => db.query('UPDATE account SET password_hash = ?', [hash]));

    expect((await signIn(member.account.email, 'wrong password here')).signIn.token).toBeNull();
    expect((await signIn(member.account.email.toUpperCase(), PASSWORD, 'Firefox/133.0')).signIn.token).toEqual(expect.any(String));
    expect((await signIn(outsider.account.email, PASSWORD)).signIn.token).toEqual(expect.any(String));
    expect((await signIn('nobody.here@example.test', PASSWORD)).signIn.token).toBeNull();

    const staff = await t.factories.signIn(await t.factories.staffAgent());
    for (const reader of [administrator.token, staff]) {
      const result = await t.gql(reader, LOG, { id: company.id });
      expect(result.errors).toBeUndefined();
      const events = result.data.company.signInEvents.edges.map((e: any) => e.node);
      expect(events).toEqual([
        {
          at: expect.any(String),
          email: member.account.email.toUpperCase(),
          clientAddress: '198.51.100.9',
          userAgent: 'Firefox/133.0',
          succeeded: true,
          secondFactorUsed: false,
          account: { id: member.account.id },
        },
        expect.objectContaining({ email: member.account.email, succeeded: false, account: { id: member.account.id } }),
      ]);
    }
    // a moderator, a member, the parent's administrator (the log is per company) and outsiders: FORBIDDEN
    for (const reader of [moderator.token, member.token, holdingAdmin.token, outsider.token]) {
      const result = await t.gql(reader, LOG, { id: company.id });
      expect(result.errors?.[0].extensions?.code ?? (result.data?.company === null ? 'NOT_FOUND' : null)).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
  });

  it('pages newest first with stable cursors and keeps 30 days', async () => {
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.MEMBER);
    const administrator = await t.factories.member(company, Role.ADMINISTRATOR);
    for (let i = 0; i < 5; i++) await signIn(member.account.email, `wrong password ${i}`);
    const first = await t.gql(administrator.token, LOG, { id: company.id, first: 3 });
    expect(first.data.company.signInEvents.edges).toHaveLength(3);
    expect(first.data.company.signInEvents.pageInfo.hasNextPage).toBe(true);
    const rest = await t.gql(administrator.token, LOG, {
      id: company.id,
      first: 3,
      after: first.data.company.signInEvents.pageInfo.endCursor,
    });
    expect(rest.data.company.signInEvents.edges).toHaveLength(2);
    const all = [...first.data.company.signInEvents.edges, ...rest.data.company.signInEvents.edges].map((e: any) => e.node.at);
    expect([...all].sort().reverse()).toEqual(all);

    // 31 days old: not listed, and pruned
    const old = t.app.deps.transactions.isSqlite ? '2000-01-01 00:00:00.000' : new Date('2000-01-01T00:00:00Z');
    await t.app.deps.transactions.run((db) =>
      db.query('UPDATE sign_in_event SET created_at = ? WHERE account_id = ?', [old, member.account.id]),
    );
    expect((await t.gql(administrator.token, LOG, { id: company.id })).data.company.signInEvents.edges).toEqual([]);
    const pruned = await t.app.deps.transactions.run((db) => pruneSignInLog(db));
    expect(pruned).toBeGreaterThanOrEqual(5);
    const left = await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM sign_in_event WHERE account_id = ?', [member.account.id]);
    expect(Number(left[0].n)).toBe(0);
  });
});
