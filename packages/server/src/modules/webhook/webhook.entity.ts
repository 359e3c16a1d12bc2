import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OutboxRowColumns } from '../../infrastructure/outbox';

/** integration.md, `WebhookEvent`. */
export enum WebhookEvent {
  TICKET_CREATED = 'TICKET_CREATED',
  /** The title, status or assignee changed. */
  TICKET_UPDATED = 'TICKET_UPDATED',
  COMMENT_ADDED = 'COMMENT_ADDED',
}

/** Why a webhook is off: turned off by a person, or by the worker after its deliveries kept failing. */
export enum WebhookDisabledReason {
  DEACTIVATED = 'DEACTIVATED',
  FAILED_FOR_24_HOURS = 'FAILED_FOR_24_HOURS',
  CONSECUTIVE_FAILURES = 'CONSECUTIVE_FAILURES',
}

/** A subscription of an account's integration to ticket events (integration.md, "Webhooks"). */
@Entity('webhook')
export class WebhookEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The owner: deliveries carry what this account sees. */
  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** Comma-separated WebhookEvent values, sorted. */
  @Column({ type: 'varchar', length: 255 })
  events: string;

  /** Narrows the webhook to this company's subtree (like an API token's restriction). */
  @Column({ name: 'company_id', type: 'varchar', length: 36, nullable: true })
  companyId: string | null;

  /** The signing secret, sealed with SECRET_KEY (infrastructure/secrets): it must be read to sign. Never a @Field. */
  @Column({ name: 'secret_sealed', type: 'varchar', length: 255 })
  secretSealed: string;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 32, nullable: true })
  disabledReason: WebhookDisabledReason | null;

  @Column({ name: 'disabled_at', type: 'datetime', precision: 3, nullable: true })
  disabledAt: Date | null;

  /** Failed attempts since the last success; 50 turn the webhook off. */
  @Column({ name: 'consecutive_failures', type: 'int' })
  consecutiveFailures: number;

  /** When the current run of failures began (null after a success); 24 hours of it turn the webhook off. */
  @Column({ name: 'failing_since', type: 'datetime', precision: 3, nullable: true })
  failingSince: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/**
 * One event for one webhook: a row of the webhook outbox, written in the event's transaction with
 * its payload, delivered by the outbox engine (webhook-delivery.ts). Rows are written and claimed
 * with hand-written SQL; the entity serves reads. The engine's columns (status, claim, attempts)
 * come from OutboxRowColumns.
 */
@Entity('webhook_delivery')
export class WebhookDeliveryEntity extends OutboxRowColumns {
  /** Also the payload's `id` and X-Clientele-Delivery: the same for every attempt. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'webhook_id', type: 'varchar', length: 36 })
  webhookId: string;

  /** One id per event: its deliveries to different webhooks share it. */
  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @Column({ type: 'varchar', length: 32 })
  event: WebhookEvent;

  @Column({ name: 'ticket_id', type: 'varchar', length: 36 })
  ticketId: string;

  /** Order of the ticket's events (per ticket, increasing): a webhook gets one ticket's deliveries in this order. */
  @Column({ name: 'event_seq', type: 'int' })
  eventSeq: number;

  /** The JSON body, exactly as sent and signed. */
  @Column({ type: 'text' })
  payload: string;

  /** 24 hours after its first attempt (null before it): a failure after it is the last. */
  @Column({ name: 'give_up_at', type: 'datetime', precision: 3, nullable: true })
  giveUpAt: Date | null;
}

/** One HTTP attempt of a delivery, as `Webhook.deliveries` lists it. Kept 30 days. */
@Entity('webhook_attempt')
export class WebhookAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'delivery_id', type: 'varchar', length: 36 })
  deliveryId: string;

  @Column({ name: 'webhook_id', type: 'varchar', length: 36 })
  webhookId: string;

  @Column({ type: 'varchar', length: 32 })
  event: WebhookEvent;

  @Column({ name: 'attempted_at', type: 'datetime', precision: 3 })
  attemptedAt: Date;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  error: string | null;

  @Column({ type: 'boolean' })
  succeeded: boolean;

  /** At most ~1 KB of the answer (infrastructure/egress). */
  @Column({ name: 'response_excerpt', type: 'text' })
  responseExcerpt: string;
}
