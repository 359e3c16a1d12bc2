import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) { ok } }`;
const RESET = `mutation($token: String!, $password: String!) {
  resetPassword(token: $token, password: $password) { token account { id } userErrors { code field message } }
}`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { ok userErrors { code field } } }`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token userErrors { code } } }`;
const NEW_PASSWORD = 'a brand new password 2026';
/** A signed-out or revoked session's token is no longer stored: refused as unknown (HTTP 401 over HTTP). */
const SESSION_GONE = { code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' };

interface ResetMail {
  to: string;
  subject: string;
  text: string;
  event: string | undefined;
  language: string | undefined;
  tokens: string[];
}

describe('passwords: forgotten and changed (account-security.md)', () => {
  let t: TestApp;
  const seen = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** The reset mails written since the last call. */
  async function takeMails(): Promise<ResetMail[]> {
    const files = (await fs.readdir(t.outbox).catch(() => [] as string[])).filter((f) => f.endsWith('.eml') && !seen.has(f)).sort();
    files.forEach((f) => seen.add(f));
    return Promise.all(
      files.map(async (f) => {
        const parsed = await simpleParser(await fs.readFile(path.join(t.outbox, f)));
        const text = parsed.text ?? '';
        const event = parsed.headers.get('x-clientele-event');
        const language = parsed.headers.get('content-language');
        return {
          to: (parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address : '') ?? '',
          subject: parsed.subject ?? '',
          text,
          event: typeof event === 'string' ? event : undefined,
          language: typeof language === 'string' ? language : undefined,
          tokens: [...text.matchAll(/http:\/\/portal\.test\/password-reset\?token=([A-Za-z0-9_%.~-]+)/g)].map((m) =>
            decodeURIComponent(m[1]),
          ),
        };
      }),
    );
  }

  async function requestReset(email: string): Promise<ResetMail[]> {
    const result = await t.gql(null, REQUEST, { email });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ requestPasswordReset: { ok: true } });
    return takeMails();
  }

  it('mails one link in the account’s language; the same answer, and no mail, for unknown and disabled emails', async () => {
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.MEMBER);
    await t.app.deps.transactions.run((db) => db.query('UPDATE account SET language = ? WHERE id = ?', ['de', member.account.id]));
    const [mail, ...others] = await requestReset(member.account.email.toUpperCase());
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ to: member.account.email, event: 'PASSWORD_RESET', language: 'de' });
    expect(mail.subject).toContain('Passwort');
    expect(mail.tokens).toHaveLength(1);
    expect(mail.tokens[0].length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    // only the hash is stored
    const dump = JSON.stringify(await t.app.deps.reader.query('SELECT * FROM password_reset'));
    expect(dump).not.toContain(mail.tokens[0]);

    const disabled = await t.factories.account();
    await t.app.deps.transactions.run((db) => db.query('UPDATE account SET disabled = 1 WHERE id = ?', [disabled.id]));
    expect(await requestReset('nobody.at.all@example.test')).toEqual([]);
    expect(await requestReset(disabled.email)).toEqual([]);
    // not an email at all: INVALID_INPUT (no account could have it, so this reveals nothing)
    const bad = await t.gql(null, REQUEST, { email: 'not an email' });
    expect(bad.errors?.[0].extensions?.code).toBe('INVALID_INPUT');
  });

  it('resets once: ends every session, signs in, and the old password, token and sessions stop working', async () => {
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.MEMBER);
    const otherSession = await t.factories.signIn(member.account);
    const [mail] = await requestReset(member.account.email);
    const reset = await t.gql(null, RESET, { token: mail.tokens[0], password: NEW_PASSWORD });
    expect(reset.data.resetPassword).toMatchObject({ token: expect.any(String), account: { id: member.account.id }, userErrors: [] });
    for (const old of [member.token, otherSession])
      expect((await t.gql(old, `{ viewer { id } }`)).errors?.[0].extensions).toEqual(SESSION_GONE);
    expect((await t.gql(reset.data.resetPassword.token, `{ viewer { id } }`)).data.viewer.id).toBe(member.account.id);
    const again = await t.gql(null, RESET, { token: mail.tokens[0], password: 'yet another password 2026' });
    expect(again.data.resetPassword).toMatchObject({ token: null, userErrors: [{ code: 'INVALID_TOKEN', field: ['token'] }] });
    const signIn = await t.gql(null, SIGN_IN, { email: member.account.email, password: NEW_PASSWORD });
    expect(signIn.data.signIn.token).toEqual(expect.any(String));
  });

  it('only the newest link works; an expired one says so; unknown tokens and weak passwords change nothing', async () => {
    const member = await t.factories.member(await t.factories.company(), Role.MEMBER);
    const [first] = await requestReset(member.account.email);
    const [second] = await requestReset(member.account.email);
    const superseded = await t.gql(null, RESET, { token: first.tokens[0], password: NEW_PASSWORD });
    expect(superseded.data.resetPassword.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TOKEN' })]);
    const weak = await t.gql(null, RESET, { token: second.tokens[0], password: 'short' });
    expect(weak.data.resetPassword.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['password'] })]);
    const unknown = await t.gql(null, RESET, { token: 'x'.repeat(43), password: NEW_PASSWORD });
    expect(unknown.data.resetPassword.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TOKEN' })]);
    // the session and the password are untouched by all of that
    expect((await t.gql(member.token, `{ viewer { id } }`)).data.viewer.id).toBe(member.account.id);

    await t.app.deps.transactions.run((db) =>
      db.query('UPDATE password_reset SET expires_at = ? WHERE account_id = ?', [
        t.app.deps.transactions.isSqlite ? '2000-01-01 00:00:00.000' : new Date('2000-01-01T00:00:00Z'),
        member.account.id,
      ]),
    );
    const expired = await t.gql(null, RESET, { token: second.tokens[0], password: NEW_PASSWORD });
    expect(expired.data.resetPassword.userErrors).toEqual([expect.objectContaining({ code: 'TOKEN_EXPIRED', field: ['token'] })]);
    expect((await t.gql(member.token, `{ viewer { id } }`)).data.viewer.id).toBe(member.account.id);
  });

  it('the same token used twice at once succeeds once', async () => {
    const member = await t.factories.member(await t.factories.company(), Role.MEMBER);
    const [mail] = await requestReset(member.account.email);
    const results = await Promise.all(
      ['first parallel password', 'second parallel password'].map((password) => t.gql(null, RESET, { token: mail.tokens[0], password })),
    );
    const winners = results.filter((r) => r.data?.resetPassword.token);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.data?.resetPassword.userErrors[0]?.code === 'INVALID_TOKEN')).toHaveLength(1);
    const sessions = await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM session WHERE account_id = ?', [member.account.id]);
    expect(Number(sessions[0].n)).toBe(1);
  });

  it('changePassword: needs the current password and a session; ends every other session', async () => {
    const member = await t.factories.member(await t.factories.company(), Role.MEMBER);
    await t.app.deps.transactions.run(async (db) => {
      const { hashPassword } = await import('../../src/modules/account/password');
      await db.query('UPDATE account SET password_hash = ? WHERE id = ?', [await hashPassword('the current password'), member.account.id]);
    });
    const otherSession = await t.factories.signIn(member.account);
    const wrong = await t.gql(member.token, CHANGE, { c: 'not the current one', n: NEW_PASSWORD });
    expect(wrong.data.changePassword).toEqual({ ok: false, userErrors: [{ code: 'INVALID_CREDENTIALS', field: ['currentPassword'] }] });
    const weak = await t.gql(member.token, CHANGE, { c: 'the current password', n: 'short' });
    expect(weak.data.changePassword.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['newPassword'] }]);
    expect((await t.gql(otherSession, `{ viewer { id } }`)).data.viewer.id).toBe(member.account.id);

    const changed = await t.gql(member.token, CHANGE, { c: 'the current password', n: NEW_PASSWORD });
    expect(changed.data.changePassword).toEqual({ ok: true, userErrors: [] });
    expect((await t.gql(member.token, `{ viewer { id } }`)).data.viewer.id).toBe(member.account.id);
    expect((await t.gql(otherSession, `{ viewer { id } }`)).errors?.[0].extensions).toEqual(SESSION_GONE);
    expect((await t.gql(null, SIGN_IN, { email: member.account.email, password: NEW_PASSWORD })).data.signIn.token).toEqual(
      expect.any(String),
    );
    expect((await t.gql(null, SIGN_IN, { email: member.account.email, password: 'the current password' })).data.signIn.token).toBeNull();

    // an API token cannot change the password
    const created = await t.gql(member.token, `mutation { createApiToken(input: { name: "x", scopes: [TICKETS_READ] }) { token } }`);
    const viaToken = await t.gql(created.data.createApiToken.token, CHANGE, { c: NEW_PASSWORD, n: 'a third password 2026' });
    expect(viaToken.data.changePassword.userErrors).toEqual([{ code: 'FORBIDDEN', field: null }]);
  });
});
