/**
 * `createAccount` (staff ADMIN) without a password: the person gets an "an account was created for
 * you" mail through the outbox, in the account's language, with a single-use set-password link that
 * works for 7 days (resetPassword takes it and signs in); with companyId and role, the account joins
 * the company in the same transaction.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { newId } from '../../src/shared/ids';
import { ACCOUNT_SETUP_TTL_MS } from '../../src/modules/password/account-setup';
import { startTestApp, TestApp } from '../support/test-app';

const CREATE = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) {
    account { id email language memberships { role capabilities company { id } } }
    userErrors { code field message }
  }
}`;
const RESET = `mutation($token: String!, $password: String!) {
  resetPassword(token: $token, password: $password) { token account { id } userErrors { code field } }
}`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token userErrors { code } } }`;
const PASSWORD = 'my very own password 2026';

interface Mail {
  to: string;
  subject: string;
  text: string;
  event: string | undefined;
  language: string | undefined;
  links: string[];
}

describe('createAccount with an emailed set-password link', () => {
  let t: TestApp;
  let staff: string;
  const seen = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
  });
  afterAll(() => t.close());

  /** The mails written since the last call. */
  async function takeMails(): Promise<Mail[]> {
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
          links: [...text.matchAll(/http:\/\/portal\.test\/password-reset\?\S+/g)].map((m) => m[0]),
        };
      }),
    );
  }
  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

  async function create(input: Record<string, unknown>) {
    const result = await t.gql(staff, CREATE, { input: { firstName: 'Nora', lastName: 'Neu', ...input } });
    expect(result.errors).toBeUndefined();
    return result.data!.createAccount;
  }

  it('mails the link in the account’s language; the link sets the password and signs in, once', async () => {
    await takeMails();
    const created = await create({ email: 'nora.neu@example.test', language: 'de' });
    expect(created.userErrors).toEqual([]);
    const accountId = created.account.id;

    const [mail, ...others] = await takeMails();
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ to: 'nora.neu@example.test', event: 'ACCOUNT_SETUP', language: 'de' });
    expect(mail.subject).toBe('Für Sie wurde ein Konto im Serviceportal angelegt');
    expect(mail.text).toContain('Hallo Nora,');
    expect(mail.text).toContain('7 Tage');
    expect(mail.links).toHaveLength(1); // exactly once in the plain text
    expect(mail.links[0]).toContain('welcome=1');
    const token = tokenOf(mail.links[0]);
    expect(token.length).toBeGreaterThanOrEqual(22);

    // in the outbox as its own kind, and only the token's hash is stored
    const [row] = await t.app.deps.reader.query(`SELECT kind FROM outbox_message WHERE to_address = 'nora.neu@example.test'`);
    expect(row.kind).toBe('ACCOUNT_SETUP');
    const [reset] = await t.app.deps.reader.query('SELECT * FROM password_reset WHERE account_id = ?', [accountId]);
    expect(JSON.stringify(reset)).not.toContain(token);
    const lifetime = new Date(reset.expires_at).getTime() - new Date(reset.created_at).getTime();
    expect(lifetime).toBe(ACCOUNT_SETUP_TTL_MS);
    expect(ACCOUNT_SETUP_TTL_MS).toBe(7 * 24 * 3600_000);

    // nobody signs in before the password is chosen
    const early = await t.gql(null, SIGN_IN, { email: 'nora.neu@example.test', password: PASSWORD });
    expect(early.data!.signIn).toEqual({ token: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] });

    const set = await t.gql(null, RESET, { token, password: PASSWORD });
    expect(set.data!.resetPassword).toMatchObject({ token: expect.any(String), account: { id: accountId }, userErrors: [] });
    expect((await t.gql(set.data!.resetPassword.token, `{ viewer { id } }`)).data!.viewer.id).toBe(accountId);
    const again = await t.gql(null, RESET, { token, password: 'another password 2026' });
    expect(again.data!.resetPassword.userErrors).toEqual([{ code: 'INVALID_TOKEN', field: ['token'] }]);
    const signIn = await t.gql(null, SIGN_IN, { email: 'nora.neu@example.test', password: PASSWORD });
    expect(signIn.data!.signIn.token).toEqual(expect.any(String));
  });

  it('speaks English and Slovak too; a given password mails nothing', async () => {
    await takeMails();
    await create({ email: 'en.person@example.test' });
    await create({ email: 'sk.person@example.test', language: 'sk' });
    const mails = await takeMails();
    expect(mails.map((m) => [m.to, m.subject])).toEqual(
      expect.arrayContaining([
        ['en.person@example.test', 'An account was created for you in the service portal'],
        ['sk.person@example.test', 'V servisnom portáli vám bol vytvorený účet'],
      ]),
    );
    expect(mails).toHaveLength(2);
    const withPassword = await create({ email: 'has.password@example.test', password: PASSWORD });
    expect(withPassword.userErrors).toEqual([]);
    expect(await takeMails()).toEqual([]);
  });

  it('with companyId and role: a membership with the role’s default capabilities, in the same step', async () => {
    const company = await t.factories.company({ name: 'Joined at once' });
    const created = await create({ email: 'moderator.now@example.test', companyId: company.id, role: 'MODERATOR' });
    expect(created.userErrors).toEqual([]);
    expect(created.account.memberships).toEqual([
      { role: 'MODERATOR', capabilities: ['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE', 'OVERVIEW'], company: { id: company.id } },
    ]);
    const member = await create({ email: 'member.default@example.test', companyId: company.id });
    expect(member.account.memberships).toEqual([expect.objectContaining({ role: 'MEMBER' })]);
  });

  it('refuses bad combinations with a clear error and leaves nothing behind: no account, no membership, no mail', async () => {
    const company = await t.factories.company({ name: 'Refusing' });
    await takeMails();
    const cases: Array<[Record<string, unknown>, string, string[]]> = [
      [{ companyId: newId('Company') }, 'NOT_FOUND', ['input', 'companyId']],
      [{ companyId: 'garbage' }, 'INVALID_INPUT', ['input', 'companyId']],
      [{ companyId: company.id, staffRole: 'AGENT' }, 'INVALID_INPUT', ['input', 'companyId']],
      [{ role: 'MODERATOR' }, 'INVALID_INPUT', ['input', 'role']],
    ];
    for (const [extra, code, field] of cases) {
      const refused = await create({ email: 'never.created@example.test', ...extra });
      expect(refused).toEqual({ account: null, userErrors: [expect.objectContaining({ code, field })] });
    }
    const [{ n }] = await t.app.deps.reader.query(
      `SELECT COUNT(*) AS n FROM account WHERE email_normalized = 'never.created@example.test'`,
    );
    expect(Number(n)).toBe(0);
    expect(await takeMails()).toEqual([]);
  });

  it('the CONFLICT of a taken email rolls the whole step back', async () => {
    const company = await t.factories.company({ name: 'Conflicted' });
    const taken = await t.factories.account({ email: 'taken.already@example.test' });
    await takeMails();
    const refused = await create({ email: 'Taken.Already@example.test', companyId: company.id, role: 'ADMINISTRATOR' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'email'] })]);
    const memberships = await t.app.deps.reader.query('SELECT * FROM membership WHERE company_id = ?', [company.id]);
    expect(memberships).toEqual([]);
    expect(await takeMails()).toEqual([]);
    expect(taken.id).toBeTruthy();
  });
});
