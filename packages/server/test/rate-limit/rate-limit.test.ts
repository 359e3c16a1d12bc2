import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { MemoryBucketStore, RedisBucketStore } from '../../src/infrastructure/rate-limit/leaky-bucket';
import { RateLimiter } from '../../src/infrastructure/rate-limit/rate-limiter';
import { Role } from '../../src/modules/membership/membership.entity';
import { TEST_PASSWORD } from '../support/factories';
import { SessionEntity } from '../../src/modules/auth/session.entity';
import { newId } from '../../src/shared/ids';
import { hashToken } from '../../src/shared/tokens';
import { startTestApp, TestApp } from '../support/test-app';

const bucket = { capacity: 100, restoreRate: 10 };

describe('leaky bucket (fake clock)', () => {
  let now = 1_000_000;
  const store = new MemoryBucketStore(() => now);

  it('takes while there is enough, refuses with the time until there will be, refills and refunds up to capacity', async () => {
    expect(await store.take('k', 60, bucket)).toMatchObject({
      allowed: true,
      currentlyAvailable: 40,
      maximumAvailable: 100,
      restoreRate: 10,
    });
    const refused = await store.take('k', 60, bucket);
    expect(refused).toMatchObject({ allowed: false, currentlyAvailable: 40, retryAfterMs: 2000 });
    now += 2000; // 20 points flow back
    expect(await store.take('k', 60, bucket)).toMatchObject({ allowed: true, currentlyAvailable: 0 });
    expect(await store.refund('k', 25, bucket)).toMatchObject({ currentlyAvailable: 25 });
    now += 60_000;
    expect(await store.refund('k', 500, bucket)).toMatchObject({ currentlyAvailable: 100 }); // never above capacity
    expect(await store.take('other', 100, bucket)).toMatchObject({ allowed: true, currentlyAvailable: 0 }); // keys are separate
  });
});

describe('query cost budgets through the API', () => {
  let t: TestApp;
  let now = 5_000_000;
  const limits = loadConfig({ RATE_LIMIT_CAPACITY: '400', RATE_LIMIT_RESTORE_RATE: '20' }).rateLimits;
  beforeAll(async () => {
    t = await startTestApp({ limiter: new RateLimiter(new MemoryBucketStore(() => now), limits) });
  });
  afterAll(() => t.close());

  it('reports extensions.cost on every response, charges the requested cost and refunds the unused part', async () => {
    const company = await t.factories.company();
    const admin = await t.factories.member(company, Role.ADMINISTRATOR);
    await t.factories.ticket({ company, requester: admin.account });
    const result = await t.gql(admin.token, `{ tickets(first: 50) { edges { node { id company { name } } } } }`);
    expect(result.errors).toBeUndefined();
    const cost = (result as { extensions?: { cost?: any } }).extensions!.cost;
    expect(cost.requestedQueryCost).toBeGreaterThan(50);
    // one ticket came back, not fifty: the objects returned are the connection, one edge, its node and its company
    expect(cost.actualQueryCost).toBe(4);
    // the refund left more than capacity − requested in the bucket
    expect(cost.throttleStatus).toEqual({ maximumAvailable: 400, currentlyAvailable: 400 - cost.actualQueryCost, restoreRate: 20 });
  });

  it('refuses with RATE_LIMITED and a retry hint when the budget is spent, and recovers as points flow back', async () => {
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.MEMBER);
    // real results: an empty page would be refunded almost entirely
    for (let i = 0; i < 100; i++) await t.factories.ticket({ company, requester: member.account });
    const expensive = `{ a: tickets(first: 100) { edges { node { id title company { id } } } } }`;
    let refusal: any = null;
    for (let i = 0; i < 20 && !refusal; i++) {
      const r = await t.gql(member.token, expensive);
      if (r.errors) refusal = r; // no time passes: the bucket only drains
    }
    expect(refusal).not.toBeNull();
    expect(refusal.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refusal.errors[0].message).toMatch(/retry in \d+ s/);
    expect(refusal.data ?? null).toBeNull();
    now += refusal.errors[0].extensions.retryAfterSeconds * 1000;
    expect((await t.gql(member.token, expensive)).errors).toBeUndefined();
    // another caller has its own budget
    const other = await t.factories.member(company, Role.MEMBER);
    expect((await t.gql(other.token, expensive)).errors).toBeUndefined();
  });
});

