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
import { canReadNotificationLevelOf, canSetNotificationLevelOf } from './notification.policy';

export interface TicketChange {
  event: NotificationEvent;
  ticket: TicketEntity;
  comment?: { id: string; body: string; visibility: CommentVisibility; authorId: string };
  statusFrom?: TicketStatus;
}

const nameOf = (a: Pick<AccountEntity, 'firstName' | 'lastName'> | null | undefined) => (a ? `${a.firstName} ${a.lastName}`.trim() : '');

export class NotificationService {
  constructor(
    private readonly config: Config,
    private readonly audit: AuditService,
  ) {}

  /**
   * Tells the right people about a change, in the change's transaction `tx`: the recipients are
   * computed there (recipients.ts) and each gets one row in the mail outbox, written with the change
   * (a rollback sends nothing); the outbox's worker is woken after the commit. Never waits for SMTP.
   */
  async notify(tx: RequestContext, change: TicketChange): Promise<number> {
    const actorId = tx.viewer?.account.id ?? null;
    const recipients = await recipientsOf(tx.db, {
      event: change.event,
      ticket: change.ticket,
      actorId,
      comment: change.comment && { id: change.comment.id, visibility: change.comment.visibility },
    });
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
