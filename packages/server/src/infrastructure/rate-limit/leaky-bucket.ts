import type Redis from 'ioredis';

/** A bucket's state as reported to clients (Shopify's `throttleStatus`). */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface TakeResult extends ThrottleStatus {
  allowed: boolean;
  /** When refused: how long until the requested amount is available. */
  retryAfterMs: number;
}

export interface BucketOptions {
  /** Points a full bucket holds. */
  capacity: number;
  /** Points restored per second. */
  restoreRate: number;
}

/**
 * Leaky-bucket budgets keyed by caller: `take` removes points if there are enough (or refuses,
 * with the time until there will be), `refund` returns unused points. Points flow back at
 * `restoreRate` per second up to `capacity`.
 */
export interface BucketStore {
  take(key: string, amount: number, options: BucketOptions): Promise<TakeResult>;
  refund(key: string, amount: number, options: BucketOptions): Promise<ThrottleStatus>;
  close(): Promise<void>;
}

export type Clock = () => number;

function refill(level: number, updatedAt: number, now: number, o: BucketOptions): number {
  return Math.min(o.capacity, level + (Math.max(0, now - updatedAt) / 1000) * o.restoreRate);
}

/** One process's budgets. Idle full buckets are dropped, so memory follows active callers. */
export class MemoryBucketStore implements BucketStore {
  // each bucket keeps its own options: the sweep must judge it by its own rate, not the caller's
  private readonly buckets = new Map<string, { level: number; updatedAt: number; o: BucketOptions }>();

  constructor(private readonly now: Clock = Date.now) {}

  async take(key: string, amount: number, o: BucketOptions): Promise<TakeResult> {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const available = bucket ? refill(bucket.level, bucket.updatedAt, now, o) : o.capacity;
    if (available < amount) {
      this.buckets.set(key, { level: available, updatedAt: now, o });
      return { allowed: false, retryAfterMs: Math.ceil(((amount - available) / o.restoreRate) * 1000), ...status(available, o) };
    }
    this.buckets.set(key, { level: available - amount, updatedAt: now, o });
    this.sweep(now);
    return { allowed: true, retryAfterMs: 0, ...status(available - amount, o) };
  }

  async refund(key: string, amount: number, o: BucketOptions): Promise<ThrottleStatus> {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const level = Math.min(o.capacity, (bucket ? refill(bucket.level, bucket.updatedAt, now, o) : o.capacity) + Math.max(0, amount));
    this.buckets.set(key, { level, updatedAt: now, o });
    return status(level, o);
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }

  private lastSweep = 0;
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (refill(b.level, b.updatedAt, now, b.o) >= b.o.capacity) this.buckets.delete(key);
  }
}

const status = (level: number, o: BucketOptions): ThrottleStatus => ({
  maximumAvailable: o.capacity,
  currentlyAvailable: Math.floor(level),
  restoreRate: o.restoreRate,
});

// take and refund in one atomic script each, so several server processes share one budget
const TAKE = `
local level = tonumber(redis.call('HGET', KEYS[1], 'level') or ARGV[2])
local updated = tonumber(redis.call('HGET', KEYS[1], 'updated') or ARGV[4])
local capacity, rate, now, amount = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[1])
level = math.min(capacity, level + math.max(0, now - updated) / 1000 * rate)
local allowed = 0
if level >= amount then level = level - amount; allowed = 1 end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return { allowed, tostring(level) }
`;
const REFUND = `
local level = tonumber(redis.call('HGET', KEYS[1], 'level') or ARGV[2])
local updated = tonumber(redis.call('HGET', KEYS[1], 'updated') or ARGV[4])
local capacity, rate, now, amount = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[1])
level = math.min(capacity, level + math.max(0, now - updated) / 1000 * rate + amount)
redis.call('HSET', KEYS[1], 'level', tostring(level), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return tostring(level)
`;

/** Budgets in Redis (REDIS_URL): every server process sharing the Redis shares the budgets. */
export class RedisBucketStore implements BucketStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'clientele:bucket:',
    private readonly now: Clock = Date.now,
  ) {}

  async take(key: string, amount: number, o: BucketOptions): Promise<TakeResult> {
    const [allowed, level] = (await this.redis.eval(TAKE, 1, this.prefix + key, amount, o.capacity, o.restoreRate, this.now())) as [
      number,
      string,
    ];
    const available = Number(level);
    return {
      allowed: allowed === 1,
      retryAfterMs: allowed === 1 ? 0 : Math.ceil(((amount - available) / o.restoreRate) * 1000),
      ...status(available, o),
    };
  }

  async refund(key: string, amount: number, o: BucketOptions): Promise<ThrottleStatus> {
    const level = (await this.redis.eval(
      REFUND,
      1,
      this.prefix + key,
      Math.max(0, amount),
      o.capacity,
      o.restoreRate,
      this.now(),
    )) as string;
    return status(Number(level), o);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
