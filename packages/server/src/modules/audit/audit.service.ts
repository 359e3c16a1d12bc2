import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../kernel/request-context';
import { newId } from '../../shared/ids';
import { paginate, PageArgs } from '../../shared/pagination';
import { isStaff } from '../access/policies';
import { assertNotCompanyRestricted } from '../api-token/api-token.policy';
import { forbidden, invalidInput } from '../../shared/errors';
import { isIdOf } from '../../shared/ids';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  action: string;
  targetType: AuditTargetType;
  targetId: string | null;
  companyId?: string | null;
  before?: object | null;
  after?: object | null;
  /** Defaults to the viewer. */
  actorId?: string | null;
}

/** The audit log's filters (`auditEvents` arguments); null or left out: no restriction. */
export interface AuditFilter {
  companyId?: string | null;
  /** Any of these action codes; an empty list matches nothing. */
  actions?: string[] | null;
  actorId?: string | null;
  since?: Date | null;
  until?: Date | null;
}
export const AUDIT_ACTIONS_MAX = 50;

/** What an audit event is about. */
export type AuditTargetType =
  'Account' | 'ApiToken' | 'Company' | 'Invitation' | 'MailDelivery' | 'Membership' | 'Ticket' | 'TicketComment' | 'Webhook';

export interface AuditTarget {
  type: AuditTargetType;
  id: string | null;
  /** The company whose log shows the event (`auditEvents(companyId)`); null for accounts and mails. */
  companyId: string | null;
}

/** A row that belongs to a company: its events go to that company's log. */
interface CompanyRow {
  id: string;
  companyId: string | null;
}

/** The targets, each with the company its events are filed under. */
export const auditTarget = {
  account: (id: string | null): AuditTarget => ({ type: 'Account', id, companyId: null }),
  company: (id: string): AuditTarget => ({ type: 'Company', id, companyId: id }),
  membership: (m: CompanyRow): AuditTarget => ({ type: 'Membership', id: m.id, companyId: m.companyId }),
  invitation: (i: CompanyRow): AuditTarget => ({ type: 'Invitation', id: i.id, companyId: i.companyId }),
  apiToken: (t: CompanyRow): AuditTarget => ({ type: 'ApiToken', id: t.id, companyId: t.companyId }),
  ticket: (t: CompanyRow): AuditTarget => ({ type: 'Ticket', id: t.id, companyId: t.companyId }),
  ticketComment: (id: string, companyId: string): AuditTarget => ({ type: 'TicketComment', id, companyId }),
  mailDelivery: (id: string): AuditTarget => ({ type: 'MailDelivery', id, companyId: null }),
  webhook: (w: CompanyRow): AuditTarget => ({ type: 'Webhook', id: w.id, companyId: w.companyId }),
};

/** An event of the server itself (no viewer, no client address: e.g. a worker turning a failing webhook off), in `db`'s transaction. */
export async function recordSystemEvent(
  db: EntityManager,
  action: string,
  target: AuditTarget,
  before: object | null,
  after: object | null,
) {
  await db.insert(
    AuditEventEntity,
    auditRow({ action, targetType: target.type, targetId: target.id, companyId: target.companyId, before, after }, null, null),
  );
}

function auditRow(event: AuditRecord, actorId: string | null, clientIp: string | null): AuditEventEntity {
  return {
    id: newId('AuditEvent'),
    occurredAt: new Date(),
    actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    companyId: event.companyId ?? null,
    before: event.before ? JSON.stringify(event.before) : null,
    after: event.after ? JSON.stringify(event.after) : null,
    clientIp,
  };
}

export class AuditService {
  /**
   * The usual event: the viewer changed `target` from `before` to `after` (null: created, or
   * removed). An actor other than the viewer goes through `record`.
   */
  recordChange(
    ctx: RequestContext,
    action: string,
    target: AuditTarget,
    before: object | null = null,
    after: object | null = null,
  ): Promise<void> {
    return this.record(ctx, { action, targetType: target.type, targetId: target.id, companyId: target.companyId, before, after });
  }

  /** Writes one event with the caller's manager, so it commits or rolls back with the change. */
  async record(ctx: RequestContext, event: AuditRecord): Promise<void> {
    const actorId = event.actorId === undefined ? (ctx.viewer?.account.id ?? null) : event.actorId;
    await ctx.db.insert(AuditEventEntity, auditRow(event, actorId, ctx.clientIp));
  }

  /** Staff only; newest first; narrowed by company, actions, actor and a time window (`since` inclusive, `until` exclusive). */
  async list(ctx: RequestContext, args: PageArgs & AuditFilter) {
    if (!isStaff(ctx)) throw forbidden('Only staff can read the audit log');
    assertNotCompanyRestricted(ctx);
    const { actions, actorId, since, until } = args;
    if (actions && (actions.length > AUDIT_ACTIONS_MAX || actions.some((a) => a.length === 0 || a.length > 64)))
      throw invalidInput(`actions: at most ${AUDIT_ACTIONS_MAX} action codes of 1 to 64 characters`, ['actions']);
    if (actorId != null && !isIdOf('Account', actorId)) throw invalidInput('actorId is not an account id', ['actorId']);
    if (since && until && since.getTime() > until.getTime()) throw invalidInput('since is after until', ['since']);
    const query = ctx.db.getRepository(AuditEventEntity).createQueryBuilder('e').where('1 = 1');
    if (args.companyId) query.andWhere('e.company_id = :companyId', { companyId: args.companyId });
    if (actions) query.andWhere(actions.length ? 'e.action IN (:...actions)' : '1 = 0', { actions });
    if (actorId != null) query.andWhere('e.actor_id = :actorId', { actorId });
    if (since) query.andWhere('e.occurred_at >= :since', { since });
    if (until) query.andWhere('e.occurred_at < :until', { until });
    return paginate(query, args, [
      { column: 'e.occurred_at', direction: 'DESC', valueOf: (e) => e.occurredAt, isDate: true },
      { column: 'e.id', direction: 'DESC', valueOf: (e) => e.id },
    ]);
  }
}
