import type { RequestContext } from '../../kernel/request-context';
import { newId } from '../../shared/ids';
import { paginate, PageArgs } from '../../shared/pagination';
import { isStaff } from '../access/policies';
import { assertNotCompanyRestricted } from '../api-token/api-token.policy';
import { forbidden } from '../../shared/errors';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string | null;
  companyId?: string | null;
  before?: object | null;
  after?: object | null;
  /** Defaults to the viewer. */
  actorId?: string | null;
}

export class AuditService {
  /** Writes one event with the caller's manager, so it commits or rolls back with the change. */
  async record(ctx: RequestContext, event: AuditRecord): Promise<void> {
    await ctx.db.insert(AuditEventEntity, {
      id: newId('AuditEvent'),
      occurredAt: new Date(),
      actorId: event.actorId === undefined ? (ctx.viewer?.account.id ?? null) : event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      companyId: event.companyId ?? null,
      before: event.before ? JSON.stringify(event.before) : null,
      after: event.after ? JSON.stringify(event.after) : null,
      clientIp: ctx.clientIp,
    });
  }

  /** Staff only; newest first. */
  async list(ctx: RequestContext, args: PageArgs & { companyId?: string | null }) {
    if (!isStaff(ctx)) throw forbidden('Only staff can read the audit log');
    assertNotCompanyRestricted(ctx);
    const query = ctx.db.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (args.companyId) query.where('e.company_id = :companyId', { companyId: args.companyId });
    return paginate(query, args, [
      { column: 'e.occurred_at', direction: 'DESC', valueOf: (e) => e.occurredAt, isDate: true },
      { column: 'e.id', direction: 'DESC', valueOf: (e) => e.id },
    ]);
  }
}
