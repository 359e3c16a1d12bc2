import { hashPassword } from '../../src/modules/account/password';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

const SESSIONS = `query($id: ID!) { node(id: $id) { ... on Account { sessions { id createdAt lastSeenAt userAgent clientAddress current } } } }`;
const MY_SESSIONS = `{ viewer { sessions { id userAgent clientAddress current } } }`;
const REVOKE = `mutation($id: ID!) { revokeSession(id: $id) { ok userErrors { code field } } }`;
const EVERYWHERE = `mutation($accountId: ID) { signOutEverywhere(accountId: $accountId) { ok userErrors { code field } } }`;
const PASSWORD = 'the password of this test';
/** A signed-out or revoked session's token is no longer stored: refused as unknown (HTTP 401 over HTTP). */
const SESSION_GONE = { code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' };

describe('sessions: listed, ended one by one or everywhere (account-security.md)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** signIn as a browser would: with its address and user agent. */
  async function signInFrom(email: string, clientIp: string, userAgent: string): Promise<string> {
    const contextValue = await t.app.contextFor(null, { clientIp, userAgent });
    const response = await t.app.apollo.executeOperation(
      {
        query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token userErrors { code } } }`,
        variables: { e: email, p: PASSWORD },
      },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const token = (response.body.singleResult.data as any).signIn.token;
    expect(token).toEqual(expect.any(String));
    return token;
  }

  async function person() {
    const member = await t.factories.member(await t.factories.company(), Role.MEMBER);
    const hash = await hashPassword(PASSWORD);
    await t.app.deps.transactions.run((db) => db.query('UPDATE account SET password_hash = ? WHERE id = ?', [hash, member.account.id]));
    return member;
  }

  it('lists the live sessions with where they came from, newest first, the current one marked', async () => {
    const member = await person();
    const laptop = await signInFrom(member.account.email, '198.51.100.4', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0');
    await new Promise((r) => setTimeout(r, 5));
    const phone = await signInFrom(member.account.email, '2001:db8::7', 'Mozilla/5.0 (iPhone) Safari/604.1');
    const listed = await t.gql(phone, MY_SESSIONS);
    expect(listed.errors).toBeUndefined();
    const sessions = listed.data.viewer.sessions;
    // the factory's session, then the two sign-ins: newest first
    expect(sessions.slice(0, 2)).toEqual([
      { id: expect.stringMatching(/^ses_/), userAgent: 'Mozilla/5.0 (iPhone) Safari/604.1', clientAddress: '2001:db8::7', current: true },
      { id: expect.stringMatching(/^ses_/), userAgent: expect.stringContaining('Firefox'), clientAddress: '198.51.100.4', current: false },
    ]);
    expect(sessions).toHaveLength(3);
    // expired and idle sessions are not live
    await t.app.deps.transactions.run((db) =>
      db.query('UPDATE session SET expires_at = ? WHERE id = ?', [
        t.app.deps.transactions.isSqlite ? '2000-01-01 00:00:00.000' : new Date('2000-01-01T00:00:00Z'),
        sessions[2].id,
      ]),
    );
    expect((await t.gql(laptop, MY_SESSIONS)).data.viewer.sessions).toHaveLength(2);
  });

  it('the account itself and a staff ADMIN see them; an AGENT, a colleague and an API token do not', async () => {
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.MEMBER);
    const colleague = await t.factories.member(company, Role.ADMINISTRATOR);
    const admin = await t.factories.signIn(await t.factories.staffAdmin());
    const agent = await t.factories.signIn(await t.factories.staffAgent());
    expect((await t.gql(admin, SESSIONS, { id: member.account.id })).data.node.sessions).toHaveLength(1);
    for (const other of [agent, colleague.token]) {
      const result = await t.gql(other, SESSIONS, { id: member.account.id });
      expect(result.errors).toBeUndefined();
      expect(result.data.node.sessions).toBeNull();
    }
    const created = await t.gql(member.token, `mutation { createApiToken(input: { name: "x", scopes: [MEMBERS_READ] }) { token } }`);
    expect((await t.gql(created.data.createApiToken.token, MY_SESSIONS)).data.viewer.sessions).toBeNull();
  });

  it('revokeSession ends one: own or (staff ADMIN) anyone’s; another account’s is NOT_FOUND', async () => {
    const member = await person();
    const first = await signInFrom(member.account.email, '198.51.100.4', 'A');
    const second = await signInFrom(member.account.email, '198.51.100.5', 'B');
    const ofSecond = (await t.gql(first, MY_SESSIONS)).data.viewer.sessions.find((s: any) => s.userAgent === 'B');
    const stranger = await t.factories.member(await t.factories.company(), Role.ADMINISTRATOR);
    const agent = await t.factories.signIn(await t.factories.staffAgent());
    for (const who of [stranger.token, agent]) {
      expect((await t.gql(who, REVOKE, { id: ofSecond.id })).data.revokeSession).toEqual({
        ok: false,
        userErrors: [{ code: 'NOT_FOUND', field: ['id'] }],
      });
    }
    expect((await t.gql(first, REVOKE, { id: 'not-a-session' })).data.revokeSession.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['id'] },
    ]);
    expect((await t.gql(second, `{ viewer { id } }`)).data.viewer.id).toBe(member.account.id);
    expect((await t.gql(first, REVOKE, { id: ofSecond.id })).data.revokeSession).toEqual({ ok: true, userErrors: [] });
    expect((await t.gql(second, `{ viewer { id } }`)).errors?.[0].extensions).toEqual(SESSION_GONE);
    expect((await t.gql(first, `{ viewer { id } }`)).data.viewer.id).toBe(member.account.id);

    const admin = await t.factories.signIn(await t.factories.staffAdmin());
    const [ofFirst] = (await t.gql(first, MY_SESSIONS)).data.viewer.sessions.filter((s: any) => s.current);
    expect((await t.gql(admin, REVOKE, { id: ofFirst.id })).data.revokeSession).toEqual({ ok: true, userErrors: [] });
    expect((await t.gql(first, `{ viewer { id } }`)).errors?.[0].extensions).toEqual(SESSION_GONE);
  });

  it('signOutEverywhere ends all of the viewer’s sessions, the current one too; another account’s only for a staff ADMIN', async () => {
    const member = await person();
    const sessions = [member.token, await t.factories.signIn(member.account), await t.factories.signIn(member.account)];
    const bystander = await t.factories.signIn(await t.factories.staffAgent());
    const refused = await t.gql(bystander, EVERYWHERE, { accountId: member.account.id });
    expect(refused.data.signOutEverywhere).toEqual({ ok: false, userErrors: [{ code: 'FORBIDDEN', field: null }] });
    for (const s of sessions) expect((await t.gql(s, `{ viewer { id } }`)).data.viewer.id).toBe(member.account.id);

    expect((await t.gql(sessions[0], EVERYWHERE, {})).data.signOutEverywhere).toEqual({ ok: true, userErrors: [] });
    for (const s of sessions) expect((await t.gql(s, `{ viewer { id } }`)).errors?.[0].extensions).toEqual(SESSION_GONE);
    expect((await t.gql(bystander, `{ viewer { id } }`)).data.viewer).not.toBeNull();

    const again = [await t.factories.signIn(member.account), await t.factories.signIn(member.account)];
    const admin = await t.factories.signIn(await t.factories.staffAdmin());
    expect((await t.gql(admin, EVERYWHERE, { accountId: member.account.id })).data.signOutEverywhere).toEqual({ ok: true, userErrors: [] });
    for (const s of again) expect((await t.gql(s, `{ viewer { id } }`)).errors?.[0].extensions).toEqual(SESSION_GONE);
    expect((await t.gql(admin, `{ viewer { id } }`)).data.viewer).not.toBeNull();
    const audit = await t.app.deps.reader.query(
      `SELECT action FROM audit_event WHERE target_id = ? AND action = 'auth.sign_out_everywhere'`,
      [member.account.id],
    );
    expect(audit).toHaveLength(2);
  });
});
