import type Redis from 'ioredis';
import { Outage, OutageLogger, withTimeout } from '../../shared/outage';
import type { AttemptLog, LogOptions, LogResult } from './attempt-log';
import type { BucketOptions, BucketStore, TakeResult, ThrottleStatus } from './leaky-bucket';

/** A logger that says nothing (no logger given: tests, scripts). */
const silent: OutageLogger = { error() {}, warn() {}, info() {} };

/**
 * Whether the shared budgets in Redis can be used (docs/decisions.md "Issue 14: faults"): Redis
 * answering within REDIS_TIMEOUT_MS. When it does not (down, unreachable, hung), every budget
 * falls back to this process's memory — fail open: requests and sign-in keep working, each process
 * then enforces the limits on its own (so a client spread over N processes gets up to N times the
 * budget) — with one warning per outage and one line when Redis is back; then the shared budgets
 * apply again (what was spent in memory meanwhile is not carried over).
 */
export class RedisAvailability {
  readonly outage: Outage;
  private closing = false;

  constructor(
    private readonly redis: Redis,
    private readonly timeoutMs: number,
    logger: OutageLogger = silent,
  ) {
    this.outage = new Outage('Redis', logger, () => withTimeout(redis.ping(), timeoutMs, 'Redis'), {
      level: 'warn',
      consequence: 'rate limits and sign-in attempt counts fall back to per-process budgets until it is back',
    });
    // without an error listener ioredis reports every failed reconnect as an unhandled 'error' event
    redis.on('error', (error: Error) => this.outage.failed(error));
    redis.on('close', () => {
      if (!this.closing) this.outage.failed(new Error('the connection to Redis was closed'));
    });
    redis.on('ready', () => this.outage.recovered());
  }

  /** Redis answers (as far as we know): use the shared budgets. */
  get usable(): boolean {
    return this.redis.status === 'ready' && !this.outage.isDown;
  }

  /** `shared()` while Redis is usable; `local()` when it is not or when `shared()` fails. */
  async use<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (!this.usable) return local();
    try {
      return await shared();
    } catch (error) {
      this.outage.failed(error);
      return local();
    }
  }

  /** For readiness: Redis answers a PING within `ms`. */
  async ping(ms: number): Promise<void> {
    await withTimeout(this.redis.ping(), Math.min(ms, this.timeoutMs * 2), 'Redis');
  }

  async close(): Promise<void> {
    this.closing = true;
    this.outage.close();
    if (this.redis.status === 'ready') await withTimeout(this.redis.quit(), 1_000, 'Redis').catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

/** Budgets in Redis while it answers, in this process's memory while it does not. */
export class FailOpenBucketStore implements BucketStore {
  constructor(
    private readonly shared: BucketStore,
    private readonly local: BucketStore,
    private readonly redis: RedisAvailability,
  ) {}

  take(key: string, amount: number, options: BucketOptions): Promise<TakeResult> {
    return this.redis.use(
      () => this.shared.take(key, amount, options),
      () => this.local.take(key, amount, options),
    );
  }

  refund(key: string, amount: number, options: BucketOptions): Promise<ThrottleStatus> {
    return this.redis.use(
      () => this.shared.refund(key, amount, options),
      () => this.local.refund(key, amount, options),
    );
  }

  async close(): Promise<void> {
    await this.local.close();
    await this.redis.close();
  }
}

/** Attempt logs in Redis while it answers, in this process's memory while it does not. */
export class FailOpenAttemptLog implements AttemptLog {
  constructor(
    private readonly shared: AttemptLog,
    private readonly local: AttemptLog,
    private readonly redis: RedisAvailability,
  ) {}

  add(key: string, options: LogOptions): Promise<LogResult> {
    return this.redis.use(
      () => this.shared.add(key, options),
      () => this.local.add(key, options),
    );
  }

  count(key: string, windowMs: number): Promise<number> {
    return this.redis.use(
      () => this.shared.count(key, windowMs),
      () => this.local.count(key, windowMs),
    );
  }

  remove(key: string, entry: string): Promise<void> {
    // an entry lives where it was added; removing a missing one does nothing on either side
    return this.redis.use(
      () => this.shared.remove(key, entry),
      () => this.local.remove(key, entry),
    );
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}
