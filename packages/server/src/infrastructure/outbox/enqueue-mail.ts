import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { OutboxMailKind } from './outbox-message.entity';
import { execute, isSqlite, OUTBOX_TABLE, sqlTime, valuesList } from './outbox-sql';

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

// a statement stays well under MariaDB's default max_allowed_packet (16 MiB)
const MAX_ROWS_PER_STATEMENT = 200;
const MAX_BODY_BYTES_PER_STATEMENT = 4 * 1024 * 1024;

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
  const sqlite = isSqlite(manager);
  let added = 0;
  for (let start = 0; start < mails.length;) {
    const values: unknown[] = [];
    let rows = 0;
    let bytes = 0;
    for (; start < mails.length && rows < MAX_ROWS_PER_STATEMENT; start++, rows++) {
      const mail = mails[start];
      const size = Buffer.byteLength(mail.text) + Buffer.byteLength(mail.html);
      if (rows > 0 && bytes + size > MAX_BODY_BYTES_PER_STATEMENT) break;
      bytes += size;
      values.push(
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
      );
    }
    const insert = `INTO ${OUTBOX_TABLE} (${COLUMNS.join(', ')}) VALUES ${valuesList(rows, COLUMNS.length)}`;
    // after check() a duplicate dedupe key is the one error left to ignore
    added += await execute(manager, sqlite ? `INSERT ${insert} ON CONFLICT (dedupe_key) DO NOTHING` : `INSERT IGNORE ${insert}`, values);
  }
  return added;
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
