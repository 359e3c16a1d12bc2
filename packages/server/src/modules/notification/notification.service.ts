import type { Config } from '../../config';
import { enqueueMails } from '../../infrastructure/outbox';
import type { RequestContext } from '../../kernel/request-context';
import { forbidden, invalidInput, notFound } from '../../shared/errors';
import { v7 as uuidv7 } from 'uuid';
import { isIdOf } from '../../shared/ids';
import { AccountEntity, NotificationLevel, notificationLevelOf } from '../account/account.entity';
import { AuditService, auditTarget } from '../audit/audit.service';
import { CompanyEntity } from '../company/company.entity';
import { CommentVisibility } from '../conversation/ticket-comment.entity';
import type { TicketEntity, TicketStatus } from '../ticket/ticket.entity';
import { notificationMail, NotificationEvent } from './notification-mail';
import { recipientsOf } from './recipients';
import { eventAudience, type EventAudience } from '../access/event-audience';
import type { WebhookService } from '../webhook/webhook.service';
import { WebhookEvent } from '../webhook/webhook.entity';
import { canReadNotificationLevelOf, canSetNotificationLevelOf } from './notification.policy';

/**
 * A change a mutation made to a ticket, as it left it: what people (notification mails) and
 * integrations (webhooks) are told about, by one call.
 */
export type TicketChange =
  | { kind: 'created'; ticket: TicketEntity }
  | { kind: 'updated'; ticket: TicketEntity; before: Pick<TicketEntity, 'title' | 'status' | 'assigneeId'> }
  | {
      kind: 'commented';
      ticket: TicketEntity;
      comment: { id: string; body: string; visibility: CommentVisibility; authorId: string; createdAt: Date };
      /** A customer's reply that reopened the ticket: the status before. */
      reopenedFrom?: TicketStatus | null;
    };

/** One notification event of a change (conversation.md). */
interface MailEvent {
  event: NotificationEvent;
  statusFrom?: TicketStatus;
}

const nameOf = (a: Pick<AccountEntity, 'firstName' | 'lastName'> | null | undefined) => (a ? `${a.firstName} ${a.lastName}`.trim() : '');

/** conversation.md's events of a change: a reply that reopens is one COMMENT_ADDED, not also STATUS_CHANGED. */
function mailEventsOf(change: TicketChange): MailEvent[] {
  if (change.kind === 'created') return [{ event: NotificationEvent.TICKET_CREATED }];
  if (change.kind === 'commented') return [{ event: NotificationEvent.COMMENT_ADDED }];
  const { ticket, before } = change;
  const events: MailEvent[] = [];
  if (before.status !== ticket.status) events.push({ event: NotificationEvent.STATUS_CHANGED, statusFrom: before.status });
  if (ticket.assigneeId !== null && before.assigneeId !== ticket.assigneeId) events.push({ event: NotificationEvent.ASSIGNED });
  return events;
}

/**
 * integration.md's events of a change: TICKET_UPDATED when the title, status or assignee changed —
 * also after a reply that reopened the ticket (its status changed: an integration that follows
 * statuses must hear of it), after that reply's COMMENT_ADDED.
 */
function webhookEventsOf(change: TicketChange): WebhookEvent[] {
  if (change.kind === 'created') return [WebhookEvent.TICKET_CREATED];
  if (change.kind === 'commented')
    return change.reopenedFrom ? [WebhookEvent.COMMENT_ADDED, WebhookEvent.TICKET_UPDATED] : [WebhookEvent.COMMENT_ADDED];
  const { ticket, before } = change;
  const changed = before.title !== ticket.title || before.status !== ticket.status || before.assigneeId !== ticket.assigneeId;
  return changed ? [WebhookEvent.TICKET_UPDATED] : [];
}

export class NotificationService {
  constructor(
    private readonly config: Config,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookService,
  ) {}

  /**
   * Tells the right people and integrations about a change, in the change's transaction `tx`: who
   * may hear of it at all (access/event-audience.ts: sees the ticket now, reads the comment) is read
   * once, then the mail recipients are chosen from it (recipients.ts), each getting one row in the
   * mail outbox, and the webhooks it reaches one row each in the webhook outbox — written with the
   * change (a rollback sends nothing); the workers are woken after the commit. Never waits for SMTP
   * or a webhook receiver. Returns the number of mails.
   */
  async notify(tx: RequestContext, change: TicketChange): Promise<number> {
    const mailEvents = mailEventsOf(change);
    const webhookEvents = webhookEventsOf(change);
    if (mailEvents.length === 0 && webhookEvents.length === 0) return 0;
    const comment = change.kind === 'commented' ? change.comment : undefined;
    const audience = await eventAudience(tx.db, change.ticket, comment);
    let mails = 0;
    for (const e of mailEvents) mails += await this.mail(tx, { ...e, ticket: change.ticket, comment }, audience);
    await this.webhooks.tell(tx, { events: webhookEvents, ticket: change.ticket, comment, audience });
    return mails;
  }

