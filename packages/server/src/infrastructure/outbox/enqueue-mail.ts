import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { OutboxMailKind } from './outbox-message.entity';
import { execute, insertOutboxRows, OUTBOX_TABLE, sqlTime } from './outbox-sql';

/** A mail to deliver after the caller's transaction commits. */
export interface OutboxMailInput {
  kind: OutboxMailKind;
  /** At most one mail per key, ever: `<eventId>:<recipientAccountId>` makes delivery deduplicated per (event, recipient). */
  dedupeKey: string;
  recipientAccountId?: string | null;
  to: string;
  language: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers: X-Clientele-Event, X-Clientele-Ticket, List-Unsubscribe, ... */
  headers?: Record<string, string>;
  event?: string | null;
  ticketId?: string | null;
}

const COLUMNS = [
  'id',
  'kind',
  'dedupe_key',
  'recipient_account_id',
  'to_address',
  'language',
  'subject',
  'text_body',
  'html_body',
  'headers',
  'event',
  'ticket_id',
  'status',
  'attempts',
  'next_attempt_at',
  'created_at',
];

// what the columns hold, checked before the INSERT: MySQL's INSERT IGNORE would truncate instead of failing
const LIMITS: Array<[keyof OutboxMailInput, number]> = [
  ['kind', 32],
  ['dedupeKey', 191],
  ['recipientAccountId', 36],
  ['to', 254],
  ['language', 35],
  ['subject', 998],
  ['event', 64],
  ['ticketId', 36],
];

const HEADER_NAME = /^[!-9;-~]+$/; // RFC 5322 field name: printable ASCII but ':'

/**
 * `out_<uuidv7 hex>`, the shape of src/shared/ids.ts ids. Outbox rows are not GraphQL nodes (yet);
 * when they become one, `OutboxMessage: 'out'` joins ID_PREFIX there and newId replaces this.
 */
export function newOutboxMessageId(): string {
  return `out_${uuidv7().replace(/-/g, '')}`;
}

function check(mail: OutboxMailInput): void {
  for (const [field, max] of LIMITS) {
    const value = mail[field];
    if (typeof value === 'string' && value.length > max) throw new Error(`outbox mail ${field} is longer than ${max} characters`);
  }
  if (!mail.dedupeKey) throw new Error('outbox mail needs a dedupeKey');
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!HEADER_NAME.test(name) || /[\r\n]/.test(value))
      throw new Error(`outbox mail header ${JSON.stringify(name)} is not a valid header`);
  }
}

/**
 * Writes mails to the outbox with `manager` — the caller's transaction: a rollback sends none.
 * A mail whose dedupe key is already in the outbox is skipped. Returns how many were added.
 * One INSERT for up to 200 mails (a comment to 50 recipients is one statement).
 */
export async function enqueueMails(manager: EntityManager, mails: readonly OutboxMailInput[]): Promise<number> {
  mails.forEach(check);
  const now = sqlTime(new Date());
  const rows = mails.map((mail) => [
    newOutboxMessageId(),
    mail.kind,
    mail.dedupeKey,
    mail.recipientAccountId ?? null,
    mail.to,
    mail.language,
    mail.subject,
    mail.text,
    mail.html,
    JSON.stringify(mail.headers ?? {}),
    mail.event ?? null,
    mail.ticketId ?? null,
    'PENDING',
    0,
    now,
    now,
  ]);
  const bodies = (row: readonly unknown[]) => Buffer.byteLength(row[7] as string) + Buffer.byteLength(row[8] as string);
  // after check() a duplicate dedupe key is the one error left to ignore
  return insertOutboxRows(manager, OUTBOX_TABLE, COLUMNS, rows, bodies, 'dedupe_key');
}

/** Writes one mail to the outbox in the caller's transaction; false when its dedupe key was already there. */
export async function enqueueMail(manager: EntityManager, mail: OutboxMailInput): Promise<boolean> {
  return (await enqueueMails(manager, [mail])) === 1;
}

/** A FAILED mail back to PENDING, due now, its attempts counted afresh (its last error kept); false when it was not FAILED. */
export async function retryFailedMail(manager: EntityManager, id: string, now: Date): Promise<boolean> {
  const changed = await execute(
    manager,
    `UPDATE ${OUTBOX_TABLE} SET status = 'PENDING', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'FAILED'`,
    [sqlTime(now), id],
  );
  return changed > 0;
}
