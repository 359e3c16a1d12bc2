import mysql2 from 'mysql2';
import type { DatabaseHost } from '../config';
import { isUnavailable, markPoolError } from './db-errors';

type Callback = (error: NodeJS.ErrnoException | null, connection?: mysql2.PoolConnection) => void;

/** Which host (index in DATABASE_URL) a handed-out connection belongs to, and its pool. */
const origin = new WeakMap<object, { pool: FailoverPool; host: number }>();

export interface FailoverOptions {
  hosts: DatabaseHost[];
  /** Longest wait for a connection, whatever the cause (busy pool, slow handshake), across hosts. */
  acquireTimeoutMs: number;
  /** Statements every new connection runs before it is handed out (session variables). */
  sessionSql: string[];
  onSessionError(error: Error): void;
  /** Told when the pool moves to another host (for the log). */
  onHostChange?(from: DatabaseHost, to: DatabaseHost, cause: unknown): void;
}

function acquireTimeout(ms: number, host: DatabaseHost): NodeJS.ErrnoException {
  return Object.assign(new Error(`no database connection to ${host.host}:${host.port} within ${ms} ms`), { code: 'DB_ACQUIRE_TIMEOUT' });
}

/**
 * The part of mysql2's pool that TypeORM uses (`getConnection`, `end`), over one mysql2 pool per
 * host of DATABASE_URL: connections come from the current host (the first, at start); when a
 * connection to it cannot be opened (refused, unreachable, handshake timeout, Galera node not
 * ready), the next host is tried, and stays current until it fails in turn. Waiting for a
 * connection is bounded by `acquireTimeoutMs` (mysql2's pool waits for ever); a busy pool is not a
 * dead host, so a timeout does not move to the next one.
 */
export class FailoverPool {
  private readonly pools: Array<mysql2.Pool | null>;
  private current = 0;
  private closed = false;

  constructor(
    private readonly base: mysql2.PoolOptions,
    private readonly options: FailoverOptions,
  ) {
    this.pools = options.hosts.map(() => null);
  }

  /** The host connections come from now. */
  get currentHost(): DatabaseHost {
    return this.options.hosts[this.current];
  }

  getConnection(callback: Callback): void {
    this.acquire().then(
      (connection) => callback(null, connection),
      (error: NodeJS.ErrnoException) => callback(markPoolError(error)),
    );
  }

  end(callback?: (error?: Error | null) => void): void {
    this.closed = true;
    const open = this.pools.filter((p): p is mysql2.Pool => p !== null);
    Promise.all(open.map((p) => new Promise<void>((resolve) => p.end(() => resolve())))).then(
      () => callback?.(null),
      (error: Error) => callback?.(error),
    );
  }

  /**
   * The host of `connection` failed (lost, or a Galera node not ready): the connection is dropped
   * and, if that host is still current, the next one becomes current.
   */
  leave(connection: object, cause: unknown): void {
    const at = origin.get(connection);
    (connection as { destroy?: () => void }).destroy?.();
    if (at && at.host === this.current) this.moveOn(at.host, cause);
  }

  private moveOn(from: number, cause: unknown): void {
    const hosts = this.options.hosts;
    if (hosts.length < 2) return;
    this.current = (from + 1) % hosts.length;
    this.options.onHostChange?.(hosts[from], hosts[this.current], cause);
  }

  private poolAt(index: number): mysql2.Pool {
    const existing = this.pools[index];
    if (existing) return existing;
    const { host, port } = this.options.hosts[index];
    const pool = mysql2.createPool({ ...this.base, host, port });
    // queued on the connection before the command it was opened for
    pool.on('connection', (connection) => {
      for (const sql of this.options.sessionSql)
        (connection as unknown as mysql2.Connection).query(sql, (error: Error | null) => error && this.options.onSessionError(error));
    });
    this.pools[index] = pool;
    return pool;
  }

  private async acquire(): Promise<mysql2.PoolConnection> {
    if (this.closed) throw Object.assign(new Error('the database pool is closed'), { code: 'POOL_CLOSED' });
    const until = Date.now() + this.options.acquireTimeoutMs;
    const start = this.current;
    let lastError: unknown = null;
    for (let k = 0; k < this.options.hosts.length; k++) {
      const index = (start + k) % this.options.hosts.length;
      try {
        const connection = await this.acquireFrom(index, Math.max(until - Date.now(), 1));
        if (index !== this.current) {
          const from = this.current;
          this.current = index;
          this.options.onHostChange?.(this.options.hosts[from], this.options.hosts[index], lastError);
        }
        origin.set(connection, { pool: this, host: index });
        return connection;
      } catch (error) {
        lastError = error;
        const code = (error as NodeJS.ErrnoException).code;
        // busy, not dead: waiting longer elsewhere would not help the caller (the budget is spent)
        if (code === 'DB_ACQUIRE_TIMEOUT' || !isUnavailable(error)) throw error;
      }
    }
    throw lastError;
  }

  private acquireFrom(index: number, waitMs: number): Promise<mysql2.PoolConnection> {
    const pool = this.poolAt(index);
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(acquireTimeout(this.options.acquireTimeoutMs, this.options.hosts[index]));
      }, waitMs);
      pool.getConnection((error, connection) => {
        if (settled) {
          // answered after the caller gave up: back to the pool for the next one
          if (!error) connection.release();
          return;
        }
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(connection);
      });
    });
  }
}

/** The pool a connection of `FailoverPool` came from (to `leave` its host). */
export function failoverPoolOf(connection: object | undefined): FailoverPool | null {
  return (connection && origin.get(connection)?.pool) ?? null;
}

/** mysql2, except that `createPool` makes a FailoverPool (TypeORM's `driver` option). */
export function mysql2WithFailover(options: FailoverOptions): typeof mysql2 {
  return Object.assign(Object.create(mysql2) as typeof mysql2, {
    createPool(base: mysql2.PoolOptions) {
      return new FailoverPool(base, options);
    },
  });
}
