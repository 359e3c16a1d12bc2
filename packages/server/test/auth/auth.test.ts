import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { repoRoot } from '../../src/config';
import { createHttpServer } from '../../src/http/server';
import { AccountEntity } from '../../src/modules/account/account.entity';
import { SessionEntity } from '../../src/modules/auth/session.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_PASSWORD } from '../support/factories';

/**
 * Sign-in, sessions and the HTTP surface (runtime.md "Endpoints"). The app runs with short
 * session limits (SESSION_IDLE_MINUTES=30, SESSION_ABSOLUTE_HOURS=2); expiry is simulated by
 * moving the session's timestamps in the database.
 */

const IDLE_MINUTES = 30;
const ABSOLUTE_HOURS = 2;
const SIGN_IN = `mutation($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { token account { id email staffRole } userErrors { code message field } } }`;
const VIEWER = `{ viewer { id } }`;
const ARGON2ID = '$argon2id$v=19$m=19456,t=2,p=1$';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const MINUTE = 60_000;

describe('authentication', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { SESSION_IDLE_MINUTES: String(IDLE_MINUTES), SESSION_ABSOLUTE_HOURS: String(ABSOLUTE_HOURS) } });
    server = createHttpServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const signIn = async (email: string, password: string) => (await t.gql(null, SIGN_IN, { email, password })).data!.signIn;
  const viewerOf = async (token: string) => {
    const result = await t.gql(token, VIEWER);
    return result.data?.viewer?.id ?? null;
  };
  /** A query that needs a session: its error code, or 'ok'. */
  const ticketsAs = async (token: string) => {
    const result = await t.gql(token, `{ tickets { totalCount } }`);
    return result.errors ? result.errors[0].extensions?.code : 'ok';
  };
  const sessionsOf = async (accountId: string): Promise<Array<Record<string, any>>> =>
    t.app.deps.reader.query('SELECT * FROM session WHERE account_id = ?', [accountId]);
  const shiftSession = (tokenHash: string, change: Partial<SessionEntity>) =>
    t.app.deps.transactions.run((db) => db.update(SessionEntity, { tokenHash }, change));

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  describe('signIn', () => {
    it('returns a random bearer token of at least 128 bits; only its SHA-256 is stored', async () => {
      const account = await t.factories.account({ email: 'Mixed.Case@Example.test' });
      const first = await signIn('mixed.case@example.TEST', TEST_PASSWORD);
      expect(first.userErrors).toEqual([]);
      expect(first.account).toEqual({ id: account.id, email: 'Mixed.Case@Example.test', staffRole: null });
      const second = await signIn(account.email, TEST_PASSWORD);
      for (const token of [first.token, second.token]) {
        expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
        expect(await viewerOf(token)).toBe(account.id);
      }
      expect(first.token).not.toBe(second.token);

      const sessions = await sessionsOf(account.id);
      expect(sessions.map((s) => s.token_hash).sort()).toEqual([sha256(first.token), sha256(second.token)].sort());
      const everything = JSON.stringify(await t.app.deps.reader.query('SELECT * FROM session'));
      expect(everything).not.toContain(first.token);
      expect(everything).not.toContain(second.token);
    });

    it('a wrong password, an unknown email and a disabled account with a wrong password give the same answer', async () => {
      const account = await t.factories.account();
      const disabled = await t.factories.account({ disabled: true });
      const answers = [
        await signIn(account.email, 'not the right password'),
        await signIn('nobody.at.all@example.test', TEST_PASSWORD),
        await signIn(disabled.email, 'not the right password'),
        await signIn(disabled.email, ''),
        await signIn(account.email, ''),
      ];
      for (const answer of answers) {
        expect(answer).toEqual({
          token: null,
          account: null,
          userErrors: [{ code: 'INVALID_CREDENTIALS', message: answers[0].userErrors[0].message, field: null }],
        });
      }
      expect(await sessionsOf(account.id)).toEqual([]);
      expect(await sessionsOf(disabled.id)).toEqual([]);
    });

    it('a disabled account with the right password is told it is disabled (issue 17, bug 8), and gets no session', async () => {
      const disabled = await t.factories.account({ disabled: true });
      const answer = await signIn(disabled.email.toUpperCase(), TEST_PASSWORD);
      expect(answer).toEqual({
        token: null,
        account: null,
        userErrors: [{ code: 'ACCOUNT_DISABLED', message: expect.stringMatching(/disabled/i), field: null }],
      });
      expect(await sessionsOf(disabled.id)).toEqual([]);
      const [event] = await t.app.deps.reader.query(
        `SELECT e.after AS after_json FROM audit_event e WHERE e.action = 'auth.sign_in_failed' AND e.target_id = ? ORDER BY e.occurred_at DESC LIMIT 1`,
        [disabled.id],
      );
      expect(JSON.parse(event.after_json)).toMatchObject({ reason: 'disabled' });
    });

    it('stores passwords as Argon2id with m=19456, t=2, p=1', async () => {
      const staff = await t.factories.signIn(await t.factories.staffAdmin());
      const created = await t.gql(
        staff,
        `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } userErrors { code } } }`,
        { input: { email: 'argon@example.test', firstName: 'Ar', lastName: 'Gon', password: 'a password of some length' } },
      );
      expect(created.data.createAccount.userErrors).toEqual([]);
      const [row] = await t.app.deps.reader.query('SELECT password_hash FROM account WHERE id = ?', [
        created.data.createAccount.account.id,
      ]);
      expect(row.password_hash.startsWith(ARGON2ID)).toBe(true);
      expect(row.password_hash).not.toContain('a password of some length');
      expect((await signIn('ARGON@example.test', 'a password of some length')).userErrors).toEqual([]);
    });
  });

  describe('sessions end', () => {
    it('signOut ends the session at once, and only that one', async () => {
      const account = await t.factories.account();
      const { token } = await signIn(account.email, TEST_PASSWORD);
      const other = await signIn(account.email, TEST_PASSWORD);
      const out = await t.gql(token, `mutation { signOut }`);
      expect(out).toMatchObject({ errors: undefined, data: { signOut: true } });
      expect(await viewerOf(token)).toBeNull();
      expect(await ticketsAs(token)).toBe('UNAUTHENTICATED');
      expect(await viewerOf(other.token)).toBe(account.id);
      expect(await sessionsOf(account.id)).toHaveLength(1);
      expect(await t.gql(null, `mutation { signOut }`)).toMatchObject({ errors: undefined, data: { signOut: false } });
    });

    it('setAccountDisabled ends every session of the account at once; enabling again does not revive them', async () => {
      const company = await t.factories.company();
      const member = await t.factories.member(company, Role.ADMINISTRATOR);
      const signedIn = await signIn(member.account.email, TEST_PASSWORD);
      expect(await ticketsAs(member.token)).toBe('ok');
      const staff = await t.factories.signIn(await t.factories.staffAdmin());
      const setDisabled = (disabled: boolean) =>
        t.gql(
          staff,
          `mutation($id: ID!, $d: Boolean!) { setAccountDisabled(id: $id, disabled: $d) { account { disabled } userErrors { code } } }`,
          {
            id: member.account.id,
            d: disabled,
          },
        );
      expect((await setDisabled(true)).data.setAccountDisabled).toEqual({ account: { disabled: true }, userErrors: [] });
      for (const token of [member.token, signedIn.token]) {
        expect(await ticketsAs(token)).toBe('UNAUTHENTICATED');
        expect(await viewerOf(token)).toBeNull();
      }
      expect(await sessionsOf(member.account.id)).toEqual([]);
      expect((await signIn(member.account.email, TEST_PASSWORD)).userErrors[0].code).toBe('ACCOUNT_DISABLED');

      expect((await setDisabled(false)).data.setAccountDisabled.userErrors).toEqual([]);
      expect(await ticketsAs(signedIn.token)).toBe('UNAUTHENTICATED');
      expect((await signIn(member.account.email, TEST_PASSWORD)).userErrors).toEqual([]);
    });

    it('a disabled account is refused even when its session row survives', async () => {
      const account = await t.factories.account();
      const token = await t.factories.signIn(account);
      await t.app.deps.transactions.run((db) => db.update(AccountEntity, { id: account.id }, { disabled: true }));
      expect(await ticketsAs(token)).toBe('UNAUTHENTICATED');
    });

    it(`after ${IDLE_MINUTES} idle minutes (SESSION_IDLE_MINUTES)`, async () => {
      const account = await t.factories.account();
      const { token } = await signIn(account.email, TEST_PASSWORD);
      const hash = sha256(token);
      // activity within the limit keeps the session and moves its idle clock
      await shiftSession(hash, { lastSeenAt: new Date(Date.now() - (IDLE_MINUTES - 1) * MINUTE) });
      expect(await ticketsAs(token)).toBe('ok');
      const [touched] = await sessionsOf(account.id);
      expect(Date.now() - new Date(touched.last_seen_at).getTime()).toBeLessThan(MINUTE);

      await shiftSession(hash, { lastSeenAt: new Date(Date.now() - (IDLE_MINUTES + 1) * MINUTE) });
      expect(await ticketsAs(token)).toBe('UNAUTHENTICATED');
      expect(await viewerOf(token)).toBeNull();
    });

    it(`${ABSOLUTE_HOURS} hours after sign-in whatever the activity (SESSION_ABSOLUTE_HOURS)`, async () => {
      const account = await t.factories.account();
      const { token } = await signIn(account.email, TEST_PASSWORD);
      const hash = sha256(token);
      const [session] = await sessionsOf(account.id);
      const lifetime = new Date(session.expires_at).getTime() - new Date(session.created_at).getTime();
      expect(lifetime).toBe(ABSOLUTE_HOURS * 60 * MINUTE);

      // signed in a minute short of the limit, active just now: still valid
      const now = Date.now();
      const createdAt = new Date(now - ABSOLUTE_HOURS * 60 * MINUTE + MINUTE);
      await shiftSession(hash, { createdAt, expiresAt: new Date(createdAt.getTime() + lifetime), lastSeenAt: new Date(now) });
      expect(await ticketsAs(token)).toBe('ok');
      // a minute past the limit, active just now: over
      const older = new Date(now - ABSOLUTE_HOURS * 60 * MINUTE - MINUTE);
      await shiftSession(hash, { createdAt: older, expiresAt: new Date(older.getTime() + lifetime), lastSeenAt: new Date(now) });
      expect(await ticketsAs(token)).toBe('UNAUTHENTICATED');
    });

    it('an unknown token is UNAUTHENTICATED (TOKEN_INVALID), and public fields still answer without one', async () => {
      expect(await ticketsAs('not-a-token')).toBe('UNAUTHENTICATED');
      expect(await t.gql('not-a-token', VIEWER)).toMatchObject({
        errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' } }],
      });
      expect(await t.gql(null, VIEWER)).toMatchObject({ errors: undefined, data: { viewer: null } });
      const mutation = await t.gql(null, `mutation { createCompany(input: { name: "X" }) { company { id } userErrors { code } } }`);
      expect(mutation.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(mutation.data).toBeNull();
    });
  });

  describe('over HTTP', () => {
    it('signIn sets an HttpOnly, SameSite session cookie that authenticates the next request', async () => {
      const account = await t.factories.account();
      const response = await post({ query: SIGN_IN, variables: { email: account.email, password: TEST_PASSWORD } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as any;
      const token: string = body.data.signIn.token;
      expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      const cookies = response.headers.getSetCookie();
      expect(cookies).toHaveLength(1);
      const [cookie] = cookies;
      expect(cookie).toMatch(/^clientele_session=[A-Za-z0-9_-]{22,};/);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      expect(cookie).toMatch(/;\s*Expires=/i);
      expect(cookie).not.toMatch(/;\s*Secure/i); // PUBLIC_URL is http:// in tests
      const pair = cookie.split(';')[0];

      const withCookie = await (await post({ query: VIEWER }, { cookie: pair })).json();
      expect(withCookie).toMatchObject({ data: { viewer: { id: account.id } } });
      const withBearer = await (await post({ query: VIEWER }, { authorization: `Bearer ${token}` })).json();
      expect(withBearer).toMatchObject({ data: { viewer: { id: account.id } } });
      const anonymous = (await (await post({ query: `{ tickets { totalCount } }` })).json()) as any;
      expect(anonymous.errors[0].extensions.code).toBe('UNAUTHENTICATED');

      // signOut clears the cookie and ends the session behind it
      const out = await post({ query: `mutation { signOut }` }, { cookie: pair });
      expect(await out.json()).toMatchObject({ data: { signOut: true } });
      expect(out.headers.getSetCookie().join()).toMatch(/clientele_session=;.*Expires=Thu, 01 Jan 1970/);
      expect(await (await post({ query: VIEWER }, { cookie: pair })).json()).toMatchObject({ data: { viewer: null } });
    });

    it('a failed sign-in sets no cookie', async () => {
      const response = await post({ query: SIGN_IN, variables: { email: 'nobody@example.test', password: 'wrong password!' } });
      expect(((await response.json()) as any).data.signIn.userErrors[0].code).toBe('INVALID_CREDENTIALS');
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('GET /healthz, /readyz, /schema.graphql and SPA routes', async () => {
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      const down = jest.spyOn(t.app.database.reader, 'query').mockRejectedValueOnce(new Error('database is gone'));
      try {
        const notReady = await fetch(`${base}/readyz`);
        expect(notReady.status).toBe(503);
        expect(await notReady.text()).not.toContain('database is gone');
      } finally {
        down.mockRestore();
      }
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const schema = await fetch(`${base}/schema.graphql`);
      expect(schema.status).toBe(200);
      expect(schema.headers.get('content-type')).toMatch(/^text\/plain/);
      const sdl = await schema.text();
      for (const part of ['type Query', 'type Mutation', 'signIn(', 'enum ErrorCode', 'interface Node']) expect(sdl).toContain(part);
      for (const route of ['/', '/tickets/some-ticket', '/invitations/accept?token=abc']) {
        const page = await fetch(`${base}${route}`);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(await page.text()).toMatch(/<html/i);
      }
    });

    it('CSRF: a GET query needs a preflight header; a mutation is never run over GET', async () => {
      const url = (query: string) => `${base}/graphql?query=${encodeURIComponent(query)}`;
      const simple = await fetch(url(VIEWER));
      expect(simple.status).toBe(400);
      const preflighted = await fetch(url(VIEWER), { headers: { 'apollo-require-preflight': 'true' } });
      expect(preflighted.status).toBe(200);
      expect(await preflighted.json()).toMatchObject({ data: { viewer: null } });
      const json = await fetch(url(VIEWER), { headers: { 'content-type': 'application/json' } });
      expect(json.status).toBe(200);

      const before = await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM audit_event');
      const account = await t.factories.account();
      const mutation = `mutation { signIn(email: "${account.email}", password: "${TEST_PASSWORD}") { token } }`;
      for (const [headers, status] of [
        [{}, 400], // blocked as CSRF
        [{ 'apollo-require-preflight': 'true' }, 405], // mutations only over POST
        [{ 'content-type': 'application/json' }, 405],
      ] as const) {
        const response = await fetch(url(mutation), { headers });
        expect(response.status).toBe(status);
        expect(response.headers.getSetCookie()).toEqual([]);
      }
      expect(await sessionsOf(account.id)).toEqual([]);
      expect(await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM audit_event')).toEqual(before);

      // a cross-site form post (simple content type) is not run either
      const form = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: mutation }),
      });
      expect(form.status).toBe(400);
      expect(((await form.json()) as any).errors[0].message).toMatch(/Cross-Site Request Forgery/);
      expect(form.headers.getSetCookie()).toEqual([]);
      expect(await sessionsOf(account.id)).toEqual([]);
    });

    it('unexpected errors are masked: a correlation id, no message, no stack', async () => {
      const staff = await t.factories.signIn(await t.factories.staffAdmin());
      const secret = 'SELECT secret FROM internals at /srv/app/src/thing.ts:12:3';
      const list = jest.spyOn(t.app.services.tickets, 'list').mockRejectedValue(new Error(secret));
      const create = jest.spyOn(t.app.services.companies, 'create').mockRejectedValue(new TypeError(secret));
      try {
        for (const query of [
          `{ tickets { totalCount } }`,
          `mutation { createCompany(input: { name: "X" }) { company { id } userErrors { code } } }`,
        ]) {
          const response = await post({ query }, { authorization: `Bearer ${staff}` });
          const text = await response.text();
          expect(text).not.toContain('secret');
          expect(text).not.toContain('thing.ts');
          expect(text).not.toMatch(/stacktrace|\bat \w+ \(/i);
          const body = JSON.parse(text);
          expect(body.errors).toHaveLength(1);
          expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', correlationId: expect.any(String) });
          expect(body.errors[0].message).toContain(body.errors[0].extensions.correlationId);
        }
      } finally {
        list.mockRestore();
        create.mockRestore();
      }
    });
  });
});

describe('ADMIN_EMAIL / ADMIN_PASSWORD bootstrap (src/main.ts in a child process)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-boot-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function freePort(): Promise<number> {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  /** Runs src/main.ts through swc (as Jest does) and waits until /healthz answers. */
  async function start(env: Record<string, string>) {
    const port = await freePort();
    const hook = `
      const fs = require('fs');
      const swc = require('@swc/core');
      require.extensions['.ts'] = (module, filename) => {
        const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
          filename,
          jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
          module: { type: 'commonjs' },
        });
        module._compile(code, filename);
      };
      require(process.argv[1]);`;
    const child = spawn(process.execPath, ['-e', hook, path.join(repoRoot, 'packages/server/src/main.ts')], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: `sqlite:${path.join(dir, 'boot.sqlite')}`,
        HOST: '127.0.0.1',
        PORT: String(port),
        DEMO_DATA: '0',
        LOG_LEVEL: 'error',
        MAIL_OUTBOX: path.join(dir, 'outbox'),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        if (i > 200) throw new Error(`server did not start: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return {
      base,
      async stop() {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      },
    };
  }

  const signInOver = async (base: string, email: string, password: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_IN, variables: { email, password } }),
    });
    return ((await response.json()) as any).data.signIn;
  };

  it('creates the staff ADMIN once, on a database without staff', async () => {
    const first = await start({ ADMIN_EMAIL: 'Boot.Admin@example.test', ADMIN_PASSWORD: 'bootstrap password 1' });
    const signedIn = await signInOver(first.base, 'boot.admin@EXAMPLE.test', 'bootstrap password 1');
    expect(signedIn.userErrors).toEqual([]);
    expect(signedIn.account).toMatchObject({ email: 'Boot.Admin@example.test', staffRole: 'ADMIN' });
    await first.stop();

    // a staff account exists now: other values are ignored, nothing is overwritten
    const second = await start({ ADMIN_EMAIL: 'other.admin@example.test', ADMIN_PASSWORD: 'bootstrap password 2' });
    expect((await signInOver(second.base, 'other.admin@example.test', 'bootstrap password 2')).userErrors[0].code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await signInOver(second.base, 'boot.admin@example.test', 'bootstrap password 1')).userErrors).toEqual([]);
    await second.stop();

    const db = new DataSource({ type: 'better-sqlite3', database: path.join(dir, 'boot.sqlite'), readonly: true });
    await db.initialize();
    try {
      const staff: Array<Record<string, string>> = await db.query(
        'SELECT email, staff_role, password_hash FROM account WHERE staff_role IS NOT NULL',
      );
      expect(staff).toHaveLength(1);
      expect(staff[0]).toMatchObject({ email: 'Boot.Admin@example.test', staff_role: 'ADMIN' });
      expect(staff[0].password_hash.startsWith(ARGON2ID)).toBe(true);
    } finally {
      await db.destroy();
    }
  });
});
