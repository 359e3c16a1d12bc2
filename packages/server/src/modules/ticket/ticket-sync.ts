import type { RequestContext } from '../../kernel/request-context';
import type { SqlCondition } from '../../shared/sql-condition';
import { TicketEntity } from './ticket.entity';

/*
 * Incremental sync without gaps (integration.md "Incremental sync"; docs/decisions.md "Issue 15:
 * incremental sync"). A writer stamps `updated_at` with its clock inside its transaction, but
 * transactions commit in their own order: on MariaDB a change stamped t1 can commit after one
 * stamped t2 > t1 that a client has already read, and a cursor past t2 would never return it.
 *
 * Two halves close the gap:
 * - readers (`settledCondition`): `tickets(orderBy: UPDATED_AT_ASC)` lists only tickets whose
 *   `updated_at` is at least SYNC_SETTLE_MS old; younger ones wait for a later page;
 * - writers (`stampTicketChange`): a transaction whose stamp has grown older than a quarter of
 *   that time (at most RENEW_AFTER_MS) by the end of its work writes a fresh one as its last
 *   statement before COMMIT.
 * So a change becomes visible at most (COMMIT's duration + clock skew between servers) after its
 * stamp, and SYNC_SETTLE_MS minus the renewal age is what that may take before a cursor could pass it.
 */

/** A stamp older than this at the end of its transaction's work is renewed (a quarter of the settle time if that is less). */
export const RENEW_AFTER_MS = 250;

/** How old a stamp may be at the end of its transaction's work before it is renewed. */
export function renewAfterMs(settleMs: number): number {
  return Math.min(RENEW_AFTER_MS, Math.floor(settleMs / 4));
}

/** The `updatedAt` of a change of a ticket last changed at `previous`: now, and always later than before. */
export function changeStamp(previous: Date | null, now = new Date()): Date {
  return previous && previous.getTime() >= now.getTime() ? new Date(previous.getTime() + 1) : now;
}

/**
 * `ticket` changes in `tx` (its `updatedAt` already set and written by the caller): if the stamp
 * is no longer fresh when the transaction's work ends, it is written again, right before COMMIT.
 * The entity carries the stamp that is committed.
 */
export function stampTicketChange(tx: RequestContext, ticket: TicketEntity): void {
  const { settleMs } = tx.deps.config.sync;
  if (settleMs === 0) return; // no horizon (SYNC_SETTLE_MS=0): nothing a renewal could keep
  const renewAfter = renewAfterMs(settleMs);
  tx.beforeCommit(`ticket-updated-at:${ticket.id}`, async () => {
    const stamped = ticket.updatedAt.getTime();
    const now = Date.now();
    if (now - stamped <= renewAfter) return;
    const renewed = new Date(Math.max(now, stamped + 1));
    await tx.db.update(TicketEntity, { id: ticket.id }, { updatedAt: renewed });
    ticket.updatedAt = renewed;
  });
}

/**
 * The condition of an UPDATED_AT_ASC page: tickets changed at least SYNC_SETTLE_MS ago, by this
 * server's clock (`now`: for tests).
 */
export function settledCondition(ctx: RequestContext, alias: string, now = Date.now()): SqlCondition {
  return { sql: `${alias}.updated_at <= :settledAt`, params: { settledAt: new Date(now - ctx.deps.config.sync.settleMs) } };
}
