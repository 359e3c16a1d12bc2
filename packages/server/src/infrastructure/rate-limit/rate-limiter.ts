import Redis from 'ioredis';
import type { RateLimits } from '../../config';
import { DomainError, ErrorCode } from '../../shared/errors';
import { isIPv6 } from 'node:net';
import { AttemptLog, MemoryAttemptLog, RedisAttemptLog } from './attempt-log';
import { FailOpenAttemptLog, FailOpenBucketStore, RedisAvailability } from './fail-open';
import type { OutageLogger } from '../../shared/outage';
import { BucketOptions, BucketStore, Clock, MemoryBucketStore, RedisBucketStore, TakeResult, ThrottleStatus } from './leaky-bucket';

/**
 * Who pays for a request: the signed-in account — one budget shared by all its sessions and API
 * tokens, so minting tokens or signing in again buys no extra points — or (anonymous) the client IP.
 */
export function budgetKeyOf(viewer: { account: { id: string } } | null, clientIp: string | null): string {
  if (viewer) return `account:${viewer.account.id}`;
  return `ip:${clientIp ?? 'unknown'}`;
}

/**
 * The rate limiter: query cost budgets (taken before execution, unused part refunded after) and
 * attempt budgets against guessing (sign-in, invitation acceptance), in memory or in Redis.
 */
export class RateLimiter {
  readonly query: BucketOptions;

  private readonly attempts: AttemptLog;
  private readonly sleep: (ms: number) => Promise<void>;