  /** The mails of one notification event: its recipients (recipients.ts), each a row in the mail outbox. */
  private async mail(
    tx: RequestContext,
    change: MailEvent & { ticket: TicketEntity; comment?: { id: string; body: string; visibility: CommentVisibility; authorId: string } },
    audience: EventAudience,
  ): Promise<number> {
    const actorId = tx.viewer?.account.id ?? null;
    const recipients = await recipientsOf(
      tx.db,
      {
        event: change.event,
        ticket: change.ticket,
        actorId,
        comment: change.comment && { id: change.comment.id, visibility: change.comment.visibility },
      },
      audience,
    );
    if (recipients.length === 0) return 0;
    const company = await tx.db.findOneBy(CompanyEntity, { id: change.ticket.companyId });
    const named = [change.comment?.authorId, change.ticket.assigneeId].filter((id): id is string => !!id && id !== actorId);
    const people = named.length
      ? await tx.db.findBy(
          AccountEntity,
          named.map((id) => ({ id })),
        )
      : [];
    const person = (id: string | null | undefined) => (id === actorId ? tx.viewer?.account : people.find((p) => p.id === id));
    const eventId = `evt_${uuidv7().replace(/-/g, '')}`; // one id per event: dedupes its mails per recipient
    const content = {
      event: change.event,
      ticket: { id: change.ticket.id, number: change.ticket.number, title: change.ticket.title, companyName: company?.name ?? '' },
      actorName: nameOf(tx.viewer?.account),
      comment: change.comment && {
        body: change.comment.body,
        authorName: nameOf(person(change.comment.authorId)),
        internal: change.comment.visibility === CommentVisibility.INTERNAL,
      },
      status: change.statusFrom ? { from: change.statusFrom, to: change.ticket.status } : undefined,
      assigneeName: nameOf(person(change.ticket.assigneeId)),
    };
    const mails = recipients.map(({ account, reason }) =>
      notificationMail({ eventId, content, recipient: account, reason, publicUrl: this.config.publicUrl }),
    );
    await enqueueMails(tx.db, mails);
    tx.afterCommit(() => tx.deps.outbox.notify());
    return mails.length;
  }

  /** The viewer's own level, or (staff ADMIN) anyone's. */
  async setLevel(ctx: RequestContext, input: { accountId?: string | null; level: NotificationLevel }): Promise<{ account: AccountEntity }> {
    const viewer = ctx.viewer!.account;
    const accountId = input.accountId ?? viewer.id;
    if (!isIdOf('Account', accountId)) throw invalidInput('accountId is not an account id', ['input', 'accountId']);
    if (!Object.values(NotificationLevel).includes(input.level)) throw invalidInput('Unknown notification level', ['input', 'level']);
    if (!canSetNotificationLevelOf(ctx, accountId)) {
      throw forbidden(
        ctx.viewer?.apiToken
          ? 'Notification settings need a signed-in session, not an API token'
          : 'Only staff administrators can change the notifications of others',
      );
    }
    return ctx.inTransaction(async (tx) => {
      const account = await tx.db.findOneBy(AccountEntity, { id: accountId });
      if (!account) throw notFound('Account', ['input', 'accountId']);
      const before = account.notificationLevel;
      account.notificationLevel = input.level;
      await tx.db.update(AccountEntity, { id: account.id }, { notificationLevel: input.level });
      await this.audit.recordChange(
        tx,
        'account.notification_level',
        auditTarget.account(account.id),
        { notificationLevel: before },
        { notificationLevel: input.level },
      );
      if (account.id === viewer.id) viewer.notificationLevel = input.level;
      return { account };
    });
  }

  /** `Account.notificationLevel`: the account itself and staff only (null for anyone else). */
  levelVisibleTo(ctx: RequestContext, account: AccountEntity): NotificationLevel | null {
    if (!canReadNotificationLevelOf(ctx, account.id)) return null;
    return notificationLevelOf(account);
  }
}