describe('attempt limits against guessing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SIGN_IN_ATTEMPTS_PER_ACCOUNT: '3', SIGN_IN_ATTEMPTS_PER_IP: '8' } });
  });
  afterAll(() => t.close());

  const signIn = (email: string, password: string) =>
    t.gql(null, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token userErrors { code message } } }`, {
      e: email,
      p: password,
    });

  it('locks an account after too many attempts, even with the right password, and per IP across accounts', async () => {
    const account = await t.factories.account();
    for (let i = 0; i < 3; i++)
      expect((await signIn(account.email, 'wrong password!!')).data.signIn.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    const locked = await signIn(account.email, TEST_PASSWORD);
    expect(locked.data.signIn).toMatchObject({
      token: null,
      userErrors: [{ code: 'RATE_LIMITED', message: expect.stringMatching(/try again in \d+ minute/) }],
    });
    // the same IP may still try other accounts, up to its own limit (8 failures in all: a refused
    // attempt and a right password do not count)
    const other = await t.factories.account();
    expect((await signIn(other.email, TEST_PASSWORD)).data.signIn.token).toEqual(expect.any(String));
    const results = [];
    for (let i = 0; i < 7; i++) results.push((await signIn(`nobody${i}@example.test`, 'whatever-password')).data.signIn.userErrors[0].code);
    expect(results.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(results.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('limits guessing invitation tokens', async () => {
    const codes = [];
    for (let i = 0; i < 10; i++) {
      const r = await t.gql(
        null,
        `mutation($t: String!) { acceptInvitation(input: { token: $t, password: "long enough password" }) { userErrors { code } } }`,
        { t: 'guess' },
      );
      codes.push(r.data.acceptInvitation.userErrors[0].code);
    }
    expect(codes.slice(0, 3)).toEqual(['INVITATION_INVALID', 'INVITATION_INVALID', 'INVITATION_INVALID']);
    expect(codes).toContain('RATE_LIMITED');
  });
});

describe('two server instances share one budget in Redis', () => {
  const url = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
  let redisUp = true;
  let a: TestApp;
  let b: TestApp;
  const prefix = `clientele:test:${randomBytes(6).toString('hex')}:`;
  const connections: Redis[] = [];
  const limits = loadConfig({ RATE_LIMIT_CAPACITY: '300', RATE_LIMIT_RESTORE_RATE: '1' }).rateLimits;

  beforeAll(async () => {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
    } catch {
      redisUp = false;
    } finally {
      probe.disconnect();
    }
    if (!redisUp) {
      if (process.env.CI) throw new Error(`Redis is not reachable at ${url}; CI must provide it`);
      console.warn(`Redis not reachable at ${url}: skipping the shared-budget test`);
      return;
    }
    const limiter = () => {
      const redis = new Redis(url);
      connections.push(redis);
      return new RateLimiter(new RedisBucketStore(redis, prefix), limits);
    };
    a = await startTestApp({ limiter: limiter() });
    b = await startTestApp({ limiter: limiter() });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (connections.length) {
      const keys = await connections[0].keys(`${prefix}*`);
      if (keys.length) await connections[0].del(...keys);
    }
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('what a caller spends on instance A is missing on instance B', async () => {
    if (!redisUp) return;
    // the same account and session (same ids) on both instances, as if they shared one database
    const accountId = newId('Account');
    const sessionId = newId('Session');
    const token = randomBytes(32).toString('base64url');
    for (const app of [a, b]) {
      const account = await app.factories.account({ id: accountId, email: `shared-${sessionId}@example.test` });
      const company = await app.factories.company();
      await app.factories.membership(account, company, Role.MEMBER);
      for (let i = 0; i < 60; i++) await app.factories.ticket({ company, requester: account });
      await app.app.deps.transactions.run((db) =>
        db.insert(SessionEntity, {
          id: sessionId,
          tokenHash: hashToken(token),
          accountId,
          createdAt: new Date(),
          lastSeenAt: new Date(),
          expiresAt: new Date(Date.now() + 3_600_000),
        }),
      );
    }
    const page = `{ tickets(first: 60) { edges { node { id title } } } }`;
    const costOf = (r: unknown) => (r as { extensions: { cost: any } }).extensions.cost;
    const onA = costOf(await a.gql(token, page));
    expect(onA.actualQueryCost).toBeGreaterThan(50);
    const onB = costOf(await b.gql(token, page));
    // B starts from what A left (plus at most a second or two of restore at 1 point/s)
    expect(onB.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(300 - onA.actualQueryCost - onB.actualQueryCost + 3);
    // alternating A and B, the caller is refused once both together have spent the one budget
    let successes = 2;
    let refused = false;
    for (let i = 0; i < 20 && !refused; i++) {
      const r = await (i % 2 === 0 ? a : b).gql(token, page);
      if (r.errors?.[0].extensions?.code === 'RATE_LIMITED') refused = true;
      else successes++;
    }
    expect(refused).toBe(true);
    expect(successes * onA.actualQueryCost).toBeLessThanOrEqual(300 + 5);
  });
});
