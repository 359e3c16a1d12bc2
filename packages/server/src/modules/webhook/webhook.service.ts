import { randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import { lockForUpdate } from '../../db/transactions';
import { checkOutboundUrl, EgressRefusedError } from '../../infrastructure/egress';
import { sqlTime } from '../../infrastructure/outbox';
import type { RequestContext } from '../../kernel/request-context';
import { conflict, invalidInput, notFound } from '../../shared/errors';
import { isIdOf, newId, typeOfId } from '../../shared/ids';
import { AuditService, auditTarget } from '../audit/audit.service';
import { CompanyService } from '../company/company.service';
import { cancelWaitingDeliveries } from './webhook-delivery';
import { enqueueWebhookDeliveries, WebhookFanout } from './webhook-fanout';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookDisabledReason, WebhookEntity } from './webhook.entity';
import { CreateWebhookInput } from './webhook.input';
import { canManageWebhooksOf, mayUseWebhooks } from './webhook.policy';

/** Webhooks one account may have (active or not): docs/api.md "Webhooks". */
export const WEBHOOKS_PER_ACCOUNT = 20;
/** `Webhook.deliveries(first)`: default and largest page of attempts. */
export const DELIVERIES_DEFAULT = 20;
export const DELIVERIES_MAX = 100;
/** Prefix of every signing secret, so secret scanners can recognise leaked ones. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

const auditView = (w: WebhookEntity) => ({ url: w.url, events: w.events.split(','), companyId: w.companyId, active: w.active });

export class WebhookService {
  constructor(
    private readonly audit: AuditService,
    private readonly companies: CompanyService,
  ) {}

  /**
   * Tells the webhooks a change reaches, in the change's transaction `tx` (called by
   * NotificationService.notify, which tells people about the same change with the same audience).
   * The rows are written as the transaction's last work, after the ticket's `updatedAt` is final
   * (ticket-sync.ts may renew it right before COMMIT): the payload carries what the API then reads.
   */
  async tell(tx: RequestContext, change: WebhookFanout): Promise<void> {
    if (change.events.length === 0) return;
    tx.beforeCommit(`webhooks:${change.ticket.id}:${change.events.join(',')}:${newId('WebhookDelivery')}`, async () => {
      const written = await enqueueWebhookDeliveries(tx.db, change);
      if (written > 0) tx.afterCommit(() => tx.deps.webhooks.notify());
    });
  }

  async create(ctx: RequestContext, input: CreateWebhookInput): Promise<{ webhook: WebhookEntity; secret: string }> {
    const url = input.url.trim();
    const events = [...input.events];
    if (new Set(events).size !== events.length) throw invalidInput('events must name each event at most once', ['input', 'events']);
    // a token restricted to a company makes webhooks of that company's subtree only (never wider than the token)
    const companyId = input.companyId ?? ctx.viewer!.apiToken?.companyId ?? null;
    if (companyId !== null) await this.companies.requireVisible(ctx, companyId, ['input', 'companyId']);
    await this.assertDeliverable(ctx, url, ['input', 'url']);
    const secret = `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
    const webhook: WebhookEntity = {
      id: newId('Webhook'),
      accountId: ctx.viewer!.account.id,
      url,
      events: events.sort().join(','),
      companyId,
      secretSealed: ctx.deps.secrets.seal(secret),
      active: true,
      disabledReason: null,
      disabledAt: null,
      consecutiveFailures: 0,
      failingSince: null,
      createdAt: new Date(),
    };
    return ctx.inTransaction(async (tx) => {
      // the account row is locked first: concurrent creations of one account count one after the other
      await lockForUpdate(tx.db, 'account', 'id', [webhook.accountId]);
      const count = await tx.db.countBy(WebhookEntity, { accountId: webhook.accountId });
      if (count >= WEBHOOKS_PER_ACCOUNT)
        throw conflict(`This account already has ${count} webhooks, the most it may have (${WEBHOOKS_PER_ACCOUNT}); delete one first`);
      await tx.db.insert(WebhookEntity, webhook);
      await this.audit.recordChange(tx, 'webhook.create', auditTarget.webhook(webhook), null, auditView(webhook));
      return { webhook, secret };
    });
  }

  /** On: deliveries resume for new events (its failure count starts over). Off: nothing more is sent, waiting deliveries included. */
  async setActive(ctx: RequestContext, id: string, active: boolean): Promise<{ webhook: WebhookEntity }> {
    const found = await this.findManageable(ctx, id, ['id']);
    // turning on checks the URL again, as creation did: the network rules may have changed since
    if (active && !found.active) await this.assertDeliverable(ctx, found.url, ['id']);
    return ctx.inTransaction(async (tx) => {
      await lockForUpdate(tx.db, 'webhook', 'id', [id]);
      const webhook = await tx.db.findOneBy(WebhookEntity, { id });
      if (!webhook) throw notFound('Webhook', ['id']);
      if (webhook.active === active) return { webhook };
      const before = auditView(webhook);
      const now = new Date();
      Object.assign(
        webhook,
        active
          ? { active, disabledReason: null, disabledAt: null, consecutiveFailures: 0, failingSince: null }
          : { active, disabledReason: WebhookDisabledReason.DEACTIVATED, disabledAt: now },
      );
      await tx.db.update(
        WebhookEntity,
        { id },
        {
          active: webhook.active,
          disabledReason: webhook.disabledReason,
          disabledAt: webhook.disabledAt,
          consecutiveFailures: webhook.consecutiveFailures,
          failingSince: webhook.failingSince,
        },
      );
      if (!active) await cancelWaitingDeliveries(tx.db, id, 'the webhook was turned off');
      await this.audit.recordChange(
        tx,
        active ? 'webhook.activate' : 'webhook.deactivate',
        auditTarget.webhook(webhook),
        before,
        auditView(webhook),
      );
      return { webhook };
    });
  }

  /** Deletes the webhook with its deliveries and their attempts. */
  async delete(ctx: RequestContext, id: string): Promise<{ deletedId: string }> {
    await this.findManageable(ctx, id, ['id']);
    return ctx.inTransaction(async (tx) => {
      await lockForUpdate(tx.db, 'webhook', 'id', [id]);
      const webhook = await tx.db.findOneBy(WebhookEntity, { id });
      if (!webhook) throw notFound('Webhook', ['id']);
      await tx.db.delete(WebhookAttemptEntity, { webhookId: id });
      await tx.db.delete(WebhookDeliveryEntity, { webhookId: id });
      await tx.db.delete(WebhookEntity, { id });
      await this.audit.recordChange(tx, 'webhook.delete', auditTarget.webhook(webhook), auditView(webhook), null);
      return { deletedId: id };
    });
  }

  /**
   * Queues a delivery's payload (the same body, id and signature) again, due now, with a fresh 24 hours
   * of retries; by an attempt's id (`WebhookDelivery.id`) or the delivery's (`deliveryId`, X-Clientele-Delivery).
   * It goes after the ticket's other deliveries to the webhook that are still waiting.
   */
  async redeliver(ctx: RequestContext, id: string): Promise<{ webhook: WebhookEntity }> {
    const type = typeOfId(id);
    if (type !== 'WebhookAttempt' && type !== 'WebhookDelivery') throw invalidInput('id is not a webhook delivery id', ['id']);
    const deliveryId =
      type === 'WebhookDelivery'
        ? id
        : ((await ctx.db.findOne(WebhookAttemptEntity, { where: { id }, select: { deliveryId: true } }))?.deliveryId ?? null);
    const delivery = deliveryId ? await ctx.db.findOneBy(WebhookDeliveryEntity, { id: deliveryId }) : null;
    if (!delivery) throw notFound('Webhook delivery', ['id']);
    await this.findManageable(ctx, delivery.webhookId, ['id'], 'Webhook delivery');
    return ctx.inTransaction(async (tx) => {
      // the ticket's lock orders this among the ticket's events (they number their deliveries under it)
      await lockForUpdate(tx.db, 'ticket', 'id', [delivery.ticketId]);
      const webhook = await tx.db.findOneBy(WebhookEntity, { id: delivery.webhookId });
      const current = await tx.db.findOneBy(WebhookDeliveryEntity, { id: delivery.id });
      if (!webhook || !current) throw notFound('Webhook delivery', ['id']);
      if (!webhook.active) throw conflict('This webhook is off: turn it on first', ['id']);
      if (current.status === 'SENDING') throw conflict('This delivery is being sent right now', ['id']);
      const [last] = (await tx.db.query(`SELECT MAX(event_seq) AS seq FROM webhook_delivery WHERE ticket_id = ?`, [
        current.ticketId,
      ])) as Array<{
        seq: unknown;
      }>;
      await tx.db.query(
        `UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?, give_up_at = NULL, event_seq = ? WHERE id = ?`,
        [sqlTime(new Date()), Number(last?.seq ?? 0) + 1, current.id],
      );
      await this.audit.recordChange(tx, 'webhook.redeliver', auditTarget.webhook(webhook), null, {
        deliveryId: current.id,
        event: current.event,
      });
      tx.afterCommit(() => tx.deps.webhooks.notify());
      return { webhook };
    });
  }

  /** `Account.webhooks`: the account itself and staff ADMIN (null for anyone else); newest first. */
  async listOfAccount(ctx: RequestContext, accountId: string): Promise<WebhookEntity[] | null> {
    if (!canManageWebhooksOf(ctx, accountId)) return null;
    const rows = await ctx.db.find(WebhookEntity, { where: { accountId }, order: { createdAt: 'DESC', id: 'DESC' } });
    return this.withinTokenRestriction(ctx, rows);
  }

  /** Loader batch (node(id)): the webhooks among `ids` the viewer manages. */
  async findManageableByIds(ctx: RequestContext, ids: readonly string[]): Promise<WebhookEntity[]> {
    if (!mayUseWebhooks(ctx)) return [];
    const rows = await ctx.db.findBy(WebhookEntity, { id: In([...ids]) });
    return this.withinTokenRestriction(
      ctx,
      rows.filter((w) => canManageWebhooksOf(ctx, w.accountId)),
    );
  }

  /** `Webhook.deliveries(first)`: its latest attempts, newest first (the webhook came through findManageable or listOfAccount). */
  async attemptsOf(ctx: RequestContext, webhook: WebhookEntity, first?: number | null): Promise<WebhookAttemptEntity[]> {
    const limit = first ?? DELIVERIES_DEFAULT;
    if (!Number.isInteger(limit) || limit < 0 || limit > DELIVERIES_MAX)
      throw invalidInput(`first must be between 0 and ${DELIVERIES_MAX}`, ['first']);
    if (limit === 0) return [];
    return ctx.db.find(WebhookAttemptEntity, { where: { webhookId: webhook.id }, order: { attemptedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** A webhook the viewer manages, by id; NOT_FOUND otherwise (another's webhook does not exist for it). */
  private async findManageable(ctx: RequestContext, id: string, field: string[], what = 'Webhook'): Promise<WebhookEntity> {
    if (what === 'Webhook' && !isIdOf('Webhook', id)) throw invalidInput('id is not a webhook id', field);
    const [webhook] = await this.findManageableByIds(ctx, [id]);
    if (!webhook) throw notFound(what, field);
    return webhook;
  }

  /** Through a token restricted to a company: only webhooks narrowed to a company the token sees. */
  private async withinTokenRestriction(ctx: RequestContext, rows: WebhookEntity[]): Promise<WebhookEntity[]> {
    if (!ctx.viewer?.apiToken?.companyId) return rows;
    const seen = await Promise.all(rows.map((w) => (w.companyId ? ctx.loaders.company.load(w.companyId) : null)));
    return rows.filter((_, i) => seen[i] !== null);
  }

  /** integration.md "Network safety", at creation: the scheme, and the host's addresses as they resolve now. */
  private async assertDeliverable(ctx: RequestContext, url: string, field: string[]): Promise<void> {
    try {
      await checkOutboundUrl(url, ctx.deps.config.webhooks);
    } catch (error) {
      if (error instanceof EgressRefusedError) throw invalidInput(`The URL is refused (${error.reason}): ${error.message}`, field);
      throw error;
    }
  }
}
