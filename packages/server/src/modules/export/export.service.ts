import { GraphQLDateTime } from 'graphql-scalars';
import type { RequestContext } from '../../kernel/request-context';
import { isSearched } from '../../kernel/complexity';
import { forbidden, invalidInput } from '../../shared/errors';
import { MAX_PAGE_SIZE, Page } from '../../shared/pagination';
import { AccountEntity } from '../account/account.entity';
import { AccountKind } from '../account/account.input';
import { AccountService } from '../account/account.service';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { AUDIT_ACTIONS_MAX, AuditFilter, AuditService } from '../audit/audit.service';
import { MembershipService } from '../membership/membership.service';
import { NotificationService } from '../notification/notification.service';
import { TicketEntity, TicketStatus } from '../ticket/ticket.entity';
import { TicketService } from '../ticket/ticket.service';
import { relationOf, TicketPageReads } from '../ticket/ticket-page';
import { TicketOrder, type TicketFilter } from '../ticket/ticket.type';
import { canExport } from './export.policy';

/**
 * CSV exports of the staff lists (docs/decisions.md "Issue 17: export and lists"). Each list is
 * read page by page through the same service method, scope and filters as its GraphQL list
 * (`tickets`, `accounts`, `auditEvents`): this module only turns the query string into that
 * method's arguments and each node into a row. The HTTP side (streaming, charging, headers) is
 * `http/export-route.ts`.
 */

/** At most this many rows in one file (a list that matches more is refused: narrow the filters). */
export const EXPORT_MAX_ROWS = 100_000;
/** Rows read per page: the largest page a GraphQL list serves. */
export const EXPORT_PAGE_SIZE = MAX_PAGE_SIZE;

export type ExportList = 'tickets' | 'accounts' | 'audit';
export const EXPORT_LISTS: readonly ExportList[] = ['tickets', 'accounts', 'audit'];

/** A cell: text, a number, or empty. */
export type Cell = string | number | null;

/** An export whose caller and filters were checked: its header, its count, and its rows page by page. */
export interface OpenedExport {
  list: ExportList;
  header: string[];
  /** Whether the list searches (a LIKE scan): its count and pages cost more (kernel/complexity.ts). */
  searched: boolean;
  /** The list's totalCount, as its GraphQL list counts it (rows created later may still follow). */
  count(): Promise<number>;
  /** The rows, one page (at most EXPORT_PAGE_SIZE) at a time, in the list's own order. */
  pages(): AsyncGenerator<Cell[][]>;
}

