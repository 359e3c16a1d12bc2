import Redis from 'ioredis';
import type { RateLimits } from '../../config';
import { DomainError, ErrorCode } from '../../shared/errors';
import { BucketOptions, BucketStore, Clock, MemoryBucketStore, RedisBucketStore, TakeResult, ThrottleStatus } from './leaky-bucket';

/** Who pays for a request: an API token, a session, or (anonymous) the client IP. */
export function budgetKeyOf(viewer: { sessionId: string; apiToken?: { id: string } } | null, clientIp: string | null): string {
  if (viewer?.apiToken) return `token:${viewer.apiToken.id}`;
  if (viewer?.sessionId) return `session:${viewer.sessionId}`;
  return `ip:${clientIp ?? 'unknown'}`;
}

/**
 * The rate limiter: query cost budgets (taken before execution, unused part refunded after) and
 * attempt budgets against guessing (sign-in, invitation acceptance), in memory or in Redis.
 */
export class RateLimiter {
  readonly query: BucketOptions;

  constructor(
    private readonly store: BucketStore,
    private readonly limits: RateLimits,
  ) {
    this.query = { capacity: limits.capacity, restoreRate: limits.restorePerSecond };
  }

  static create(limits: RateLimits, clock: Clock = Date.now): RateLimiter {
    const store = limits.redisUrl
      ? new RedisBucketStore(new Redis(limits.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }), 'clientele:bucket:', clock)
      : new MemoryBucketStore(clock);
    return new RateLimiter(store, limits);
  }

  takeQueryCost(key: string, cost: number): Promise<TakeResult> {
    return this.store.take(`q:${key}`, cost, this.query);
  }

  refundQueryCost(key: string, points: number): Promise<ThrottleStatus> {
    return this.store.refund(`q:${key}`, points, this.query);
  }

  /**
   * One guess at a secret (a password or an invitation token): refused with RATE_LIMITED when the
   * subject (account or token) or the client IP has used up its attempts for the window.
   */
  async attempt(kind: 'sign-in' | 'accept', subject: string, clientIp: string | null): Promise<void> {
    const window = this.limits.attemptWindowMinutes * 60;
    const perSubject = { capacity: this.limits.attemptsPerAccount, restoreRate: this.limits.attemptsPerAccount / window };
    const perIp = { capacity: this.limits.attemptsPerIp, restoreRate: this.limits.attemptsPerIp / window };
    // a locked subject does not also use up the IP's attempts
    let refused: TakeResult | null = await this.store.take(`a:${kind}:s:${subject}`, 1, perSubject);
    if (refused.allowed && clientIp) refused = await this.store.take(`a:${kind}:ip:${clientIp}`, 1, perIp);
    if (refused.allowed) refused = null;
    if (refused) {
      const minutes = Math.max(1, Math.ceil(refused.retryAfterMs / 60_000));
      throw new DomainError(ErrorCode.RATE_LIMITED, `Too many attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
