import type { ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../../kernel/request-context';
import type { PrimedLoader } from '../../kernel/loaders';
import { lockForUpdate } from '../../db/transactions';
import { projectionFor, RawCondition, RawJoin, selectEntities, selectEntitiesWith } from '../../db/raw-entities';
import { forbidden, invalidInput, notFound } from '../../shared/errors';
import { isIdOf, newId } from '../../shared/ids';
import { paginate, PageArgs, PageSource } from '../../shared/pagination';
import { containsPattern, likeSql } from '../../shared/search';
import { cleanName } from '../../shared/validation';
import { AccessService } from '../access/access.service';
import { ticketScope } from '../access/visibility';
import { AccountEntity } from '../account/account.entity';
import { AuditService } from '../audit/audit.service';
import { treeRootOf } from '../company/company-tree';
import { CompanyEntity } from '../company/company.entity';
import { CompanyService } from '../company/company.service';
import { Capability, hasCapability } from '../membership/capabilities';
import { MembershipEntity } from '../membership/membership.entity';
import { TicketEntity, TicketStatus } from './ticket.entity';
import { CreateTicketInput, UpdateTicketInput } from './ticket.input';
import { canRaiseTicketFor, canRaiseTicketsIn, canUpdateTicket } from './ticket.policy';
import { TicketFilter } from './ticket.type';
import { NotificationService } from '../notification/notification.service';
import { NotificationEvent } from '../notification/notification-mail';

/**
 * What an operation reads of an object on a page: nothing (null), the whole entity, or only these
 * properties (see selectedProperties).
 */
export type PropertiesRead = ReadonlySet<string> | 'whole' | null;

/** What a page's operation reads of its tickets (`ticket`: the nodes themselves) and their relations. */
export interface TicketPageReads {
  ticket: PropertiesRead;
  company: PropertiesRead;
  requester: PropertiesRead;
  assignee: PropertiesRead;
}

const WHOLE_TICKETS: TicketPageReads = { ticket: 'whole', company: null, requester: null, assignee: null };

type RelationName = Exclude<keyof TicketPageReads, 'ticket'>;

/** The page's sort key (and cursor): read whatever the operation selects. */
const SORT_PROPERTIES = ['createdAt', 'id'];

/**
 * Relations read with a page, only the columns its nodes select: for the field resolvers of those
 * nodes alone (Ticket.company etc.), never primed into a loader, where another field of the same
 * request could find a row without the column it reads. A page's tickets reach no loader either.
 * Kept on the ticket under a symbol (a WeakMap entry per ticket cost more, and more to collect).
 */
const PROJECTED = Symbol('relations projected with the page of this ticket');
type WithProjected = TicketEntity & { [PROJECTED]?: Partial<Record<RelationName, ObjectLiteral>> };

/** The relation as read with the ticket's page when that page projected it; otherwise undefined. */
export function projectedRelationOf<T>(ticket: TicketEntity, relation: RelationName): T | undefined {
  return (ticket as WithProjected)[PROJECTED]?.[relation] as T | undefined;
}

const auditView = (t: TicketEntity) => ({
  title: t.title,
  status: t.status,
  assigneeId: t.assigneeId,
  requesterId: t.requesterId,
  companyId: t.companyId,
});

export class TicketService {
  constructor(
    private readonly audit: AuditService,
    private readonly companies: CompanyService,
    private readonly access: AccessService,
    private readonly notifications: NotificationService,
  ) {}

  /** DataLoader batch: tickets the viewer sees among `ids` (hand-written SELECT: every ticket read by id comes here). */
  async findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<TicketEntity[]> {
    const scope = ticketScope(await ctx.grants(), 't');
    return selectEntities(ctx.db, TicketEntity, 't', [scope, { sql: 't.id IN (:...byIds)', params: { byIds: [...ids] } }]);
  }

  async findVisible(ctx: RequestContext, id: string): Promise<TicketEntity | null> {
    if (!isIdOf('Ticket', id)) return null;
    return ctx.loaders.ticket.load(id);
  }

  /**
   * Visible tickets, newest first (createdAt, then id, descending). The page is a hand-written
   * SELECT (src/db/raw-entities.ts) with the same scope and filter conditions; the count, read only
   * when asked for, keeps the query builder. The relations the operation `reads` are joined into
   * the page's SELECT, saving a statement each (a ticket seen makes them visible: see
   * Loaders.companyOfVisibleTicket): whole rows primed into the loaders of Ticket.company/requester/
   * assignee, projected ones kept with their ticket. The tickets themselves are projected too when
   * the operation reads only plain fields and the declared reads of their resolvers.
   */
  async list(ctx: RequestContext, args: PageArgs & { filter?: TicketFilter | null }, reads: TicketPageReads = WHOLE_TICKETS) {
    const conditions: RawCondition[] = [];
    const scope = ticketScope(await ctx.grants(), 't');
    if (scope) conditions.push(scope);
    const companyIds = args.filter?.companyIds;
    if (companyIds) {
      const wrong = companyIds.findIndex((id) => !isIdOf('Company', id));
      if (wrong >= 0) throw invalidInput('filter.companyIds holds an id that is not a company id', ['filter', 'companyIds', String(wrong)]);
      conditions.push({
        sql: companyIds.length ? 't.company_id IN (:...filterCompanies)' : '1 = 0',
        params: { filterCompanies: companyIds },
      });
    }
    const statuses = args.filter?.statuses;
    if (statuses)
      conditions.push({ sql: statuses.length ? 't.status IN (:...filterStatuses)' : '1 = 0', params: { filterStatuses: statuses } });
    const pattern = containsPattern(args.filter?.search, ['filter', 'search']);
    if (pattern !== null) {
      // a pasted ticket id finds that ticket (still within the scope above)
      const id = args.filter!.search!.trim();
      if (isIdOf('Ticket', id))
        conditions.push({ sql: `(${likeSql('t.title', 'search')} OR t.id = :searchId)`, params: { search: pattern, searchId: id } });
      else conditions.push({ sql: likeSql('t.title', 'search'), params: { search: pattern } });
    }
    // each joined relation names the loader its field resolver reads: a whole row primes it, a projected one stays with its ticket
    const companies = ctx.loaders.companyOfVisibleTicket;
    const people = ctx.loaders.accountOfVisibleTicket;
    const joins: Array<RawJoin & { relation: RelationName; prime?: (entity: ObjectLiteral) => void }> = [];
    const join = <E extends CompanyEntity | AccountEntity>(
      relation: RelationName,
      entity: new () => E,
      alias: string,
      on: string,
      loader: PrimedLoader<E>,
    ) => {
      const read = reads[relation];
      if (!read) return;
      const properties = projectionFor(ctx.db, entity, read);
      const prime = properties ? undefined : (e: ObjectLiteral) => loader.prime((e as E).id, e as E);
      joins.push({ relation, entity, alias, on, properties, prime });
    };
    join('company', CompanyEntity, 'c', 'c.id = t.company_id', companies);
    join('requester', AccountEntity, 'r', 'r.id = t.requester_id', people);
    join('assignee', AccountEntity, 'a', 'a.id = t.assignee_id', people);
    const projected = joins.filter((j) => !j.prime);
    // a projected ticket serves only its page's nodes: its plain fields and the declared reads of its resolvers
    const ticketProperties =
      reads.ticket === 'whole' ? undefined : projectionFor(ctx.db, TicketEntity, new Set([...(reads.ticket ?? []), ...SORT_PROPERTIES]));
    const source: PageSource<TicketEntity> = {
      rows: async (after, orderBy, limit) => {
        const from = { entity: TicketEntity, alias: 't', properties: ticketProperties };
        const rows = await selectEntitiesWith(ctx.db, from, joins, [...conditions, after], { orderBy, limit });
        for (const { entity: ticket, joined } of rows) {
          for (const { alias, prime } of joins) {
            const entity = joined[alias];
            if (entity && prime) prime(entity);
          }
          if (projected.length > 0) {
            const own: Partial<Record<RelationName, ObjectLiteral>> = {};
            for (const { alias, relation } of projected) {
              const entity = joined[alias];
              if (entity) own[relation] = entity;
            }
            (ticket as WithProjected)[PROJECTED] = own;
          }
        }
        return rows.map((row) => row.entity);
      },
      count: () => {
        const query = ctx.db.getRepository(TicketEntity).createQueryBuilder('t');
        for (const c of conditions) query.andWhere(c.sql, c.params);
        return query.getCount();
      },
    };
    return paginate(source, args, [
      { column: 't.created_at', direction: 'DESC', valueOf: (t) => t.createdAt, isDate: true },
      { column: 't.id', direction: 'DESC', valueOf: (t) => t.id },
    ]);
  }

  async create(ctx: RequestContext, input: CreateTicketInput): Promise<{ ticket: TicketEntity }> {
    const viewerId = ctx.viewer!.account.id;
    const requesterId = input.requesterId ?? viewerId;
    if (!isIdOf('Account', requesterId)) throw invalidInput('requesterId is not an account id', ['input', 'requesterId']);
    if (!canRaiseTicketFor(ctx, requesterId)) throw forbidden('Only staff administrators can raise tickets for someone else');
    const company = await this.companies.requireVisible(ctx, input.companyId, ['input', 'companyId']);
    if (!(await canRaiseTicketsIn(ctx, company.id))) throw forbidden('You cannot raise tickets for this company');
    return ctx.inTransaction(async (tx) => {
      if (requesterId !== viewerId && !(await tx.db.existsBy(AccountEntity, { id: requesterId }))) {
        throw notFound('Requester', ['input', 'requesterId']);
      }
      const rootCompanyId = await treeRootOf(tx.db, company.id);
      if (!rootCompanyId) throw notFound('Company', ['input', 'companyId']);
      const now = new Date();
      const ticket = tx.db.create(TicketEntity, {
        id: newId('Ticket'),
        companyId: company.id,
        rootCompanyId,
        requesterId,
        assigneeId: null,
        title: cleanName(input.title),
        description: input.description ?? null,
        status: TicketStatus.NEW,
        createdAt: now,
        updatedAt: now,
        activityAt: now,
        publicActivityAt: now,
      });
      await tx.db.insert(TicketEntity, ticket);
      await this.audit.record(tx, {
        action: 'ticket.create',
        targetType: 'Ticket',
        targetId: ticket.id,
        companyId: company.id,
        after: auditView(ticket),
      });
      await this.notifications.notify(tx, { event: NotificationEvent.TICKET_CREATED, ticket });
      return { ticket };
    });
  }

  async update(ctx: RequestContext, input: UpdateTicketInput): Promise<{ ticket: TicketEntity }> {
    if (!isIdOf('Ticket', input.id)) throw invalidInput('id is not a ticket id', ['input', 'id']);
    return ctx.inTransaction(async (tx) => {
      await lockForUpdate(tx.db, 'ticket', 'id', [input.id]);
      const [ticket] = await this.findVisibleByIds(tx, [input.id]);
      if (!ticket) throw notFound('Ticket', ['input', 'id']);
      const grants = await this.access.viewerGrantsOn(tx, ticket);
      if (!(await canUpdateTicket(tx, grants, input))) throw forbidden('You cannot make this change to this ticket');
      const before = auditView(ticket);
      if (input.title != null) ticket.title = cleanName(input.title);
      if (input.status != null) ticket.status = input.status;
      if (input.assigneeId !== undefined) {
        if (input.assigneeId !== null) await this.assertAssignable(tx, input.assigneeId, ticket.companyId);
        ticket.assigneeId = input.assigneeId;
      }
      const changed = before.title !== ticket.title || before.status !== ticket.status || before.assigneeId !== ticket.assigneeId;
      ticket.updatedAt = new Date();
      if (changed) {
        // title, status and assignee are public activity: everyone who sees the ticket sees them
        ticket.activityAt = ticket.updatedAt;
        ticket.publicActivityAt = ticket.updatedAt;
      }
      await tx.db.update(
        TicketEntity,
        { id: ticket.id },
        {
          title: ticket.title,
          status: ticket.status,
          assigneeId: ticket.assigneeId,
          updatedAt: ticket.updatedAt,
          activityAt: ticket.activityAt,
          publicActivityAt: ticket.publicActivityAt,
        },
      );
      await this.audit.record(tx, {
        action: 'ticket.update',
        targetType: 'Ticket',
        targetId: ticket.id,
        companyId: ticket.companyId,
        before,
        after: auditView(ticket),
      });
      if (before.status !== ticket.status) {
        await this.notifications.notify(tx, { event: NotificationEvent.STATUS_CHANGED, ticket, statusFrom: before.status });
      }
      if (ticket.assigneeId !== null && before.assigneeId !== ticket.assigneeId) {
        await this.notifications.notify(tx, { event: NotificationEvent.ASSIGNED, ticket });
      }
      return { ticket };
    });
  }

  /** access-model.md "Assignees": active staff, or a customer with a live SOLVER membership in the company. */
  private async assertAssignable(tx: RequestContext, accountId: string, companyId: string): Promise<void> {
    const field = ['input', 'assigneeId'];
    if (!isIdOf('Account', accountId)) throw invalidInput('assigneeId is not an account id', field);
    const account = await tx.db.findOneBy(AccountEntity, { id: accountId });
    const refusal = invalidInput('The assignee must be staff or a solver of this company', field);
    if (!account || account.disabled) throw refusal;
    if (account.staffRole) return;
    const membership = await tx.db
      .createQueryBuilder(MembershipEntity, 'm')
      .innerJoin('company', 'c', 'c.id = m.company_id')
      .where('m.account_id = :accountId AND m.company_id = :companyId AND c.portal_enabled = 1', { accountId, companyId })
      .getOne();
    if (
      !membership ||
      !hasCapability(membership.capabilities, Capability.TICKETS) ||
      !hasCapability(membership.capabilities, Capability.SOLVER)
    ) {
      throw refusal;
    }
  }
}
