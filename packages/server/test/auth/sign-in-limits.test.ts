import { loadConfig } from '../../src/config';
import { RateLimiter } from '../../src/infrastructure/rate-limit/rate-limiter';
import { TEST_PASSWORD } from '../support/factories';
import { GqlResult, onMysql, startTestApp, TestApp } from '../support/test-app';

// account-security.md "Guessing and abuse": limits per (account, client address), per address, and a
// per-account ceiling that slows down but never refuses; "N per window" holds for any window.

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token userErrors { code message } } }`;

/** signIn as a request from `ip`. */
async function signInFrom(t: TestApp, ip: string, email: string, password: string) {
  const contextValue = await t.app.contextFor(null, { clientIp: ip });
  const response = await t.app.apollo.executeOperation({ query: SIGN_IN, variables: { e: email, p: password } }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  const result = response.body.singleResult as GqlResult<{
    signIn: { token: string | null; userErrors: Array<{ code: string; message: string }> };
  }>;
  expect(result.errors).toBeUndefined();
  return result.data!.signIn;
}

const outcome = (r: { token: string | null; userErrors: Array<{ code: string }> }) => (r.token ? 'SIGNED_IN' : r.userErrors[0].code);

/** An app whose attempt limits run on a fake clock and record (instead of sleeping) the slowdown's waits. */
async function limitedApp(env: Record<string, string>) {
  const clock = { now: 10_000_000 };
  const waits: number[] = [];
  const limits = loadConfig({ SIGN_IN_ATTEMPTS_PER_IP: '1000', SIGN_IN_ACCOUNT_CEILING: '1000', ...env }).rateLimits;
  const limiter = RateLimiter.create(
    limits,
    () => clock.now,
    async (ms: number) => {
      waits.push(ms);
    },
  );
  const t = await startTestApp({ limiter, env });
  return { t, clock, waits, close: async () => (await t.close(), await limiter.close()) };
}

describe('sign-in attempt limits', () => {
  it('counts at most N processed failures in any window of the documented length (10 per 15 minutes)', async () => {
    const { t, clock, close } = await limitedApp({});
    try {
      const account = await t.factories.account();
      const start = clock.now;
      const outcomes: string[] = [];
      // one wrong password every 30 seconds for just under 15 minutes
      for (; clock.now < start + 15 * 60_000; clock.now += 30_000) {
        outcomes.push(outcome(await signInFrom(t, '198.51.100.1', account.email, 'wrong password!!')));
      }
      expect(outcomes.filter((o) => o === 'INVALID_CREDENTIALS')).toHaveLength(10);
      expect(outcomes.slice(0, 10).every((o) => o === 'INVALID_CREDENTIALS')).toBe(true);
      expect(outcomes.slice(10).every((o) => o === 'RATE_LIMITED')).toBe(true);
      // the hint tells when the oldest failure leaves the window: at start + 15 minutes
      clock.now = start + 15 * 60_000 - 30_000;
      expect((await signInFrom(t, '198.51.100.1', account.email, TEST_PASSWORD)).userErrors[0].message).toMatch(/try again in 1 minute\b/);
      clock.now = start + 15 * 60_000 + 1;
      expect(outcome(await signInFrom(t, '198.51.100.1', account.email, TEST_PASSWORD))).toBe('SIGNED_IN');
    } finally {
      await close();
    }
  });

  it('wrong passwords from one address do not stop the right password from another', async () => {
    const { t, close } = await limitedApp({ SIGN_IN_ATTEMPTS_PER_ACCOUNT: '3' });
    try {
      const account = await t.factories.account();
      const fromA = [];
      for (let i = 0; i < 5; i++) fromA.push(outcome(await signInFrom(t, '198.51.100.66', account.email, 'wrong password!!')));
      expect(fromA).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'RATE_LIMITED', 'RATE_LIMITED']);
      expect(outcome(await signInFrom(t, '203.0.113.20', account.email, TEST_PASSWORD))).toBe('SIGNED_IN');
      // the guessing address stays limited, right password or not
      expect(outcome(await signInFrom(t, '198.51.100.66', account.email, TEST_PASSWORD))).toBe('RATE_LIMITED');
      // addresses in one IPv6 /64 are one address
      for (let i = 0; i < 3; i++) await signInFrom(t, `2001:db8:1:2::${i + 1}`, account.email, 'wrong password!!');
      expect(outcome(await signInFrom(t, '2001:db8:1:2:ffff::9', account.email, TEST_PASSWORD))).toBe('RATE_LIMITED');
      expect(outcome(await signInFrom(t, '2001:db8:1:3::1', account.email, TEST_PASSWORD))).toBe('SIGNED_IN');
    } finally {
      await close();
    }
  });

  it('past the per-account ceiling, sign-in from new addresses slows down (growing, bounded) but is never refused', async () => {
    const { t, waits, close } = await limitedApp({
      SIGN_IN_ATTEMPTS_PER_ACCOUNT: '2',
      SIGN_IN_ACCOUNT_CEILING: '4',
      SIGN_IN_SLOWDOWN_MAX_SECONDS: '8',
    });
    try {
      const account = await t.factories.account();
      expect(outcome(await signInFrom(t, '192.0.2.200', account.email, TEST_PASSWORD))).toBe('SIGNED_IN'); // a known address
      // a distributed guess: 2 wrong passwords from each of 6 addresses
      for (let ip = 1; ip <= 6; ip++) {
        for (let i = 0; i < 2; i++)
          expect(outcome(await signInFrom(t, `192.0.2.${ip}`, account.email, 'wrong password!!'))).toBe('INVALID_CREDENTIALS');
      }
      expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000]);
      waits.length = 0;
      // the right password from a new address: slowed, not refused
      expect(outcome(await signInFrom(t, '192.0.2.77', account.email, TEST_PASSWORD))).toBe('SIGNED_IN');
      expect(waits).toEqual([8000]);
      // from the address the account signed in from before: not slowed
      expect(outcome(await signInFrom(t, '192.0.2.200', account.email, TEST_PASSWORD))).toBe('SIGNED_IN');
      expect(waits).toEqual([8000]);
    } finally {
      await close();
    }
  });

  it('an unknown email answers exactly like a known one, limits and slowdown included', async () => {
    const { t, waits, close } = await limitedApp({
      SIGN_IN_ATTEMPTS_PER_ACCOUNT: '2',
      SIGN_IN_ACCOUNT_CEILING: '3',
      SIGN_IN_ATTEMPTS_PER_IP: '50',
    });
    try {
      const account = await t.factories.account();
      const run = async (email: string) => {
        waits.length = 0;
        const answers = [];
        for (let ip = 1; ip <= 4; ip++) {
          for (let i = 0; i < 3; i++) answers.push(await signInFrom(t, `198.51.100.${ip}`, email, 'wrong password!!'));
        }
        return { answers, waits: [...waits] };
      };
      const known = await run(account.email);
      const unknown = await run(`nobody.${Date.now()}@example.test`);
      expect(unknown).toEqual(known);
      expect(known.answers.map(outcome)).toContain('RATE_LIMITED');
      expect(known.waits.length).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});

(onMysql ? describe : describe.skip)('on MySQL/MariaDB: the account found, not the spelling typed', () => {
  it('an accented spelling that finds the account (utf8mb4_unicode_ci) shares its attempts', async () => {
    const { t, close } = await limitedApp({ SIGN_IN_ATTEMPTS_PER_ACCOUNT: '3' });
    try {
      const suffix = Date.now();
      const account = await t.factories.account({ email: `admin.${suffix}@example.test` });
      const accented = `ádmin.${suffix}@example.test`;
      // the collation finds the account under the accented spelling
      expect(outcome(await signInFrom(t, '198.51.100.5', accented, TEST_PASSWORD))).toBe('SIGNED_IN');
      for (const email of [accented, `ÀDMIN.${suffix}@example.test`, `âdmin.${suffix}@example.test`]) {
        expect(outcome(await signInFrom(t, '198.51.100.9', email, 'wrong password!!'))).toBe('INVALID_CREDENTIALS');
      }
      expect(outcome(await signInFrom(t, '198.51.100.9', account.email, TEST_PASSWORD))).toBe('RATE_LIMITED');
      expect(outcome(await signInFrom(t, '198.51.100.9', `ádmin.${suffix}@example.test`, TEST_PASSWORD))).toBe('RATE_LIMITED');
    } finally {
      await close();
    }
  });
});
