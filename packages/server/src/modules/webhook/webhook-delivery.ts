import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Config } from '../../config';
import { postJson, signatureOf, type PostOutcome } from '../../infrastructure/egress';
import { enqueueMail, OutboxChannel, OutboxEngine, OutboxEngineOptions, RecordedOutcome, sqlTime } from '../../infrastructure/outbox';
import { newId } from '../../shared/ids';
import { AccountEntity } from '../account/account.entity';
import { auditTarget, recordSystemEvent } from '../audit/audit.service';
import { webhookDisabledMail } from './webhook-mail';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookDisabledReason, WebhookEntity, WebhookEvent } from './webhook.entity';

/** integration.md: retried with backoff for 24 hours; after 24 hours or 50 consecutive failures the webhook is disabled. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
export const FAILURES_TO_DISABLE = 50;
/** Any 2xx within 10 s is success. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** A claimed delivery with what sending it needs: its webhook's URL and sealed secret. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  claimedUntil: Date | null;
  webhookId: string;
  event: WebhookEvent;
  payload: string;
  giveUpAt: Date | null;
  url: string;
  secretSealed: string;
  /** The webhook's run of failures as the claim found it: a success after none has nothing to reset. */
  failing: boolean;
}

export interface WebhookWorkerOptions extends OutboxEngineOptions {
  /** `webhooks` (the egress policy, read at every delivery) and `publicUrl` (the disabling mail's link). */
  config: Pick<Config, 'webhooks' | 'publicUrl'>;
  /** Opens the sealed signing secrets (infrastructure/secrets). */
  secrets: { open(sealed: string): string };
  /** Wakes the mail outbox after a transaction that enqueued a "webhook turned off" mail committed. */
  mailOutbox: { notify(): void };
}

/**
 * The webhook outbox as a channel of the outbox engine (infrastructure/outbox): rows of
 * `webhook_delivery`, each POSTed signed to its webhook's URL through the egress guard, every attempt
 * recorded (`webhook_attempt`), the webhook's run of failures counted and, past 24 hours or 50
 * failures, the webhook turned off and its owner mailed, in the transaction that records the attempt.
 */
class WebhookChannel implements OutboxChannel<ClaimedDelivery, PostOutcome> {
  readonly noun = 'webhook delivery';
  readonly peer = 'the webhook receiver';
  readonly table = 'webhook_delivery';
  readonly dueIndex = 'ix_webhook_delivery_due';
  readonly leaseIndex = 'ix_webhook_delivery_lease';
  /**
   * Only deliveries of active webhooks, and per webhook and ticket in order: a delivery waits while
   * an earlier one of the same ticket to the same webhook is pending or being sent (retries included).
   */
  readonly claimCondition = `EXISTS (SELECT 1 FROM webhook w WHERE w.id = q.webhook_id AND w.active = 1)
    AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.webhook_id = q.webhook_id AND e.ticket_id = q.ticket_id
                    AND e.event_seq < q.event_seq AND e.status IN ('PENDING', 'SENDING'))`;

  constructor(private readonly options: WebhookWorkerOptions) {}

  async load(manager: EntityManager, ids: string[], workerId: string): Promise<ClaimedDelivery[]> {
    const rows = await manager.find(WebhookDeliveryEntity, { where: { id: In(ids), claimedBy: workerId, status: 'SENDING' } });
    if (rows.length === 0) return [];
    const hooks = await manager.find(WebhookEntity, { where: { id: In([...new Set(rows.map((r) => r.webhookId))]) } });
    const byId = new Map(hooks.map((h) => [h.id, h]));
    return rows.flatMap((row) => {
      const hook = byId.get(row.webhookId);
      if (!hook) return []; // deleted meanwhile: its rows go with it
      return [
        { ...row, url: hook.url, secretSealed: hook.secretSealed, failing: hook.consecutiveFailures > 0 || hook.failingSince !== null },
      ];
    });
  }

  /** One POST: the stored body, signed, through the egress guard as the policy stands now (never throws). */
  send(row: ClaimedDelivery): Promise<PostOutcome> {
    const secret = this.options.secrets.open(row.secretSealed);
    const headers = {
      'X-Clientele-Event': row.event,
      'X-Clientele-Delivery': row.id,
      'X-Clientele-Signature': signatureOf(secret, row.payload),
    };
    return postJson(row.url, row.payload, headers, this.options.config.webhooks, { timeoutMs: DELIVERY_TIMEOUT_MS });
  }

  /** Retries end 24 hours after the first attempt. */
  givesUp(row: ClaimedDelivery, now: Date): boolean {
    return row.giveUpAt !== null && now.getTime() >= row.giveUpAt.getTime();
  }

  /** The first attempt sets when retries end (with the outcome, in the same statement). */
  outcomeAssignments(_row: ClaimedDelivery, at: Date) {
    return { set: ['give_up_at = COALESCE(give_up_at, ?)'], values: [sqlTime(new Date(at.getTime() + RETRY_WINDOW_MS))] };
  }

