import type { RequestContext } from '../../kernel/request-context';
import { lockForUpdate } from '../../db/transactions';
import { selectEntities } from '../../db/raw-entities';
import { forbidden, invalidInput, notFound } from '../../shared/errors';
import { isIdOf, newId } from '../../shared/ids';
import { PageArgs } from '../../shared/pagination';
import type { SqlCondition } from '../../shared/sql-condition';
import { containsPattern, likeSql } from '../../shared/search';
import { cleanName } from '../../shared/validation';
import { AccessService } from '../access/access.service';
import { ticketScope } from '../access/visibility';
import { AccountEntity } from '../account/account.entity';
import { AuditService, auditTarget } from '../audit/audit.service';
import { treeRootOf } from '../company/company-tree';
import { CompanyService } from '../company/company.service';
import { Capability, hasCapability } from '../membership/capabilities';
import { MembershipEntity } from '../membership/membership.entity';
import { TicketEntity, TicketStatus } from './ticket.entity';
import { CreateTicketInput, UpdateTicketInput } from './ticket.input';
import { canRaiseTicketFor, canRaiseTicketsIn, canUpdateTicket } from './ticket.policy';
import { TICKET_IDS_MAX, TicketFilter, TicketOrder } from './ticket.type';
import { changeStamp, settledCondition, stampTicketChange } from './ticket-sync';
import { recordStatusChange, TicketStatusChangeEntity } from './ticket-status-change.entity';
import { readTicket, readTicketPage, TicketPageReads } from './ticket-page';
import { nextTicketNumber, ticketNumberIn } from './ticket-number';
import { NotificationService } from '../notification/notification.service';

const auditView = (t: TicketEntity) => ({
  number: t.number,
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

  /** A ticket the viewer sees, by id: with `reads` (ticket(id)), read as ticket-page.ts reads a page of one. */
  async findVisible(ctx: RequestContext, id: string, reads?: TicketPageReads): Promise<TicketEntity | null> {
    if (!isIdOf('Ticket', id)) return null;
    if (!reads) return ctx.loaders.ticket.load(id);
    const scope = ticketScope(await ctx.grants(), 't');
    return readTicket(ctx, [...(scope ? [scope] : []), { sql: 't.id = :ticketId', params: { ticketId: id } }], reads);
  }

  /**
   * Visible tickets, newest first (createdAt, then id, descending) or, for incremental sync, oldest
   * change first (updatedAt, then id, ascending; only changes that have settled: ticket-sync.ts):
   * the scope and the filter's conditions here, the page's read (what it joins, projects and
   * primes) in ticket-page.ts.
   */
  async list(
    ctx: RequestContext,
    args: PageArgs & { filter?: TicketFilter | null; orderBy?: TicketOrder | null },
    reads?: TicketPageReads,
  ) {
    const order = args.orderBy ?? TicketOrder.CREATED_AT_DESC;
    const conditions: SqlCondition[] = [];
    const scope = ticketScope(await ctx.grants(), 't');
    if (scope) conditions.push(scope);
    const ids = args.filter?.ids;
    if (ids) {
      if (ids.length > TICKET_IDS_MAX) throw invalidInput(`filter.ids takes at most ${TICKET_IDS_MAX} ids`, ['filter', 'ids']);
      // an id that is no ticket id finds nothing, like one of a ticket the viewer does not see
      const ticketIds = [...new Set(ids.filter((id) => isIdOf('Ticket', id)))];
      conditions.push({ sql: ticketIds.length ? 't.id IN (:...filterIds)' : '1 = 0', params: { filterIds: ticketIds } });
    }
    const updatedSince = args.filter?.updatedSince;
    if (updatedSince) conditions.push({ sql: 't.updated_at >= :updatedSince', params: { updatedSince } });
    if (order === TicketOrder.UPDATED_AT_ASC) conditions.push(settledCondition(ctx, 't'));
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
      // a pasted ticket id, or a ticket number (`1042`, `#1042`), finds that ticket too (still within the scope above)
      const text = args.filter!.search!.trim();
      const number = ticketNumberIn(text);
      if (isIdOf('Ticket', text))
        conditions.push({ sql: `(${likeSql('t.title', 'search')} OR t.id = :searchId)`, params: { search: pattern, searchId: text } });
      else if (number !== null)
        conditions.push({
          sql: `(${likeSql('t.title', 'search')} OR t.number = :searchNumber)`,
          params: { search: pattern, searchNumber: number },
        });
      else conditions.push({ sql: likeSql('t.title', 'search'), params: { search: pattern } });
    }
    return readTicketPage(ctx, conditions, args, reads, order);
  }

  /** DataLoader batch: the status changes of tickets the caller has read through the ticket scope, oldest first. */
  async statusChangesOf(ctx: RequestContext, ticketIds: readonly string[]): Promise<TicketStatusChangeEntity[][]> {
    const rows = await ctx.db
      .getRepository(TicketStatusChangeEntity)
      .createQueryBuilder('s')
      .where('s.ticket_id IN (:...ticketIds)', { ticketIds: [...ticketIds] })
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    return ticketIds.map((id) => rows.filter((row) => row.ticketId === id));
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
        number: await nextTicketNumber(tx.db),
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
      stampTicketChange(tx, ticket);
      await this.audit.recordChange(tx, 'ticket.create', auditTarget.ticket(ticket), null, auditView(ticket));
      await this.notifications.notify(tx, { kind: 'created', ticket });
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
      if (changed) {
        // updatedAt moves with every change (and only then: a sync client is not sent unchanged tickets);
        // title, status and assignee are public activity: everyone who sees the ticket sees them
        ticket.updatedAt = changeStamp(ticket.updatedAt);
        ticket.activityAt = ticket.updatedAt;
        ticket.publicActivityAt = ticket.updatedAt;
        stampTicketChange(tx, ticket);
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
      await this.audit.recordChange(tx, 'ticket.update', auditTarget.ticket(ticket), before, auditView(ticket));
      if (before.status !== ticket.status) {
        await recordStatusChange(tx.db, {
          ticketId: ticket.id,
          actorId: tx.viewer?.account.id ?? null,
          from: before.status,
          to: ticket.status,
          at: ticket.updatedAt,
        });
      }
      // mails (STATUS_CHANGED, ASSIGNED) and webhooks (TICKET_UPDATED) of the change, by one call
      await this.notifications.notify(tx, { kind: 'updated', ticket, before });
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
