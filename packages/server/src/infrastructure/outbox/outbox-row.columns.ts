import { Column } from 'typeorm';

/** PENDING (due at `nextAttemptAt`) -> SENDING (claimed, leased until `claimedUntil`) -> SENT, or back to PENDING, or FAILED. */
export type OutboxStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/**
 * The columns the outbox engine claims, leases and finishes by (outbox-engine.ts), once for every
 * outbox table: an outbox entity extends this class and adds what it delivers.
 */
export abstract class OutboxRowColumns {
  @Column({ type: 'varchar', length: 16 })
  status: OutboxStatus;

  /** Claims so far (a crashed attempt counts too). */
  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  @Column({ name: 'claimed_by', type: 'varchar', length: 100, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_until', type: 'datetime', precision: 3, nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;
}
