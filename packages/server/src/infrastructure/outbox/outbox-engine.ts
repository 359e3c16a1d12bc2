import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../../db/transactions';
import { execute, isSqlite, placeholders, sqlTime } from './outbox-sql';

/** What the engine reads of a claimed row; the channel's rows carry whatever else sending needs. */
export interface OutboxRow {
  id: string;
  /** Claims so far, this one included (a crashed attempt counts too). */
  attempts: number;
  claimedUntil: Date | null;
}

/** The outcome of one send: `error` null when delivered. */
export interface SendResult {
  error: string | null;
}

/** What became of a claimed row, as recorded. `result` is null when nothing was sent (a send that threw, or a row past its attempts). */
export interface RecordedOutcome<Result extends SendResult> {
  status: 'SENT' | 'PENDING' | 'FAILED';
  result: Result | null;
  error: string | null;
  /** When the attempt ended (the engine's clock). */
  at: Date;
}

/**
 * One kind of outbox: a table of rows with the engine's columns (`id`, `status`, `attempts`,
 * `next_attempt_at`, `claimed_by`, `claimed_until`, `last_error`, `sent_at`), indexed by
 * (status, next_attempt_at) and (status, claimed_until), and how to send a row of it.
 */
export interface OutboxChannel<Row extends OutboxRow, Result extends SendResult = SendResult> {
  /** A row in log lines: 'mail', 'webhook delivery'. */
  readonly noun: string;
  /** Who a send waits for, in the timeout's error: 'the mail server'. */
  readonly peer: string;
  readonly table: string;
  /** The (status, next_attempt_at) and (status, claimed_until) indexes, forced on MySQL/MariaDB. */
  readonly dueIndex: string;
  readonly leaseIndex: string;
  /**
   * A further condition on claimable rows, SQL over the table as `q` (e.g. an earlier row must be done
   * first). Its subqueries are plain reads inside the claim's locking read (MySQL 8, MariaDB): a row
   * another worker holds still counts, it is not skipped.
   */
  readonly claimCondition?: string;
  /** The rows `ids` as this worker claimed them (status SENDING, claimed_by `workerId`), with what sending them needs. */
  load(manager: EntityManager, ids: string[], workerId: string): Promise<Row[]>;
  /** Sends one claimed row. A throw is a failed attempt with the error's message. */
  send(row: Row): Promise<Result>;
  /** Whether a failed row is given up besides maxAttempts (e.g. after a time). */
  givesUp?(row: Row, now: Date): boolean;
  /** Assignments besides the engine's when a row is SENT (e.g. `text_body = ''` for a body holding a secret). */
  sentAssignments?(row: Row): string[];
  /** Assignments with parameters besides the engine's for every recorded outcome (e.g. when retries end). */
  outcomeAssignments?(row: Row, at: Date): { set: string[]; values: unknown[] };
  /**
   * Writes that go with an outcome, in the transaction that records it, only when the claim still held.
   * May return work for after the commit.
   */
  recorded?(manager: EntityManager, row: Row, outcome: RecordedOutcome<Result>): Promise<(() => void) | void>;
}

export interface OutboxEngineOptions {
  dataSource: DataSource;
  logger: Logger;
  /**
   * The app's transaction runner. Required in practice on SQLite, where the process has one
   * connection: the worker's statements must not run inside a request's open transaction (they
   * would see its uncommitted rows, and be rolled back with it). Default: a runner of its own.
   */
  transactions?: TransactionRunner;
  /** Written to `claimed_by`; default `<host>:<pid>:<random>`. */
  workerId?: string;
  /** How often the table is read without a notify() (retries, other processes' rows, expired leases). Default 5 s. */
  pollIntervalMs?: number;
  /** Rows claimed per transaction. Default 20. */
  batchSize?: number;
  /** How long a claim lasts; afterwards any worker may claim the row again. Default 5 min. */
  leaseMs?: number;
  /** Attempts before a row is FAILED. Default 8. */
  maxAttempts?: number;
  /** Delay before attempt `attempt + 1` after attempt `attempt` failed. Default defaultOutboxBackoff. */
  backoff?: (attempt: number) => number;
  /** A send that takes longer counts as failed (it may still arrive: at least once). Default 30 s; keep leaseMs above batchSize / concurrency × this. */
  sendTimeoutMs?: number;
  /** Rows of one batch sent at once. Default 4. */
  concurrency?: number;
  /** The worker's time, for tests. Default `new Date()`. */
  clock?: () => Date;
}

