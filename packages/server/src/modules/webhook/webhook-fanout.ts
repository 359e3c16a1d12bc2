import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { insertOutboxRows, sqlTime } from '../../infrastructure/outbox';
import { newId } from '../../shared/ids';
import { isoString } from '../../shared/iso-date';
import type { EventAudience } from '../access/event-audience';
import type { CommentVisibility } from '../conversation/ticket-comment.entity';
import type { TicketEntity } from '../ticket/ticket.entity';
import { WebhookEvent } from './webhook.entity';

/** One change of a ticket, as webhooks hear of it: its events in order (a reply that reopens: COMMENT_ADDED, then TICKET_UPDATED). */
export interface WebhookFanout {
  events: WebhookEvent[];
  /** The ticket as the change left it. */
  ticket: TicketEntity;
  /** COMMENT_ADDED: the comment (in its payload only). */
  comment?: { id: string; body: string; visibility: CommentVisibility; authorId: string; createdAt: Date } | null;
  /** Who may hear of it (access/event-audience.ts): the notifications' own audience of the same event. */
  audience: EventAudience;
}

interface Candidate {
  id: string;
  account_id: string;
  events: string;
  staff_role: string | null;
  disabled: unknown;
}

const COLUMNS = [
  'id',
  'webhook_id',
  'event_id',
  'event',
  'ticket_id',
  'event_seq',
  'payload',
  'status',
  'attempts',
  'next_attempt_at',
  'created_at',
];

/**
 * The webhooks an event reaches (integration.md): active, subscribed to the event, owned by an
 * account the audience includes — not disabled, sees the ticket now by any grant, reads the comment
 * (INTERNAL: staff only) — and, when narrowed to a company, the ticket is in that company's subtree.
 * The owner's own actions count too. One statement: staff owners by ix_account_staff, customer
 * owners among the audience by ix_webhook_account, the subtree by the ticket's closure rows.
 */
async function candidatesOf(db: EntityManager, ticket: TicketEntity, audience: EventAudience): Promise<Candidate[]> {
  const customers = [...audience.customers.keys()];
  const inSubtree = `(w.company_id IS NULL OR w.company_id IN (SELECT cc.ancestor_id FROM company_closure cc WHERE cc.descendant_id = ?))`;
  const columns = 'w.id, w.account_id, w.events, a.staff_role, a.disabled';
  const staff = `SELECT ${columns} FROM account a JOIN webhook w ON w.account_id = a.id
     WHERE a.staff_role IS NOT NULL AND a.disabled = 0 AND w.active = 1 AND ${inSubtree}`;
  if (customers.length === 0) return db.query(staff, [ticket.companyId]);
  return db.query(
    `${staff}
     UNION ALL
     SELECT ${columns} FROM webhook w JOIN account a ON a.id = w.account_id
     WHERE w.account_id IN (${customers.map(() => '?').join(', ')}) AND w.active = 1 AND a.staff_role IS NULL AND a.disabled = 0 AND ${inSubtree}`,
    [ticket.companyId, ...customers, ticket.companyId],
  );
}

/**
 * The ticket and comment as their readers read them through the API (every reader of one event
 * reads the same fields), in the envelope `{ id, event, occurredAt, ticket, comment }`.
 */
function payloadOf(deliveryId: string, event: WebhookEvent, change: WebhookFanout): string {
  const { ticket } = change;
  // the comment belongs to COMMENT_ADDED only (a reopening's TICKET_UPDATED is about the ticket)
  const comment = event === WebhookEvent.COMMENT_ADDED ? change.comment : null;
  const occurredAt = comment?.createdAt ?? ticket.updatedAt;
  const rest = JSON.stringify({
    event,
    occurredAt: isoString(occurredAt),
    ticket: {
      id: ticket.id,
      title: ticket.title,
      status: ticket.status,
      companyId: ticket.companyId,
      requesterId: ticket.requesterId,
      assigneeId: ticket.assigneeId,
      createdAt: isoString(ticket.createdAt),
      updatedAt: isoString(ticket.updatedAt),
    },
    comment: comment
      ? {
          id: comment.id,
          body: comment.body,
          visibility: comment.visibility,
          authorId: comment.authorId,
          createdAt: isoString(comment.createdAt),
        }
      : null,
  });
  return `{"id":${JSON.stringify(deliveryId)},${rest.slice(1)}`;
}

/**
 * Writes one delivery row per (event, reached webhook) in the event's transaction `db` — a rollback
 * sends nothing — as one multi-row INSERT (up to 200 rows a statement). The rows of one event share
 * an event id and get the ticket's next event numbers: the worker delivers a webhook's deliveries of
 * one ticket in that order. Returns how many were written (the caller wakes the worker after the commit).
 */
export async function enqueueWebhookDeliveries(db: EntityManager, change: WebhookFanout): Promise<number> {
  if (change.events.length === 0) return 0;
  const candidates = await candidatesOf(db, change.ticket, change.audience);
  const reached = change.events.map((event) =>
    candidates.filter(
      (c) =>
        c.events.split(',').includes(event) &&
        change.audience.includes({ id: String(c.account_id), staffRole: c.staff_role, disabled: c.disabled as boolean }),
    ),
  );
  if (reached.every((hooks) => hooks.length === 0)) return 0;
  // the ticket's events are serialized by its row lock (or, for a new ticket, are its first)
  const [last] = (await db.query(`SELECT MAX(event_seq) AS seq FROM webhook_delivery WHERE ticket_id = ?`, [change.ticket.id])) as Array<{
    seq: unknown;
  }>;
  const firstSeq = Number(last?.seq ?? 0) + 1;
  const now = sqlTime(new Date());
  const rows: unknown[][] = [];
  change.events.forEach((event, i) => {
    const eventId = `evt_${uuidv7().replace(/-/g, '')}`;
    for (const hook of reached[i]) {
      const id = newId('WebhookDelivery');
      rows.push([
        id,
        String(hook.id),
        eventId,
        event,
        change.ticket.id,
        firstSeq + i,
        payloadOf(id, event, change),
        'PENDING',
        0,
        now,
        now,
      ]);
    }
  });
  return insertOutboxRows(db, 'webhook_delivery', COLUMNS, rows, (row) => Buffer.byteLength(row[6] as string));
}
