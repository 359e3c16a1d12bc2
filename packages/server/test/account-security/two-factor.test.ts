import * as OTPAuth from 'otpauth';
import { hashPassword } from '../../src/modules/account/password';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'the password of this test';
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) {
  token account { id } secondFactor { challenge enrollmentRequired expiresAt } userErrors { code field } } }`;
const COMPLETE = `mutation($c: String!, $code: String!) { completeSignIn(challenge: $c, code: $code) { token account { id } userErrors { code field } } }`;
const BEGIN = `mutation($c: String) { beginTwoFactorEnrollment(challenge: $c) { enrollment { secret otpauthUri } userErrors { code field } } }`;
const CONFIRM = `mutation($code: String!, $c: String) { confirmTwoFactorEnrollment(code: $code, challenge: $c) { recoveryCodes token account { id } userErrors { code field } } }`;
const DISABLE = `mutation($p: String!) { disableTwoFactor(password: $p) { ok userErrors { code field } } }`;

/** The code an authenticator app shows `offsetSteps` periods from now. */
const codeFor = (secret: string, offsetSteps = 0) =>
  OTPAuth.TOTP.generate({
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: Date.now() + offsetSteps * 30_000,
  });

describe('two-step sign-in (TOTP, account-security.md)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function person(company = null as null | Awaited<ReturnType<typeof t.factories.company>>, role = Role.MEMBER) {
    const member = await t.factories.member(company ?? (await t.factories.company()), role);
    const hash = await hashPassword(PASSWORD);
    await t.app.deps.transactions.run((db) => db.query('UPDATE account SET password_hash = ? WHERE id = ?', [hash, member.account.id]));
    return member;
  }
  const signIn = async (email: string) => (await t.gql(null, SIGN_IN, { e: email, p: PASSWORD })).data.signIn;

  async function enrol(session: string) {
    const begun = await t.gql(session, BEGIN, {});
    expect(begun.data.beginTwoFactorEnrollment.userErrors).toEqual([]);
    const { secret, otpauthUri } = begun.data.beginTwoFactorEnrollment.enrollment;
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Clientele:.+\?.*secret=[A-Z2-7]+/);
    const confirmed = await t.gql(session, CONFIRM, { code: codeFor(secret) });
    expect(confirmed.data.confirmTwoFactorEnrollment.userErrors).toEqual([]);
    return { secret, recoveryCodes: confirmed.data.confirmTwoFactorEnrollment.recoveryCodes as string[] };
  }

  it('enrols with a code, then sign-in asks for a code or a recovery code, each good once', async () => {
    const member = await person();
    const colleague = await t.factories.member(await t.factories.company(), Role.ADMINISTRATOR);
    const begun = await t.gql(member.token, BEGIN, {});
    const { secret } = begun.data.beginTwoFactorEnrollment.enrollment;
    const wrong = await t.gql(member.token, CONFIRM, { code: '000000' === codeFor(secret) ? '111111' : '000000' });
    expect(wrong.data.confirmTwoFactorEnrollment).toMatchObject({
      recoveryCodes: null,
      userErrors: [{ code: 'INVALID_CODE', field: ['code'] }],
    });
    const confirmed = await t.gql(member.token, CONFIRM, { code: codeFor(secret) });
    const { recoveryCodes, token } = confirmed.data.confirmTwoFactorEnrollment;
    expect(token).toBeNull();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // the secret is sealed at rest, the recovery codes hashed
    const dump =
      JSON.stringify(await t.app.deps.reader.query('SELECT * FROM two_factor')) +
      JSON.stringify(await t.app.deps.reader.query('SELECT * FROM recovery_code'));
    expect(dump).not.toContain(secret);
    for (const c of recoveryCodes) expect(dump).not.toContain(c);
    const enabled = `query($id: ID!) { node(id: $id) { ... on Account { twoFactorEnabled } } }`;
    expect((await t.gql(member.token, `{ viewer { twoFactorEnabled } }`)).data.viewer.twoFactorEnabled).toBe(true);
    expect((await t.gql(colleague.token, enabled, { id: member.account.id })).data.node).toBeNull(); // not even seen
    const staff = await t.factories.signIn(await t.factories.staffAgent());
    expect((await t.gql(staff, enabled, { id: member.account.id })).data.node.twoFactorEnabled).toBe(true);

    // the password alone no longer signs in
    const first = await signIn(member.account.email);
    expect(first).toMatchObject({ token: null, account: null, secondFactor: { challenge: expect.any(String), enrollmentRequired: false } });
    // the code of the enrolment is spent: no replay
    const replay = await t.gql(null, COMPLETE, { c: first.secondFactor.challenge, code: codeFor(secret) });
    expect(replay.data.completeSignIn.userErrors).toEqual([{ code: 'INVALID_CODE', field: ['code'] }]);
    const next = await t.gql(null, COMPLETE, { c: first.secondFactor.challenge, code: codeFor(secret, 1) });
    expect(next.data.completeSignIn).toMatchObject({ token: expect.any(String), account: { id: member.account.id }, userErrors: [] });
    // a challenge is single-use
    const again = await t.gql(null, COMPLETE, { c: first.secondFactor.challenge, code: recoveryCodes[0] });
    expect(again.data.completeSignIn.userErrors).toEqual([{ code: 'INVALID_TOKEN', field: ['challenge'] }]);

    const second = await signIn(member.account.email);
    const byRecovery = await t.gql(null, COMPLETE, { c: second.secondFactor.challenge, code: recoveryCodes[0].toUpperCase() });
    expect(byRecovery.data.completeSignIn.token).toEqual(expect.any(String));
    const third = await signIn(member.account.email);
    const reused = await t.gql(null, COMPLETE, { c: third.secondFactor.challenge, code: recoveryCodes[0] });
    expect(reused.data.completeSignIn.userErrors).toEqual([{ code: 'INVALID_CODE', field: ['code'] }]);

    const log = await t.app.deps.reader.query(
      'SELECT succeeded, second_factor_used FROM sign_in_event WHERE account_id = ? ORDER BY created_at',
      [member.account.id],
    );
    expect(log.map((r: any) => [Boolean(Number(r.succeeded)), Boolean(Number(r.second_factor_used))])).toEqual([
      [false, true],
      [true, true],
      [true, true],
      [false, true],
    ]);

    // off again with the password (not with a wrong one); then the password alone signs in
    expect((await t.gql(member.token, DISABLE, { p: 'not the password' })).data.disableTwoFactor.userErrors).toEqual([
      { code: 'INVALID_CREDENTIALS', field: ['password'] },
    ]);
    expect((await t.gql(member.token, DISABLE, { p: PASSWORD })).data.disableTwoFactor).toEqual({ ok: true, userErrors: [] });
    expect((await signIn(member.account.email)).token).toEqual(expect.any(String));
  });

  it('the same code twice at once signs in once', async () => {
    const member = await person();
    const { secret } = await enrol(member.token);
    const [a, b] = [await signIn(member.account.email), await signIn(member.account.email)];
    const code = codeFor(secret, 1);
    const results = await Promise.all([a, b].map((s) => t.gql(null, COMPLETE, { c: s.secondFactor.challenge, code })));
    expect(results.filter((r) => r.data.completeSignIn.token)).toHaveLength(1);
    expect(results.filter((r) => r.data.completeSignIn.userErrors[0]?.code === 'INVALID_CODE')).toHaveLength(1);
  });

  it("a company's policy forces enrolment at the next sign-in and keeps it on; only a staff ADMIN sets it", async () => {
    const company = await t.factories.company();
    const member = await person(company);
    const administrator = await t.factories.member(company, Role.ADMINISTRATOR);
    const update = `mutation($id: ID!, $on: Boolean!) { updateCompany(input: { id: $id, settings: { twoFactorRequired: $on } }) {
      company { settings { twoFactorRequired } } userErrors { code } } }`;
    expect((await t.gql(administrator.token, update, { id: company.id, on: true })).data.updateCompany.userErrors).toEqual([
      { code: 'FORBIDDEN' },
    ]);
    const staff = await t.factories.signIn(await t.factories.staffAdmin());
    expect((await t.gql(staff, update, { id: company.id, on: true })).data.updateCompany.company.settings.twoFactorRequired).toBe(true);

    const signedIn = await signIn(member.account.email);
    expect(signedIn).toMatchObject({ token: null, secondFactor: { enrollmentRequired: true } });
    const challenge = signedIn.secondFactor.challenge;
    const early = await t.gql(null, COMPLETE, { c: challenge, code: '123456' });
    expect(early.data.completeSignIn.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['challenge'] })]);
    const begun = await t.gql(null, BEGIN, { c: challenge });
    const { secret } = begun.data.beginTwoFactorEnrollment.enrollment;
    const confirmed = await t.gql(null, CONFIRM, { code: codeFor(secret), c: challenge });
    expect(confirmed.data.confirmTwoFactorEnrollment).toMatchObject({
      token: expect.any(String),
      account: { id: member.account.id },
      userErrors: [],
    });
    expect(confirmed.data.confirmTwoFactorEnrollment.recoveryCodes).toHaveLength(10);
    const session = confirmed.data.confirmTwoFactorEnrollment.token;
    expect((await t.gql(session, `{ viewer { id twoFactorEnabled } }`)).data.viewer).toEqual({
      id: member.account.id,
      twoFactorEnabled: true,
    });
    // required: it cannot be turned off
    expect((await t.gql(session, DISABLE, { p: PASSWORD })).data.disableTwoFactor.userErrors).toEqual([{ code: 'FORBIDDEN', field: null }]);
    // the challenge was used by the enrolment
    expect((await t.gql(null, BEGIN, { c: challenge })).data.beginTwoFactorEnrollment.userErrors).toEqual([
      { code: 'INVALID_TOKEN', field: ['challenge'] },
    ]);
  });

  it('a reset password leads to the second step too; an expired challenge says so', async () => {
    const member = await person();
    const { secret } = await enrol(member.token);
    const signedIn = await signIn(member.account.email);
    await t.app.deps.transactions.run((db) =>
      db.query('UPDATE sign_in_challenge SET expires_at = ? WHERE account_id = ?', [
        t.app.deps.transactions.isSqlite ? '2000-01-01 00:00:00.000' : new Date('2000-01-01T00:00:00Z'),
        member.account.id,
      ]),
    );
    const expired = await t.gql(null, COMPLETE, { c: signedIn.secondFactor.challenge, code: codeFor(secret, 1) });
    expect(expired.data.completeSignIn.userErrors).toEqual([expect.objectContaining({ code: 'TOKEN_EXPIRED', field: ['challenge'] })]);

    const { PasswordResetEntity } = await import('../../src/modules/password/password-reset.entity');
    const { hashToken } = await import('../../src/shared/tokens');
    await t.app.deps.transactions.run((db) =>
      db.insert(PasswordResetEntity, {
        accountId: member.account.id,
        tokenHash: hashToken('reset-token-of-this-test'),
        createdAt: new Date(),
        expiresAt: new Date(Date.now() + 600_000),
      }),
    );
    const reset = await t.gql(
      null,
      `mutation { resetPassword(token: "reset-token-of-this-test", password: "a new password for 2fa") { token secondFactor { challenge enrollmentRequired } userErrors { code } } }`,
    );
    expect(reset.data.resetPassword).toMatchObject({ token: null, secondFactor: { enrollmentRequired: false }, userErrors: [] });
    const done = await t.gql(null, COMPLETE, { c: reset.data.resetPassword.secondFactor.challenge, code: codeFor(secret, 1) });
    expect(done.data.completeSignIn.token).toEqual(expect.any(String));
  });

  it('STAFF_TWO_FACTOR_REQUIRED makes every staff account enrol', async () => {
    const staffApp = await startTestApp({ env: { STAFF_TWO_FACTOR_REQUIRED: '1' } });
    try {
      const agent = await staffApp.factories.staffAgent();
      const hash = await hashPassword(PASSWORD);
      await staffApp.app.deps.transactions.run((db) => db.query('UPDATE account SET password_hash = ? WHERE id = ?', [hash, agent.id]));
      const result = await staffApp.gql(null, SIGN_IN, { e: agent.email, p: PASSWORD });
      expect(result.data.signIn).toMatchObject({ token: null, secondFactor: { enrollmentRequired: true } });
      const customer = await staffApp.factories.member(await staffApp.factories.company(), Role.MEMBER);
      await staffApp.app.deps.transactions.run((db) =>
        db.query('UPDATE account SET password_hash = ? WHERE id = ?', [hash, customer.account.id]),
      );
      expect((await staffApp.gql(null, SIGN_IN, { e: customer.account.email, p: PASSWORD })).data.signIn.token).toEqual(expect.any(String));
    } finally {
      await staffApp.close();
    }
  });
});
