import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { AttemptLog, MemoryAttemptLog, RedisAttemptLog } from '../../src/infrastructure/rate-limit/attempt-log';
import { addressKeyOf } from '../../src/infrastructure/rate-limit/rate-limiter';

/** The same script for every store: N in any window, refusals not recorded, removal, keep, count. */
async function exercise(log: AttemptLog, clock: { now: number }) {
  const o = { windowMs: 60_000, limit: 3 };
  const first = await log.add('k', o);
  expect(first).toMatchObject({ allowed: true, count: 1 });
  clock.now += 10_000;
  expect(await log.add('k', o)).toMatchObject({ allowed: true, count: 2 });
  expect(await log.add('k', o)).toMatchObject({ allowed: true, count: 3 });
  // full: refused until the oldest is a window old, and the refusal is not recorded
  expect(await log.add('k', o)).toMatchObject({ allowed: false, count: 3, retryAfterMs: 50_000, entry: '' });
  clock.now += 49_999;
  expect(await log.add('k', o)).toMatchObject({ allowed: false, retryAfterMs: 1 });
  clock.now += 1;
  expect(await log.add('k', o)).toMatchObject({ allowed: true, count: 3 });
  expect(await log.count('k', 60_000)).toBe(3);
  // a removed attempt no longer counts
  const last = await log.add('other', o);
  await log.remove('other', last.entry);
  expect(await log.count('other', 60_000)).toBe(0);
  // without a limit: never refused, at most `keep` kept
  for (let i = 0; i < 7; i++) await log.add('open', { windowMs: 60_000, limit: Infinity, keep: 5 });
  expect(await log.add('open', { windowMs: 60_000, limit: Infinity, keep: 5 })).toMatchObject({ allowed: true, count: 5 });
}

describe('attempt log', () => {
  it('in memory (fake clock)', async () => {
    const clock = { now: 1_000_000 };
    await exercise(new MemoryAttemptLog(() => clock.now), clock);
  });

  it('in Redis (fake clock), alike', async () => {
    const url = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await redis.connect();
    } catch {
      if (process.env.CI) throw new Error(`Redis is not reachable at ${url}; CI must provide it`);
      console.warn(`Redis not reachable at ${url}: skipping the Redis attempt-log test`);
      return;
    }
    const prefix = `clientele:test:${randomBytes(6).toString('hex')}:`;
    const clock = { now: 1_000_000 };
    try {
      await exercise(new RedisAttemptLog(redis, prefix, () => clock.now), clock);
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});

describe('client address keys', () => {
  it('IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by its /64', () => {
    expect(addressKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKeyOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(addressKeyOf(null)).toBe('unknown');
  });
});
