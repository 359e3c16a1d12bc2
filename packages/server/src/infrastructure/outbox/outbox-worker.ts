import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { DataSource, EntityManager, In } from 'typeorm';
import { TransactionRunner } from '../../db/transactions';
import type { Mailer } from '../mail/mailer';
import { OutboxMailKind, OutboxMessageEntity } from './outbox-message.entity';
import { retryFailedMail } from './enqueue-mail';
import { execute, isSqlite, OUTBOX_TABLE, placeholders, sqlTime } from './outbox-sql';

export interface OutboxWorkerOptions {
  dataSource: DataSource;
  mailer: Mailer;
  logger: Logger;
  /**
   * The app's transaction runner. Required in practice on SQLite, where the process has one
   * connection: the worker's statements must not run inside a request's open transaction (they
   * would see its uncommitted mails, and be rolled back with it). Default: a runner of its own.
   */
  transactions?: TransactionRunner;
  /** Written to `claimed_by`; default `<host>:<pid>:<random>`. */
  workerId?: string;
  /** How often the outbox is read without a notify() (retries, other processes' rows, expired leases). Default 5 s. */
  pollIntervalMs?: number;
  /** Rows claimed per transaction. Default 20. */
  batchSize?: number;
  /** How long a claim lasts; afterwards any worker may claim the row again. Default 5 min. */
  leaseMs?: number;
  /** Attempts before a mail is FAILED. Default 8. */
  maxAttempts?: number;
  /** Delay before attempt `attempt + 1` after attempt `attempt` failed. Default defaultOutboxBackoff. */
  backoff?: (attempt: number) => number;
  /** A send that takes longer counts as failed (it may still arrive: at least once). Default 30 s; keep leaseMs above batchSize / concurrency × this. */
  sendTimeoutMs?: number;
  /** Mails of one batch sent at once. Default 4. */
  concurrency?: number;
  /** The worker's time, for tests. Default `new Date()`. */
  clock?: () => Date;
}