/** `2026-05-04 09:30:00`: UTC, to the second, a form spreadsheets read as a date and time. */
export function csvDateTime(date: Date | null | undefined): string | null {
  if (!date) return null;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

const fullName = (a: Pick<AccountEntity, 'firstName' | 'lastName'> | null | undefined): string | null =>
  a ? `${a.firstName} ${a.lastName}`.trim() : null;

/** The query string's parameters, each name at most `many` times or once; any other name is INVALID_INPUT. */
class Params {
  constructor(
    private readonly params: URLSearchParams,
    allowed: readonly string[],
  ) {
    for (const name of new Set(params.keys()))
      if (!allowed.includes(name)) throw invalidInput(`Unknown parameter ${name}; this export takes ${allowed.join(', ')}`, [name]);
  }

  one(name: string): string | null {
    const values = this.params.getAll(name);
    if (values.length > 1) throw invalidInput(`${name} may be given once`, [name]);
    return values[0] ?? null;
  }

  many(name: string, max: number): string[] | null {
    const values = [...new Set(this.params.getAll(name))];
    if (values.length > max) throw invalidInput(`${name} may be given at most ${max} times`, [name]);
    return values.length ? values : null;
  }

  choice<T extends string>(name: string, choices: readonly T[]): T | null {
    const value = this.one(name);
    if (value === null) return null;
    if (!(choices as readonly string[]).includes(value)) throw invalidInput(`${name} must be one of ${choices.join(', ')}`, [name]);
    return value as T;
  }

  dateTime(name: string): Date | null {
    const value = this.one(name);
    if (value === null) return null;
    try {
      return GraphQLDateTime.parseValue(value) as Date; // the same rule as the DateTime arguments of the GraphQL lists
    } catch {
      throw invalidInput(`${name} must be a date-time such as 2026-05-04T09:30:00Z`, [name]);
    }
  }
}

/** One list's export: how its filters are read, one page through its service, and a node as a row. */
interface ExportDefinition<Args, Node> {
  header: string[];
  parse(params: URLSearchParams): Args;
  page(ctx: RequestContext, args: Args, first: number, after: string | null): Promise<Page<Node>>;
  rows(ctx: RequestContext, nodes: Node[]): Promise<Cell[][]>;
}

/** What an export reads of a page of tickets: the whole tickets, and the names (and emails) the row shows of each relation. */
const TICKET_READS: TicketPageReads = {
  ticket: 'whole',
  company: new Set(['id', 'name']),
  requester: new Set(['id', 'firstName', 'lastName', 'email']),
  assignee: new Set(['id', 'firstName', 'lastName', 'email']),
};

export class ExportService {
  private readonly definitions: { [L in ExportList]: ExportDefinition<any, any> };

  constructor(
    tickets: TicketService,
    accounts: AccountService,
    memberships: MembershipService,
    audit: AuditService,
    notifications: NotificationService,
  ) {
    const ticketsExport: ExportDefinition<{ filter: TicketFilter; orderBy: TicketOrder | null }, TicketEntity> = {
      header: [
        'Number',
        'Title',
        'Status',
        'Company',
        'Requester',
        'Requester email',
        'Assignee',
        'Assignee email',
        'Created (UTC)',
        'Updated (UTC)',
        'ID',
      ],
      parse(query) {
        const p = new Params(query, ['companyId', 'status', 'search', 'orderBy']);
        const filter: TicketFilter = {
          companyIds: p.many('companyId', 100),
          statuses: p.many('status', 10)?.map((s) => {
            if (!(Object.values(TicketStatus) as string[]).includes(s))
              throw invalidInput(`status must be one of ${Object.values(TicketStatus).join(', ')}`, ['status']);
            return s as TicketStatus;
          }),
          search: p.one('search'),
        };
        // the list's order as the person sorted it (UPDATED_AT_ASC is for sync: it leaves out the last seconds' changes)
        const orderBy = p.one('orderBy');
        const orders: string[] = [TicketOrder.CREATED_AT_DESC, TicketOrder.CREATED_AT_ASC, TicketOrder.UPDATED_AT_DESC];
        if (orderBy !== null && !orders.includes(orderBy)) throw invalidInput(`orderBy must be one of ${orders.join(', ')}`, ['orderBy']);
        return { filter, orderBy: orderBy as TicketOrder | null };
      },
      page: (ctx, { filter, orderBy }, first, after) => tickets.list(ctx, { first, after, filter, orderBy }, TICKET_READS),
      async rows(ctx, nodes) {
        const rows: Cell[][] = [];
        for (const t of nodes) {
          // the relations the page joined (ticket-page.ts): a seen ticket's company and people are visible
          const [company, requester, assignee] = await Promise.all([
            relationOf(ctx, t, 'company'),
            relationOf(ctx, t, 'requester'),
            relationOf(ctx, t, 'assignee'),
          ]);
          rows.push([
            t.number,
            t.title,
            t.status,
            company?.name ?? null,
            fullName(requester),
            requester?.email ?? null,
            fullName(assignee),
            assignee?.email ?? null,
            csvDateTime(t.createdAt),
            csvDateTime(t.updatedAt),
            t.id,
          ]);
        }
        return rows;
      },
    };

    const accountsExport: ExportDefinition<
      { filter: { search: string | null; kind: AccountKind | null; includeDisabled: boolean } },
      AccountEntity
    > = {
      header: ['Last name', 'First name', 'Email', 'Staff role', 'Companies (role)', 'Disabled', 'Language', 'Notifications', 'ID'],
      parse(query) {
        const p = new Params(query, ['search', 'kind', 'includeDisabled']);
        const includeDisabled = p.choice('includeDisabled', ['true', 'false'] as const);
        return {
          // the GraphQL list's default: disabled accounts included unless left out
          filter: {
            search: p.one('search'),
            kind: p.choice('kind', Object.values(AccountKind)),
            includeDisabled: includeDisabled !== 'false',
          },
        };
      },
      page: (ctx, { filter }, first, after) => accounts.list(ctx, { first, after, filter }),
      async rows(ctx, nodes) {
        // Account.memberships and Membership.company, as their resolvers read them (batched per page)
        const membershipsOf = await Promise.all(nodes.map((a) => memberships.visibleOfAccount(ctx, a.id)));
        const companies = await Promise.all(membershipsOf.map((ms) => Promise.all(ms.map((m) => ctx.loaders.company.load(m.companyId)))));
        return nodes.map((a, i) => [
          a.lastName,
          a.firstName,
          a.email,
          a.staffRole,
          membershipsOf[i].map((m, j) => `${companies[i][j]?.name ?? m.companyId} (${m.role})`).join('; ') || null,
          a.disabled ? 'yes' : 'no',
          a.language,
          notifications.levelVisibleTo(ctx, a),
          a.id,
        ]);
      },
    };

    const auditExport: ExportDefinition<AuditFilter, AuditEventEntity> = {
      header: [
        'Time (UTC)',
        'Action',
        'Actor',
        'Actor email',
        'Company',
        'Target type',
        'Target ID',
        'Client address',
        'Before',
        'After',
        'ID',
      ],
      parse(query) {
        const p = new Params(query, ['companyId', 'action', 'actorId', 'since', 'until']);
        return {
          companyId: p.one('companyId'),
          actions: p.many('action', AUDIT_ACTIONS_MAX),
          actorId: p.one('actorId'),
          since: p.dateTime('since'),
          until: p.dateTime('until'),
        };
      },
      page: (ctx, filter, first, after) => audit.list(ctx, { ...filter, first, after }),
      async rows(ctx, nodes) {
        // AuditEvent.actor and .company, as their resolvers read them
        const [actors, companies] = await Promise.all([
          Promise.all(nodes.map((e) => (e.actorId ? ctx.loaders.account.load(e.actorId) : null))),
          Promise.all(nodes.map((e) => (e.companyId ? ctx.loaders.company.load(e.companyId) : null))),
        ]);
        return nodes.map((e, i) => [
          csvDateTime(e.occurredAt),
          e.action,
          fullName(actors[i]),
          actors[i]?.email ?? null,
          companies[i]?.name ?? null,
          e.targetType,
          e.targetId,
          e.clientIp,
          e.before,
          e.after,
          e.id,
        ]);
      },
    };

    this.definitions = { tickets: ticketsExport, accounts: accountsExport, audit: auditExport };
  }

  /**
   * Checks who asks and what (FORBIDDEN, INVALID_INPUT: before anything is read or sent) and returns
   * the export: its count as the GraphQL list's `totalCount`, and its rows to stream. Each page starts
   * with fresh request caches, so a long export holds one page's loaders at a time.
   */
  open(ctx: RequestContext, list: ExportList, query: URLSearchParams): OpenedExport {
    if (!canExport(ctx)) throw forbidden('Only staff can export lists');
    const definition = this.definitions[list];
    const args: unknown = definition.parse(query);
    return {
      list,
      header: definition.header,
      searched: isSearched(args as Record<string, unknown>),
      count: async () => (await definition.page(ctx, args, 0, null)).totalCount,
      async *pages() {
        let after: string | null = null;
        for (;;) {
          const page: Page<unknown> = await definition.page(ctx, args, EXPORT_PAGE_SIZE, after);
          const rows = await definition.rows(
            ctx,
            page.edges.map((edge) => edge.node),
          );
          ctx.resetCaches();
          yield rows;
          if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
          after = page.pageInfo.endCursor;
        }
      },
    };
  }
}
