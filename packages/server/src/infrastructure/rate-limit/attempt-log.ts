import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { Clock } from './leaky-bucket';

export interface LogOptions {
  /** Attempts counted: those of the last `windowMs`. */
  windowMs: number;
  /** Refuse (and do not record) when this many are already in the window; Infinity: never refuse. */
  limit: number;
  /** At most this many entries are kept (the newest); a count never exceeds it. Default: `limit`. */
  keep?: number;
}

export interface LogResult {
  allowed: boolean;
  /** Attempts in the window, this one included when it was recorded. */
  count: number;
  /** When refused: how long until the oldest attempt leaves the window. */
  retryAfterMs: number;
  /** Names the recorded attempt, for `remove`; empty when refused. */
  entry: string;
}

/**
 * Sliding-window attempt logs keyed by subject: "at most N in any `windowMs`" holds exactly (a
 * leaky bucket of N refilling at N per window lets up to 2N through in one window).
 */
export interface AttemptLog {
  add(key: string, options: LogOptions): Promise<LogResult>;
  /** Attempts of `key` in the window, without recording one. */
  count(key: string, windowMs: number): Promise<number>;
  /** Takes back one recorded attempt (it turned out not to count, e.g. the right password). */
  remove(key: string, entry: string): Promise<void>;
  close(): Promise<void>;
}

const keepOf = (o: LogOptions) => Math.max(1, Math.min(o.keep ?? o.limit, 100_000));

/** One process's logs. Keys whose newest attempt has left the window are dropped. */
export class MemoryAttemptLog implements AttemptLog {
  private readonly logs = new Map<string, { windowMs: number; entries: Array<{ at: number; entry: string }> }>();
  private seq = 0;
  private lastSweep = 0;

  constructor(private readonly now: Clock = Date.now) {}

  async add(key: string, o: LogOptions): Promise<LogResult> {
    const now = this.now();
    this.sweep(now);
    const log = this.logs.get(key) ?? { windowMs: o.windowMs, entries: [] };
    log.windowMs = o.windowMs;
    log.entries = log.entries.filter((e) => e.at > now - o.windowMs);
    if (log.entries.length >= o.limit) {
      this.logs.set(key, log);
      const oldest = log.entries[log.entries.length - o.limit].at;
      return { allowed: false, count: log.entries.length, retryAfterMs: oldest + o.windowMs - now, entry: '' };
    }
    const entry = String(++this.seq);
    log.entries.push({ at: now, entry });
    if (log.entries.length > keepOf(o)) log.entries.splice(0, log.entries.length - keepOf(o));
    this.logs.set(key, log);
    return { allowed: true, count: log.entries.length, retryAfterMs: 0, entry };
  }

  async count(key: string, windowMs: number): Promise<number> {
    const now = this.now();
    return this.logs.get(key)?.entries.filter((e) => e.at > now - windowMs).length ?? 0;
  }

  async remove(key: string, entry: string): Promise<void> {
    const log = this.logs.get(key);
    if (log) log.entries = log.entries.filter((e) => e.entry !== entry);
  }

  async close(): Promise<void> {
    this.logs.clear();
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, log] of this.logs) {
      const newest = log.entries[log.entries.length - 1];
      if (!newest || newest.at <= now - log.windowMs) this.logs.delete(key);
    }
  }
}

// a sorted set per key (score: time), pruned, checked and added to in one atomic script
const ADD = `
local now, window, limit, keep = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if limit >= 0 and n >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
  return { 0, n, tostring(tonumber(oldest[2]) + window - now) }
end
redis.call('ZADD', KEYS[1], now, ARGV[5])
n = n + 1
if n > keep then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - keep - 1); n = keep end
redis.call('PEXPIRE', KEYS[1], window + 1000)
return { 1, n, '0' }
`;

/** Logs in Redis (REDIS_URL), shared by every server process; the connection belongs to the caller. */
export class RedisAttemptLog implements AttemptLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'clientele:attempts:',
    private readonly now: Clock = Date.now,
  ) {}

  async add(key: string, o: LogOptions): Promise<LogResult> {
    const entry = `${this.now()}:${randomBytes(6).toString('hex')}`;
    const limit = Number.isFinite(o.limit) ? o.limit : -1;
    const [allowed, count, retryAfter] = (await this.redis.eval(
      ADD,
      1,
      this.prefix + key,
      this.now(),
      o.windowMs,
      limit,
      keepOf(o),
      entry,
    )) as [number, number, string];
    return { allowed: allowed === 1, count, retryAfterMs: Math.max(0, Number(retryAfter)), entry: allowed === 1 ? entry : '' };
  }

  async count(key: string, windowMs: number): Promise<number> {
    return this.redis.zcount(this.prefix + key, `(${this.now() - windowMs}`, '+inf');
  }

  async remove(key: string, entry: string): Promise<void> {
    await this.redis.zrem(this.prefix + key, entry);
  }

  async close(): Promise<void> {}
}
