/** The part of a pino logger an outage writes to. */
export interface OutageLogger {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/**
 * The state of a dependency (the database, Redis) as the log tells it: one line when it becomes
 * unavailable, one when it is back, never one per failed request. While it is down, `probe` runs
 * every `probeIntervalMs` until it succeeds (so recovery is logged without waiting for traffic).
 */
export class Outage {
  private down = false;
  private since = 0;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly logger: OutageLogger,
    private readonly probe: () => Promise<unknown>,
    private readonly options: { level?: 'error' | 'warn'; probeIntervalMs?: number; consequence?: string } = {},
  ) {}

  get isDown(): boolean {
    return this.down;
  }

  /** A failure that shows it is unavailable: logged if it is the first of an outage. */
  failed(error: unknown): void {
    this.failures++;
    if (this.down || this.closed) return;
    this.down = true;
    this.since = Date.now();
    const consequence = this.options.consequence ? `: ${this.options.consequence}` : '';
    this.logger[this.options.level ?? 'error']({ err: error }, `${this.name} unavailable${consequence}`);
    this.scheduleProbe();
  }

  /** It answered again: logged once, with how long it was down and how many failures it caused. */
  recovered(): void {
    if (!this.down) return;
    this.down = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.logger.info({ downMs: Date.now() - this.since, failures: this.failures }, `${this.name} available again`);
    this.failures = 0;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private scheduleProbe(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.probe().then(
        () => this.recovered(),
        () => {
          if (this.down) this.scheduleProbe();
        },
      );
    }, this.options.probeIntervalMs ?? 1_000);
    this.timer.unref();
  }
}

/** `promise`, or a rejection after `ms` (the promise goes on; its outcome is ignored then). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
