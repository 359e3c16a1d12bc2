import type { EntityManager } from 'typeorm';
import type { EventAudience } from '../access/event-audience';
import { AccessReason } from '../access/access.type';
import { AccountEntity, NotificationLevel, notificationLevelOf } from '../account/account.entity';
import { CommentVisibility } from '../conversation/ticket-comment.entity';
import type { TicketEntity } from '../ticket/ticket.entity';
import { NotificationEvent, NotificationReason } from './notification-mail';

/** Something that happened on a ticket, seen right after the change (conversation.md, "Notifications"). */
export interface TicketEvent {
  event: NotificationEvent;
  /** The ticket as the change left it (new status, new assignee). */
  ticket: TicketEntity;
  actorId: string | null;
  /** COMMENT_ADDED: the new comment (already written: "earlier comments" exclude it). */
  comment?: { id: string; visibility: CommentVisibility };
}

export interface Recipient {
  account: AccountEntity;
  reason: NotificationReason;
}

/**
 * Exactly the accounts conversation.md says are told about `e`, with why. Who may hear of the event
 * at all — sees the ticket (customers by `audienceOf`, the function behind `ticketAudience`; staff see
 * every ticket), reads the comment — comes from `audience` (access/event-audience.ts), the same that
 * decides webhooks' recipients; the levels and participation are decided here. Runs in the event's
 * transaction, on the state right after the change.
 */
export async function recipientsOf(db: EntityManager, e: TicketEvent, audience: EventAudience): Promise<Recipient[]> {
  const { ticket } = e;
  const commenters: Array<{ author_id: string; visibility: string }> = await db.query(
    `SELECT DISTINCT author_id, visibility FROM ticket_comment WHERE ticket_id = ?${e.comment ? ' AND id <> ?' : ''}`,
    e.comment ? [ticket.id, e.comment.id] : [ticket.id],
  );
  const publicAuthors = new Set(commenters.filter((c) => c.visibility === CommentVisibility.PUBLIC).map((c) => String(c.author_id)));
  const anyAuthors = new Set(commenters.map((c) => String(c.author_id)));
  const people = new Set([ticket.requesterId, ticket.assigneeId].filter((id): id is string => id !== null));

  const customerIds = [...audience.customers.keys()];
  const participantIds = [...new Set([...people, ...anyAuthors])];
  const accounts: AccountEntity[] = await db
    .createQueryBuilder(AccountEntity, 'a')
    .where('a.disabled = :no', { no: false })
    .andWhere(
      `(a.staff_role IS NOT NULL AND (a.notification_level = :all${participantIds.length ? ' OR a.id IN (:...participants)' : ''}))` +
        (customerIds.length ? ' OR (a.staff_role IS NULL AND a.id IN (:...customers))' : ''),
      { all: NotificationLevel.ALL, participants: participantIds, customers: customerIds },
    )
    .getMany();

  const recipients: Recipient[] = [];
  for (const account of accounts) {
    if (account.id === e.actorId) continue; // nobody is told about what they did themselves
    if (!audience.includes(account)) continue; // sees the ticket now and may read the comment
    const staff = account.staffRole !== null;
    const level = notificationLevelOf(account);
    if (level === NotificationLevel.NONE) continue;
    const participates = people.has(account.id) || (staff ? anyAuthors : publicAuthors).has(account.id);
    let reason: NotificationReason | null = null;
    if (e.event === NotificationEvent.ASSIGNED && account.id === ticket.assigneeId) reason = NotificationReason.NEW_ASSIGNEE;
    else if (participates) reason = NotificationReason.PARTICIPANT;
    else if (level === NotificationLevel.ALL && staff) reason = NotificationReason.STAFF_ALL;
    else if (level === NotificationLevel.ALL && audience.customers.get(account.id)!.some((g) => g.reason === AccessReason.COMPANY_WIDE))
      reason = NotificationReason.COMPANY_WIDE;
    if (reason) recipients.push({ account, reason });
  }
  return recipients.sort((a, b) => (a.account.id < b.account.id ? -1 : 1));
}