  async recorded(manager: EntityManager, row: ClaimedDelivery, outcome: RecordedOutcome<PostOutcome>): Promise<(() => void) | void> {
    const at = outcome.at;
    const succeeded = outcome.status === 'SENT';
    const attempt: WebhookAttemptEntity = {
      id: newId('WebhookAttempt'),
      deliveryId: row.id,
      webhookId: row.webhookId,
      event: row.event,
      attemptedAt: at,
      responseStatus: outcome.result?.status ?? null,
      durationMs: outcome.result?.durationMs ?? null,
      error: succeeded ? null : (outcome.error ?? 'failed').slice(0, 2000),
      succeeded,
      responseExcerpt: outcome.result?.responseExcerpt ?? '',
    };
    await manager.insert(WebhookAttemptEntity, attempt);
    if (succeeded) {
      // a success ends the run of failures (a run that began after the claim read none ends with the next success)
      if (row.failing)
        await manager.query(`UPDATE webhook SET consecutive_failures = 0, failing_since = NULL WHERE id = ?`, [row.webhookId]);
      return;
    }
    await manager.query(
      `UPDATE webhook SET consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, ?) WHERE id = ?`,
      [sqlTime(at), row.webhookId],
    );
    const hook = await manager.findOneBy(WebhookEntity, { id: row.webhookId });
    if (!hook?.active) return;
    const reason =
      hook.consecutiveFailures >= FAILURES_TO_DISABLE
        ? WebhookDisabledReason.CONSECUTIVE_FAILURES
        : hook.failingSince && at.getTime() - hook.failingSince.getTime() >= RETRY_WINDOW_MS
          ? WebhookDisabledReason.FAILED_FOR_24_HOURS
          : null;
    if (reason) return this.disable(manager, hook, reason, attempt.error ?? '', at);
  }

  /** Turns the webhook off (its waiting deliveries with it), records why, and mails its owner; all in the attempt's transaction. */
  private async disable(manager: EntityManager, hook: WebhookEntity, reason: WebhookDisabledReason, lastError: string, at: Date) {
    await manager.query(`UPDATE webhook SET active = 0, disabled_reason = ?, disabled_at = ? WHERE id = ?`, [reason, sqlTime(at), hook.id]);
    await cancelWaitingDeliveries(manager, hook.id, 'the webhook was turned off after failing deliveries');
    await recordSystemEvent(manager, 'webhook.disable', auditTarget.webhook(hook), { active: true }, { active: false, reason });
    const owner = await manager.findOneBy(AccountEntity, { id: hook.accountId });
    if (!owner || owner.disabled) return;
    await enqueueMail(
      manager,
      webhookDisabledMail({
        webhookId: hook.id,
        url: hook.url,
        reason: reason as Exclude<WebhookDisabledReason, WebhookDisabledReason.DEACTIVATED>,
        lastError,
        disabledAt: at,
        owner,
        publicUrl: this.options.config.publicUrl,
      }),
    );
    return () => this.options.mailOutbox.notify();
  }
}

/** A webhook that is off sends nothing more: its PENDING deliveries end FAILED with `why` (redeliverWebhookDelivery sends one again). */
export async function cancelWaitingDeliveries(manager: EntityManager, webhookId: string, why: string): Promise<void> {
  await manager.query(`UPDATE webhook_delivery SET status = 'FAILED', last_error = ? WHERE webhook_id = ? AND status = 'PENDING'`, [
    why,
    webhookId,
  ]);
}

/**
 * Delivers webhook deliveries (integration.md, "Webhooks") with the outbox engine: the claim, lease,
 * backoff and at-least-once of the mail outbox, by one code. Beside the mail outbox's worker in app.ts.
 */
export class WebhookWorker extends OutboxEngine<ClaimedDelivery, PostOutcome> {
  constructor(options: WebhookWorkerOptions) {
    super(new WebhookChannel(options), {
      // retries stop by time (24 h after the first attempt), not by count; this only bounds a row that keeps crashing its sender
      maxAttempts: 1_000,
      // a POST has 10 s; the engine's own limit only catches a send that never returns
      sendTimeoutMs: DELIVERY_TIMEOUT_MS + 5_000,
      concurrency: 8,
      ...options,
    });
  }
}

/** Attempts and finished deliveries are kept 30 days (docs/decisions.md "Issue 15: webhooks"). */
export const HISTORY_DAYS = 30;

/** Deletes attempts and finished deliveries older than HISTORY_DAYS; every process may (a DELETE by age is idempotent). */
export async function pruneWebhookHistory(db: EntityManager, now = new Date()): Promise<void> {
  const before = sqlTime(new Date(now.getTime() - HISTORY_DAYS * 86_400_000));
  await db.query(`DELETE FROM webhook_attempt WHERE attempted_at < ?`, [before]);
  await db.query(`DELETE FROM webhook_delivery WHERE created_at < ? AND status IN ('SENT', 'FAILED')`, [before]);
}