  /** `attempts` defaults to a log in this process's memory; `sleep` is replaceable for tests of the slowdown. */
  constructor(
    private readonly store: BucketStore,
    private readonly limits: RateLimits,
    options: { attempts?: AttemptLog; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.query = { capacity: limits.capacity, restoreRate: limits.restorePerSecond };
    this.attempts = options.attempts ?? new MemoryAttemptLog();
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * In memory, or with REDIS_URL in Redis, failing open to memory while Redis does not answer
   * (src/infrastructure/rate-limit/fail-open.ts); `logger` gets one warning per Redis outage.
   */
  static create(limits: RateLimits, clock: Clock = Date.now, sleep?: (ms: number) => Promise<void>, logger?: OutageLogger): RateLimiter {
    if (!limits.redisUrl) return new RateLimiter(new MemoryBucketStore(clock), limits, { attempts: new MemoryAttemptLog(clock), sleep });
    const timeoutMs = limits.redisTimeoutMs ?? 500;
    const redis = new Redis(limits.redisUrl, {
      // a command fails at once while disconnected, and after timeoutMs when Redis hangs: then memory serves it
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: timeoutMs,
      connectTimeout: Math.max(timeoutMs, 1_000),
      retryStrategy: (times) => Math.min(100 * times, 2_000),
    });
    const availability = new RedisAvailability(redis, timeoutMs, logger);
    const attempts = new FailOpenAttemptLog(
      new RedisAttemptLog(redis, 'clientele:attempts:', clock),
      new MemoryAttemptLog(clock),
      availability,
    );
    const store = new FailOpenBucketStore(
      new RedisBucketStore(redis, 'clientele:bucket:', clock),
      new MemoryBucketStore(clock),
      availability,
    );
    const limiter = new RateLimiter(store, limits, { attempts, sleep });
    limiter.redis = availability;
    return limiter;
  }

  /** Set when the budgets are shared through Redis (REDIS_URL). */
  redis: RedisAvailability | null = null;

  /** For readiness: rejects when the configured Redis does not answer within `ms` (nothing to check without Redis). */
  async ping(ms: number): Promise<void> {
    await this.redis?.ping(ms);
  }

  takeQueryCost(key: string, cost: number): Promise<TakeResult> {
    return this.store.take(`q:${key}`, cost, this.query);
  }

  refundQueryCost(key: string, points: number): Promise<ThrottleStatus> {
    return this.store.refund(`q:${key}`, points, this.query);
  }

  /**
   * One guess at a secret that is not a sign-in (an invitation token): refused with RATE_LIMITED
   * when the subject (the token) or the client address has had its attempts in the window.
   */
  async attempt(
    kind: 'sign-in' | 'accept' | 'password-reset' | 'password-reset-token' | 'password-change',
    subject: string,
    clientIp: string | null,
  ): Promise<void> {
    const windowMs = this.limits.attemptWindowMinutes * 60_000;
    const bySubject = await this.attempts.add(`a:${kind}:s:${subject}`, { windowMs, limit: this.limits.attemptsPerAccount });
    if (!bySubject.allowed) throw tooManyAttempts(bySubject.retryAfterMs);
    if (!clientIp) return;
    const byIp = await this.attempts.add(`a:${kind}:ip:${addressKeyOf(clientIp)}`, { windowMs, limit: this.limits.attemptsPerIp });
    // a refusal for the address does not also use up the subject's attempts
    if (!byIp.allowed) await this.attempts.remove(`a:${kind}:s:${subject}`, bySubject.entry);
    if (!byIp.allowed) throw tooManyAttempts(byIp.retryAfterMs);
  }

  /**
   * One password (or second-step code) tried for an account (account-security.md "Guessing and
   * abuse"): `account` is the account found (its id), or for an unknown email its normalized
   * spelling, so both behave alike. Refused with RATE_LIMITED when this (account, client address)
   * pair or the address has had its attempts in the window; past the account's ceiling (all
   * addresses together) it waits, growing and bounded, unless the account signed in from this
   * address before. Call `succeeded()` when the secret was right: only failures count.
   */
  async signInAttempt(account: string, clientIp: string | null): Promise<{ succeeded(): Promise<void> }> {
    const l = this.limits;
    const windowMs = l.attemptWindowMinutes * 60_000;
    const address = addressKeyOf(clientIp);
    const pairKey = `si:pair:${account}:${address}`;
    const ipKey = `si:ip:${address}`;
    const accountKey = `si:account:${account}`;
    const knownKey = `si:known:${account}:${address}`;
    const pair = await this.attempts.add(pairKey, { windowMs, limit: l.attemptsPerAccount });
    if (!pair.allowed) throw tooManyAttempts(pair.retryAfterMs);
    const byIp = clientIp ? await this.attempts.add(ipKey, { windowMs, limit: l.attemptsPerIp }) : null;
    if (byIp && !byIp.allowed) {
      await this.attempts.remove(pairKey, pair.entry);
      throw tooManyAttempts(byIp.retryAfterMs);
    }
    const all = await this.attempts.add(accountKey, { windowMs, limit: Infinity, keep: l.accountCeiling + 32 });
    const over = all.count - l.accountCeiling;
    const knownMs = l.knownAddressDays * 86_400_000;
    if (over > 0 && l.slowdownMaxSeconds > 0 && !(knownMs > 0 && (await this.attempts.count(knownKey, knownMs)) > 0)) {
      await this.sleep(Math.min(l.slowdownMaxSeconds * 1000, 1000 * 2 ** Math.min(over - 1, 20)));
    }
    return {
      succeeded: async () => {
        await this.attempts.remove(pairKey, pair.entry);
        if (byIp) await this.attempts.remove(ipKey, byIp.entry);
        await this.attempts.remove(accountKey, all.entry);
        if (knownMs > 0) await this.attempts.add(knownKey, { windowMs: knownMs, limit: Infinity, keep: 1 });
      },
    };
  }

  async close(): Promise<void> {
    await this.attempts.close();
    await this.store.close();
  }
}

function tooManyAttempts(retryAfterMs: number): DomainError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new DomainError(ErrorCode.RATE_LIMITED, `Too many attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
}

/** The key of a client address: an IPv6 address by its /64 (one subscriber's block), IPv4-mapped ones as IPv4. */
export function addressKeyOf(clientIp: string | null): string {
  if (!clientIp) return 'unknown';
  const ip = clientIp.split('%')[0];
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
