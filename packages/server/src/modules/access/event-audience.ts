import type { EntityManager } from 'typeorm';
import { CommentVisibility } from '../conversation/ticket-comment.entity';
import type { TicketEntity } from '../ticket/ticket.entity';
import { audienceOf } from './access.service';
import type { Grant } from './access.type';

/** An account as the event's transaction read it. */
export interface AudienceCandidate {
  id: string;
  staffRole: string | null;
  disabled: boolean | number;
}

/**
 * Who may hear of an event on a ticket, right after the change: who sees the ticket by any grant and,
 * for a comment, may read it. Read once per event and shared by notification mails
 * (notification/recipients.ts) and webhooks (webhook/webhook-fanout.ts): one definition of "who is told".
 */
export interface EventAudience {
  /** Customers who see the ticket now, with every grant (access.service `audienceOf`); none for an INTERNAL comment. */
  readonly customers: ReadonlyMap<string, Grant[]>;
  /** Whether `account` may hear of the event: not disabled, and staff (who see every ticket) or a customer of `customers`. */
  includes(account: AudienceCandidate): boolean;
}

/**
 * access-model.md and conversation.md: an enabled staff account sees every ticket and reads every
 * comment; a customer sees the ticket by a grant (`audienceOf`, the function behind `ticketAudience`)
 * and reads only PUBLIC comments. Evaluated on the state right after the change.
 */
export async function eventAudience(
  db: EntityManager,
  ticket: TicketEntity,
  comment?: { visibility: CommentVisibility } | null,
): Promise<EventAudience> {
  const internal = comment?.visibility === CommentVisibility.INTERNAL;
  const customers = new Map(internal ? [] : (await audienceOf(db, ticket)).map((a) => [a.accountId, a.grants]));
  return {
    customers,
    includes: (account) =>
      !(account.disabled === true || Number(account.disabled) === 1) && (account.staffRole != null || customers.has(account.id)),
  };
}