/** 15 s, doubling per attempt, at most 1 h, each ±25 % so retries of one burst spread out. */
export function defaultOutboxBackoff(attempt: number): number {
  const delay = Math.min(15_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(delay * (0.75 + Math.random() * 0.5));
}

/** Kinds whose bodies hold a long-lived secret (the invitation link, a new account's set-password link): blanked once sent. */
const BLANKED_WHEN_SENT: ReadonlySet<OutboxMailKind> = new Set(['INVITATION', 'ACCOUNT_SETUP']);

const MAX_ERROR_LENGTH = 2000;
const DEADLOCK_ERRNO = 1213; // also a failed Galera certification
const CLAIM_TRIES = 3;

/** Rows a worker may claim at `at`: due PENDING rows, and SENDING rows whose claim ran out (the claimer died). */
const CLAIMABLE = `((status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND claimed_until < ?))`;

/**
 * Delivers the outbox (README.md beside this file): claims due rows in a short transaction,
 * sends them outside any transaction, then records the result if its claim still holds. At least
 * once; several workers, in one process or many, never claim a row at the same time.
 */
export class OutboxWorker {
  readonly workerId: string;
  private readonly mailer: Mailer;
  private readonly logger: Logger;
  private readonly transactions: TransactionRunner;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: (attempt: number) => number;
  private readonly sendTimeoutMs: number;
  private readonly concurrency: number;
  private readonly clock: () => Date;
  private readonly sqlite: boolean;

  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private draining = false;
  private wake = false;
  /** Drains of this worker, one after the other (the background loop's and drainOnce's). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: OutboxWorkerOptions) {
    this.mailer = options.mailer;
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

  /** Wakes the background loop now, e.g. after a transaction that enqueued mail committed. */
  notify(): void {
    if (!this.running) return;
    if (this.draining) this.wake = true;
    else this.schedule(0);
  }

  /** Delivers every mail due now (each at most once per call); resolves to the number sent. */
  drainOnce(): Promise<number> {
    return this.exclusive(() => this.drain(() => true));
  }

  /** Puts a FAILED mail back in line for now, with a fresh set of attempts; false when it is not FAILED. */
  async retry(id: string): Promise<boolean> {
    const changed = await this.transactions.run((manager) => retryFailedMail(manager, id, this.clock()));
    if (changed) this.notify();
    return changed;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (!this.running) return;
    this.draining = true;
    this.wake = false;
    try {
      await this.exclusive(() => this.drain(() => this.running));
    } catch (error) {
      this.logger.error({ err: error }, 'outbox: could not read or claim mails; trying again at the next poll');
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

  private async claim(dueBy: Date): Promise<OutboxMessageEntity[]> {
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
  private async claimWith(manager: EntityManager, dueBy: Date): Promise<OutboxMessageEntity[]> {
    const due = sqlTime(dueBy);
    const select = (index: string, condition: string, order: string, limit: number): Promise<Array<{ id: string }>> =>
      manager.query(
        this.sqlite
          ? `SELECT id FROM ${OUTBOX_TABLE} WHERE ${condition} ORDER BY ${order} LIMIT ${limit}`
          : `SELECT id FROM ${OUTBOX_TABLE} FORCE INDEX (${index}) WHERE ${condition} ORDER BY ${order} LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
        [due],
      );
    const selected = await select('ix_outbox_due', `status = 'PENDING' AND next_attempt_at <= ?`, 'next_attempt_at', this.batchSize);
    if (selected.length < this.batchSize) {
      selected.push(
        ...(await select('ix_outbox_lease', `status = 'SENDING' AND claimed_until < ?`, 'claimed_until', this.batchSize - selected.length)),
      );
    }
    if (selected.length === 0) return [];
    const ids = selected.map((row) => row.id);
    const claimedUntil = new Date(this.clock().getTime() + this.leaseMs);
    await execute(
      manager,
      `UPDATE ${OUTBOX_TABLE} SET status = 'SENDING', claimed_by = ?, claimed_until = ?, attempts = attempts + 1
       WHERE id IN (${placeholders(ids.length)}) AND ${CLAIMABLE}`,
      [this.workerId, sqlTime(claimedUntil), ...ids, due, due],
    );
    const rows = await manager.find(OutboxMessageEntity, { where: { id: In(ids), claimedBy: this.workerId, status: 'SENDING' } });
    return rows.filter((row) => row.claimedUntil?.getTime() === claimedUntil.getTime());
  }

  /** Sends a claimed batch, `concurrency` at a time; resolves to the number sent. */
  private async deliverAll(rows: OutboxMessageEntity[]): Promise<number> {
    const queue = [...rows];
    let sent = 0;
    const lane = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) if (await this.deliver(row)) sent++;
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, lane));
    return sent;
  }

  /** Sends one claimed row and records the outcome; never throws (a lost write leaves the row to its lease). */
  private async deliver(row: OutboxMessageEntity): Promise<boolean> {
    const log = this.logger.child({ outboxMessageId: row.id, kind: row.kind, attempt: row.attempts });
    try {
      if (row.attempts > this.maxAttempts) {
        // reclaimed after its last attempt's claim ran out: that attempt never reported back
        await this.finish(row, 'FAILED', { lastError: 'no result within the lease (the sending process stopped?)' });
        log.error('outbox: mail FAILED: its last attempt never finished');
        return false;
      }
      try {
        await this.send(row);
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
        const failed = row.attempts >= this.maxAttempts;
        const retryAt = new Date(this.clock().getTime() + Math.max(1, this.backoff(row.attempts)));
        await this.finish(row, failed ? 'FAILED' : 'PENDING', { lastError: message, nextAttemptAt: retryAt });
        if (failed) log.error({ err: error }, 'outbox: mail FAILED after its last attempt');
        else log.warn({ err: error, retryAt }, 'outbox: sending failed; will retry');
        return false;
      }
      await this.finish(row, 'SENT', {});
      return true;
    } catch (error) {
      log.error({ err: error }, 'outbox: could not record the outcome of a mail; its claim will run out and it will be sent again');
      return false;
    }
  }

  private async send(row: OutboxMessageEntity): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the mail server within ${this.sendTimeoutMs} ms`)), this.sendTimeoutMs);
      timer.unref(); // the send itself keeps the process alive while it lasts
    });
    try {
      await Promise.race([
        this.mailer.send({
          to: row.toAddress,
          subject: row.subject,
          text: row.textBody,
          html: row.htmlBody,
          language: row.language,
          headers: row.headers,
          messageId: row.id,
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Records an attempt's outcome if the row is still this attempt's: claimed by this worker with
   * this attempt number (a claim that ran out may have been taken over, even by this worker).
   */
  private async finish(
    row: OutboxMessageEntity,
    status: 'SENT' | 'PENDING' | 'FAILED',
    outcome: { lastError?: string; nextAttemptAt?: Date },
  ): Promise<void> {
    const now = sqlTime(this.clock());
    const set: string[] = ['status = ?', 'claimed_by = NULL', 'claimed_until = NULL'];
    const values: unknown[] = [status];
    if (status === 'SENT') {
      set.push('sent_at = ?');
      values.push(now);
      if (BLANKED_WHEN_SENT.has(row.kind)) set.push(`text_body = ''`, `html_body = ''`);
    }
    if (outcome.lastError !== undefined) {
      set.push('last_error = ?');
      values.push(outcome.lastError);
    }
    if (outcome.nextAttemptAt) {
      set.push('next_attempt_at = ?');
      values.push(sqlTime(outcome.nextAttemptAt));
    }
    const changed = await this.transactions.run((manager) =>
      execute(
        manager,
        `UPDATE ${OUTBOX_TABLE} SET ${set.join(', ')} WHERE id = ? AND status = 'SENDING' AND claimed_by = ? AND attempts = ?`,
        [...values, row.id, this.workerId, row.attempts],
      ),
    );
    if (changed === 0) {
      this.logger.warn(
        { outboxMessageId: row.id, attempt: row.attempts, status },
        'outbox: a mail outlived its claim, which another attempt took over: it may be sent twice',
      );
    }
  }
}