/** 15 s, doubling per attempt, at most 1 h, each ±25 % so retries of one burst spread out. */
export function defaultOutboxBackoff(attempt: number): number {
  const delay = Math.min(15_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(delay * (0.75 + Math.random() * 0.5));
}

const MAX_ERROR_LENGTH = 2000;
const DEADLOCK_ERRNO = 1213; // also a failed Galera certification
const CLAIM_TRIES = 3;

/** Rows a worker may claim at `at`: due PENDING rows, and SENDING rows whose claim ran out (the claimer died). */
const CLAIMABLE = `((status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND claimed_until < ?))`;

/**
 * The outbox's delivery loop, for any channel (README.md beside this file): claims due rows in a
 * short transaction, sends them outside any transaction, then records the result if its claim
 * still holds. At least once; several workers, in one process or many, never claim a row at the
 * same time.
 */
export class OutboxEngine<Row extends OutboxRow, Result extends SendResult = SendResult> {
  readonly workerId: string;
  protected readonly logger: Logger;
  protected readonly transactions: TransactionRunner;
  protected readonly clock: () => Date;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: (attempt: number) => number;
  private readonly sendTimeoutMs: number;
  private readonly concurrency: number;
  private readonly sqlite: boolean;

  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private draining = false;
  private wake = false;
  /** Drains of this worker, one after the other (the background loop's and drainOnce's). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    protected readonly channel: OutboxChannel<Row, Result>,
    options: OutboxEngineOptions,
  ) {
    this.logger = options.logger;
    this.transactions = options.transactions ?? new TransactionRunner(options.dataSource);
    this.workerId = (options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`).slice(0, 100);
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? 20));
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoff = options.backoff ?? defaultOutboxBackoff;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.clock = options.clock ?? (() => new Date());
    this.sqlite = isSqlite(options.dataSource.manager);
  }

  /** Delivers in the background until stop(): now, on notify(), and every pollIntervalMs. Its timers never keep the process alive. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tail;
  }

  /** Wakes the background loop now, e.g. after a transaction that enqueued rows committed. */
  notify(): void {
    if (!this.running) return;
    if (this.draining) this.wake = true;
    else this.schedule(0);
  }

  /** Delivers every row due now (each at most once per call); resolves to the number delivered. */
  drainOnce(): Promise<number> {
    return this.exclusive(() => this.drain(() => true));
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  /** Polls in a row that could not read the outbox (an outage is logged once, its end once). */
  private failedPolls = 0;

  private async tick(): Promise<void> {
    this.timer = null;
    if (!this.running) return;
    this.draining = true;
    this.wake = false;
    try {
      await this.exclusive(() => this.drain(() => this.running));
      if (this.failedPolls > 0) {
        this.logger.info({ failedPolls: this.failedPolls }, `outbox: reading ${this.channel.noun} rows again`);
        this.failedPolls = 0;
      }
    } catch (error) {
      // an outage fails every poll (every 5 s): its first failure is logged, the rest only counted
      if (this.failedPolls++ === 0)
        this.logger.error({ err: error }, `outbox: could not read or claim ${this.channel.noun} rows; trying again at every poll`);
      else this.logger.debug({ err: error, failedPolls: this.failedPolls }, `outbox: still cannot read ${this.channel.noun} rows`);
    } finally {
      this.draining = false;
    }
    if (this.running) this.schedule(this.wake ? 0 : this.pollIntervalMs);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Claims and sends batches until none is due as of the start, or `keepGoing` says stop. */
  private async drain(keepGoing: () => boolean): Promise<number> {
    const dueBy = this.clock();
    let sent = 0;
    for (;;) {
      const rows = await this.claim(dueBy);
      if (rows.length === 0) return sent;
      sent += await this.deliverAll(rows);
      if (!keepGoing()) return sent;
    }
  }

  private async claim(dueBy: Date): Promise<Row[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactions.run((manager) => this.claimWith(manager, dueBy));
      } catch (error) {
        // two claims of one row on different Galera nodes: one fails at commit; try again
        if (attempt < CLAIM_TRIES && (error as { driverError?: { errno?: number } }).driverError?.errno === DEADLOCK_ERRNO) continue;
        throw error;
      }
    }
  }

  /**
   * Selects due rows (locked, skipping rows other workers hold, on MySQL/MariaDB), then writes
   * the claim with the same condition: on a multi-primary Galera cluster, where row locks are
   * local to a node, it is this write that makes a conflicting claim fail certification.
   *
   * Two SELECTs, each an ordered range of one index that stops at the limit: one with
   * `(PENDING AND due) OR (SENDING AND lease over)` is sorted after reading, so InnoDB locks every
   * due row before the LIMIT and the other workers, skipping them all, find nothing.
   */
  private async claimWith(manager: EntityManager, dueBy: Date): Promise<Row[]> {
    const { table, claimCondition } = this.channel;
    const due = sqlTime(dueBy);
    const extra = claimCondition ? ` AND ${claimCondition}` : '';
    const select = (index: string, condition: string, order: string, limit: number): Promise<Array<{ id: string }>> =>
      manager.query(
        this.sqlite
          ? `SELECT q.id FROM ${table} q WHERE ${condition}${extra} ORDER BY ${order} LIMIT ${limit}`
          : `SELECT q.id FROM ${table} q FORCE INDEX (${index}) WHERE ${condition}${extra} ORDER BY ${order} LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
        [due],
      );
    const selected = await select(
      this.channel.dueIndex,
      `q.status = 'PENDING' AND q.next_attempt_at <= ?`,
      'q.next_attempt_at',
      this.batchSize,
    );
    if (selected.length < this.batchSize) {
      selected.push(
        ...(await select(
          this.channel.leaseIndex,
          `q.status = 'SENDING' AND q.claimed_until < ?`,
          'q.claimed_until',
          this.batchSize - selected.length,
        )),
      );
    }
    if (selected.length === 0) return [];
    const ids = selected.map((row) => String(row.id));
    const claimedUntil = new Date(this.clock().getTime() + this.leaseMs);
    await execute(
      manager,
      `UPDATE ${table} SET status = 'SENDING', claimed_by = ?, claimed_until = ?, attempts = attempts + 1
       WHERE id IN (${placeholders(ids.length)}) AND ${CLAIMABLE}`,
      [this.workerId, sqlTime(claimedUntil), ...ids, due, due],
    );
    const rows = await this.channel.load(manager, ids, this.workerId);
    return rows.filter((row) => row.claimedUntil?.getTime() === claimedUntil.getTime());
  }

  /** Sends a claimed batch, `concurrency` at a time; resolves to the number delivered. */
  private async deliverAll(rows: Row[]): Promise<number> {
    const queue = [...rows];
    let sent = 0;
    const lane = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) if (await this.deliver(row)) sent++;
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, lane));
    return sent;
  }

  /** Sends one claimed row and records the outcome; never throws (a lost write leaves the row to its lease). */
  private async deliver(row: Row): Promise<boolean> {
    const noun = this.channel.noun;
    const log = this.logger.child({ outboxTable: this.channel.table, outboxRowId: row.id, attempt: row.attempts });
    try {
      if (row.attempts > this.maxAttempts) {
        // reclaimed after its last attempt's claim ran out: that attempt never reported back
        await this.finish(row, 'FAILED', null, 'no result within the lease (the sending process stopped?)', null);
        log.error(`outbox: ${noun} FAILED: its last attempt never finished`);
        return false;
      }
      let result: Result | null = null;
      let error: string | null;
      try {
        result = await this.send(row);
        error = result.error;
      } catch (thrown) {
        error = thrown instanceof Error ? thrown.message : String(thrown);
      }
      if (error === null) {
        await this.finish(row, 'SENT', result, null, null);
        return true;
      }
      error = error.slice(0, MAX_ERROR_LENGTH);
      const now = this.clock();
      const failed = row.attempts >= this.maxAttempts || (this.channel.givesUp?.(row, now) ?? false);
      const retryAt = new Date(now.getTime() + Math.max(1, this.backoff(row.attempts)));
      await this.finish(row, failed ? 'FAILED' : 'PENDING', result, error, retryAt);
      if (failed) log.error({ error }, `outbox: ${noun} FAILED after its last attempt`);
      else log.warn({ error, retryAt }, `outbox: sending a ${noun} failed; will retry`);
      return false;
    } catch (error) {
      log.error({ err: error }, `outbox: could not record the outcome of a ${noun}; its claim will run out and it will be sent again`);
      return false;
    }
  }

  private async send(row: Row): Promise<Result> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer from ${this.channel.peer} within ${this.sendTimeoutMs} ms`)),
        this.sendTimeoutMs,
      );
      timer.unref(); // the send itself keeps the process alive while it lasts
    });
    try {
      return await Promise.race([this.channel.send(row), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Records an attempt's outcome if the row is still this attempt's: claimed by this worker with
   * this attempt number (a claim that ran out may have been taken over, even by this worker). The
   * channel's own writes go in the same transaction.
   */
  private async finish(
    row: Row,
    status: 'SENT' | 'PENDING' | 'FAILED',
    result: Result | null,
    lastError: string | null,
    nextAttemptAt: Date | null,
  ): Promise<void> {
    const at = this.clock();
    const set: string[] = ['status = ?', 'claimed_by = NULL', 'claimed_until = NULL'];
    const values: unknown[] = [status];
    if (status === 'SENT') {
      set.push('sent_at = ?', ...(this.channel.sentAssignments?.(row) ?? []));
      values.push(sqlTime(at));
    }
    if (lastError !== null) {
      set.push('last_error = ?');
      values.push(lastError);
    }
    if (nextAttemptAt) {
      set.push('next_attempt_at = ?');
      values.push(sqlTime(nextAttemptAt));
    }
    const own = this.channel.outcomeAssignments?.(row, at);
    if (own) {
      set.push(...own.set);
      values.push(...own.values);
    }
    const outcome: RecordedOutcome<Result> = { status, result, error: lastError, at };
    const { changed, after } = await this.transactions.run(async (manager) => {
      const changed = await execute(
        manager,
        `UPDATE ${this.channel.table} SET ${set.join(', ')} WHERE id = ? AND status = 'SENDING' AND claimed_by = ? AND attempts = ?`,
        [...values, row.id, this.workerId, row.attempts],
      );
      const after = changed > 0 ? await this.channel.recorded?.(manager, row, outcome) : undefined;
      return { changed, after };
    });
    if (after) after();
    if (changed === 0) {
      this.logger.warn(
        { outboxTable: this.channel.table, outboxRowId: row.id, attempt: row.attempts, status },
        `outbox: a ${this.channel.noun} outlived its claim, which another attempt took over: it may be sent twice`,
      );
    }
  }
}
