import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OutboxRowColumns } from './outbox-row.columns';

/** What a mail is for; INVITATION mails carry a secret link and lose their bodies once sent. */
export type OutboxMailKind = 'INVITATION' | 'NOTIFICATION' | 'PASSWORD_RESET' | 'ACCOUNT_SETUP' | 'WEBHOOK_DISABLED';

export type { OutboxStatus } from './outbox-row.columns';

/**
 * One outgoing mail, written in the transaction of the change that causes it and delivered by
 * OutboxWorker (src/infrastructure/outbox/README.md). Rows are written and claimed with
 * hand-written SQL; the entity serves reads.
 */
@Entity('outbox_message')
export class OutboxMessageEntity extends OutboxRowColumns {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: OutboxMailKind;

  /** Unique: a second enqueue of the same key (e.g. `<eventId>:<recipientAccountId>`) is ignored. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191 })
  dedupeKey: string;

  @Column({ name: 'recipient_account_id', type: 'varchar', length: 36, nullable: true })
  recipientAccountId: string | null;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ type: 'varchar', length: 35 })
  language: string;

  @Column({ type: 'varchar', length: 998 })
  subject: string;

  /** Empty once an INVITATION is sent (it held the secret link). */
  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text' })
  htmlBody: string;

  /** Extra mail headers (X-Clientele-Event, X-Clientele-Ticket, List-Unsubscribe, ...), JSON in a text column. */
  @Column({ type: 'simple-json' })
  headers: Record<string, string>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  event: string | null;

  @Column({ name: 'ticket_id', type: 'varchar', length: 36, nullable: true })
  ticketId: string | null;
}
