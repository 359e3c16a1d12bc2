import type http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Graceful shutdown (SIGTERM): readiness answers 503 at once; after `delayMs` (time for a load
 * balancer's health check to notice) the listener closes and idle keep-alive connections with it;
 * requests in flight finish, their responses saying `Connection: close`, as do any that still
 * arrive on open connections. Drained: every response sent and every connection closed. Past
 * `timeoutMs` the remaining connections are cut and the drain counts as forced.
 */
export class Drain {
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();
  private idle: (() => void) | null = null;

  get isDraining(): boolean {
    return this.draining;
  }

  /** Called for every request before it is handled. */
  track(_req: IncomingMessage, res: ServerResponse): void {
    if (this.draining) res.setHeader('Connection', 'close');
    this.inFlight.add(res);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) this.idle?.();
    });
  }

  /** Resolves true when drained, false when forced after `timeoutMs`. */
  async shutdown(server: http.Server, options: { delayMs: number; timeoutMs: number }): Promise<boolean> {
    this.draining = true;
    const forcedAt = Date.now() + options.timeoutMs;
    if (options.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(options.delayMs, options.timeoutMs)));
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const responsesSent = new Promise<void>((resolve) => {
      if (this.inFlight.size === 0) resolve();
      else this.idle = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(forcedAt - Date.now(), 0));
    });
    // a connection whose response has gone out but that the client keeps open: closed once idle
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    try {
      const drained = await Promise.race([Promise.all([responsesSent, closed]).then(() => true as const), forced]);
      if (!drained) server.closeAllConnections();
      return drained;
    } finally {
      clearTimeout(timer);
      clearInterval(sweep);
    }
  }
}
