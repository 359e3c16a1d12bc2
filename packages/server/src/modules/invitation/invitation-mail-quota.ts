import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { InvitationMailLimits } from '../../config';
import { DomainError, ErrorCode } from '../../shared/errors';
import { InvitationMailLogEntity } from './invitation-mail-log.entity';
import { certifyLocks } from '../../db/transactions';

const HOUR_MS = 3_600_000;

/** One invitation mail about to be written to the outbox. */
export interface InvitationMailQuotaSubject {
  invitationId: string;
  inviterId: string;
  emailNormalized: string;
}

const inMinutes = (ms: number) => {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
};

const rateLimited = (message: string) => new DomainError(ErrorCode.RATE_LIMITED, message);

/**
 * Waits for concurrent invitation mails of the same inviter or to the same address: one lock row
 * each, created on first use. MySQL's INSERT ... ON DUPLICATE KEY UPDATE locks the row exclusively
 * (a plain INSERT IGNORE then SELECT ... FOR UPDATE deadlocks when three wait at once). SQLite
 * serializes writing transactions anyway (db/transactions.ts).
 */
async function lockSubjects(manager: EntityManager, keys: string[]): Promise<void> {
  if (manager.connection.options.type === 'better-sqlite3') return;
  const sorted = [...new Set(keys)].sort(); // one global order: no deadlock between lockers
  await manager.query(
    `INSERT INTO invitation_mail_lock (lock_key) VALUES ${sorted.map(() => '(?)').join(', ')} ON DUPLICATE KEY UPDATE lock_key = lock_key`,
    sorted,
  );
  // an update that changes nothing is no write for Galera's certification: on a cluster, a real one
  await certifyLocks(
    manager,
    sorted.map((key) => `invitation_mail_lock:${key}`),
  );
}

/** The newest `limit` mails matching `column = value` since `since`, newest first. */
function recentMails(
  manager: EntityManager,
  column: 'inviter_id' | 'email_normalized' | 'invitation_id',
  value: string,
  since: Date,
  limit: number,
) {
  return manager
    .getRepository(InvitationMailLogEntity)
    .createQueryBuilder('m')
    .where(`m.${column} = :value AND m.created_at > :since`, { value, since })
    .orderBy('m.created_at', 'DESC')
    .limit(limit)
    .getMany();
}

/**
 * Counts one invitation mail against the limits (account-security.md "Guessing and abuse"), in the
 * caller's transaction, or throws RATE_LIMITED so that the transaction, and with it the invitation
 * change and the mail, rolls back. The counts are rows of `invitation_mail_log`, read after taking
 * the inviter's and the address's lock rows: every server process sharing the database shares them,
 * and two concurrent mails of one inviter (or to one address) are counted one after the other.
 */
export async function takeInvitationMailQuota(
  manager: EntityManager,
  limits: InvitationMailLimits,
  mail: InvitationMailQuotaSubject,
): Promise<void> {
  await lockSubjects(manager, [`inviter:${mail.inviterId}`, `address:${mail.emailNormalized}`]);
  const now = new Date(); // after the wait for the locks: rows are dated in the order they are counted
  const intervalMs = limits.resendIntervalSeconds * 1000;
  if (intervalMs > 0) {
    const [last] = await recentMails(manager, 'invitation_id', mail.invitationId, new Date(now.getTime() - intervalMs), 1);
    if (last) {
      const seconds = Math.max(1, Math.ceil((last.createdAt.getTime() + intervalMs - now.getTime()) / 1000));
      throw rateLimited(`This invitation was just sent; it can be sent again in ${seconds} second${seconds === 1 ? '' : 's'}`);
    }
  }
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  // the mail that frees a slot is the limit-th newest: once it is an hour old, one more may go out
  const toAddress = await recentMails(manager, 'email_normalized', mail.emailNormalized, hourAgo, limits.perAddressPerHour);
  if (toAddress.length >= limits.perAddressPerHour) {
    const wait = toAddress[limits.perAddressPerHour - 1].createdAt.getTime() + HOUR_MS - now.getTime();
    throw rateLimited(`This address got too many invitation emails in the last hour; try again in ${inMinutes(wait)}`);
  }
  const byInviter = await recentMails(manager, 'inviter_id', mail.inviterId, hourAgo, limits.perInviterPerHour);
  if (byInviter.length >= limits.perInviterPerHour) {
    const wait = byInviter[limits.perInviterPerHour - 1].createdAt.getTime() + HOUR_MS - now.getTime();
    throw rateLimited(`You sent too many invitation emails in the last hour; try again in ${inMinutes(wait)}`);
  }
  await manager.insert(InvitationMailLogEntity, { id: uuidv7(), ...mail, createdAt: now });
  // rows nobody counts any more, of the two subjects whose locks this transaction holds
  const stale = new Date(now.getTime() - Math.max(HOUR_MS, intervalMs));
  for (const [column, value] of [
    ['inviter_id', mail.inviterId],
    ['email_normalized', mail.emailNormalized],
  ]) {
    await manager
      .createQueryBuilder()
      .delete()
      .from(InvitationMailLogEntity)
      .where(`${column} = :value AND created_at < :stale`, { value, stale })
      .execute();
  }
}
