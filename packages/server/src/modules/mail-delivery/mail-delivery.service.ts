import { OutboxMessageEntity, retryFailedMail } from '../../infrastructure/outbox';
import type { RequestContext } from '../../kernel/request-context';
import { conflict, forbidden, invalidInput, notFound } from '../../shared/errors';
import { paginate, PageArgs } from '../../shared/pagination';
import { assertNotCompanyRestricted } from '../api-token/api-token.policy';
import { AuditService, auditTarget } from '../audit/audit.service';
import { canRetryMailDeliveries, canSeeMailDeliveries } from './mail-delivery.policy';
import { MailDeliveryFilter, MailDeliveryStatus } from './mail-delivery.type';

const OUTBOX_ID = /^out_[0-9a-f]{32}$/;

/** The outbox as staff see it: what went out, what is waiting, what failed and why; failed ones retried by hand. */
export class MailDeliveryService {
  constructor(private readonly audit: AuditService) {}

  /** Newest first; bodies never leave the server (an invitation's carries a secret). */
  list(ctx: RequestContext, args: PageArgs & { filter?: MailDeliveryFilter | null }) {
    if (!canSeeMailDeliveries(ctx)) throw forbidden('Only staff can see mail deliveries');
    assertNotCompanyRestricted(ctx);
    const query = ctx.db.getRepository(OutboxMessageEntity).createQueryBuilder('o');
    const statuses = args.filter?.statuses;
    if (statuses?.length) query.andWhere('o.status IN (:...statuses)', { statuses });
    if (args.filter?.ticketId) query.andWhere('o.ticket_id = :ticketId', { ticketId: args.filter.ticketId });
    return paginate(query, args, [
      { column: 'o.created_at', direction: 'DESC', valueOf: (o) => o.createdAt, isDate: true },
      { column: 'o.id', direction: 'DESC', valueOf: (o) => o.id },
    ]);
  }

  async retry(ctx: RequestContext, id: string) {
    if (!canRetryMailDeliveries(ctx)) throw forbidden('Only staff can retry mail deliveries');
    assertNotCompanyRestricted(ctx);
    if (!OUTBOX_ID.test(id)) throw invalidInput('id is not a mail delivery id', ['id']);
    const delivery = await ctx.inTransaction(async (tx) => {
      const row = await tx.db.findOneBy(OutboxMessageEntity, { id });
      if (!row) throw notFound('Mail delivery', ['id']);
      if (row.status !== MailDeliveryStatus.FAILED) throw conflict('Only a failed delivery can be retried', ['id']);
      await retryFailedMail(tx.db, id, new Date());
      await this.audit.recordChange(tx, 'mail.retry', auditTarget.mailDelivery(id), { status: row.status });
      tx.afterCommit(() => tx.deps.outbox.notify());
      return tx.db.findOneByOrFail(OutboxMessageEntity, { id });
    });
    return { delivery };
  }
}
