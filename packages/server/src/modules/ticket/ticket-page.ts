import type { GraphQLResolveInfo } from 'graphql';
import type { ObjectLiteral } from 'typeorm';
import { countEntities, projectionFor, RawJoin, selectEntitiesWith } from '../../db/raw-entities';
import type { Loaders, PrimedLoader } from '../../kernel/loaders';
import type { RequestContext } from '../../kernel/request-context';
import { PropertiesRead, propertiesSelected, selectedProperties } from '../../kernel/selection';
import { paginate, PageArgs, PageSource, SortKey } from '../../shared/pagination';
import type { SqlCondition } from '../../shared/sql-condition';
import { AccountEntity } from '../account/account.entity';
import { CompanyEntity } from '../company/company.entity';
import { TicketEntity } from './ticket.entity';
import { TicketOrder } from './ticket.type';

/*
 * How a page of tickets is read, in one place (docs/decisions.md, Performance: "A ticket page joins
 * the relations the operation reads", "reads only the columns its operation selects"), and
 * `ticket(id)` as a page of one:
 *
 * 1. selection: `ticketPageReads` (`ticketReads`) reads ahead in the operation what it selects of the nodes and of
 *    their company, requester and assignee — plain fields, plus what each selected Ticket resolver
 *    declares it reads (`@Reads` beside the resolver; a resolver that declares nothing reads the
 *    whole row, and the schema build checks every declaration: kernel/selection.ts);
 * 2. columns: only those of the tickets (and the sort key), only those of each relation, or whole
 *    rows where anything else is selected (`projectionFor`);
 * 3. joined relations: one SELECT with the page's conditions and keyset, LEFT JOINing the relations
 *    selected (`TICKET_RELATIONS`); `totalCount`, only when asked for, is one COUNT(*);
 * 4. primed loaders: a whole related row primes the loader its field resolver reads (answered
 *    synchronously, no promise per field); a projected row stays with the tickets of its page, under
 *    a symbol, since another field of the request could need a column it lacks (`relationOf`).
 */

/** What a page's operation reads of its tickets (`ticket`: the nodes themselves) and their relations. */
export interface TicketPageReads {
  ticket: PropertiesRead;
  company: PropertiesRead;
  requester: PropertiesRead;
  assignee: PropertiesRead;
}

/** A page read for a caller that says nothing of the operation: whole tickets, no relation joined. */
export const WHOLE_TICKETS: TicketPageReads = { ticket: 'whole', company: null, requester: null, assignee: null };

type RelationName = Exclude<keyof TicketPageReads, 'ticket'>;

interface Relation<E extends { id: string }> {
  entity: new () => E;
  alias: string;
  /** The ticket's property holding the related row's id: what the relation's field resolver reads (`@Reads`). */
  foreignKey: 'companyId' | 'requesterId' | 'assigneeId';
  on: string;
  /** The loader the relation's field resolver reads when the page did not bring the row. */
  loader: (loaders: Loaders) => PrimedLoader<E>;
}

/**
 * The relations a page can join, with the loader each primes. Their rows load by primary key,
 * without a scope: a seen ticket makes them visible (kernel/loaders.ts, companyOfVisibleTicket).
 */
export const TICKET_RELATIONS: { company: Relation<CompanyEntity>; requester: Relation<AccountEntity>; assignee: Relation<AccountEntity> } =
  {
    company: {
      entity: CompanyEntity,
      alias: 'c',
      foreignKey: 'companyId',
      on: 'c.id = t.company_id',
      loader: (l) => l.companyOfVisibleTicket,
    },
    requester: {
      entity: AccountEntity,
      alias: 'r',
      foreignKey: 'requesterId',
      on: 'r.id = t.requester_id',
      loader: (l) => l.accountOfVisibleTicket,
    },
    assignee: {
      entity: AccountEntity,
      alias: 'a',
      foreignKey: 'assigneeId',
      on: 'a.id = t.assignee_id',
      loader: (l) => l.accountOfVisibleTicket,
    },
  };

/**
 * The orders of a page: the sort key (read whatever the operation selects: it makes the cursor),
 * and the tag of the cursors of the order that is not the default (a cursor of one order is refused by the other).
 */
const ORDERS: Record<TicketOrder, { keys: SortKey<TicketEntity>[]; properties: string[]; tag?: string }> = {
  [TicketOrder.CREATED_AT_DESC]: {
    keys: [
      { column: 't.created_at', direction: 'DESC', valueOf: (t) => t.createdAt, isDate: true },
      { column: 't.id', direction: 'DESC', valueOf: (t) => t.id },
    ],
    properties: ['createdAt', 'id'],
  },
  [TicketOrder.CREATED_AT_ASC]: {
    keys: [
      { column: 't.created_at', direction: 'ASC', valueOf: (t) => t.createdAt, isDate: true },
      { column: 't.id', direction: 'ASC', valueOf: (t) => t.id },
    ],
    properties: ['createdAt', 'id'],
    tag: 'created-asc',
  },
  [TicketOrder.UPDATED_AT_DESC]: {
    keys: [
      { column: 't.updated_at', direction: 'DESC', valueOf: (t) => t.updatedAt, isDate: true },
      { column: 't.id', direction: 'DESC', valueOf: (t) => t.id },
    ],
    properties: ['updatedAt', 'id'],
    tag: 'updated-desc',
  },
  [TicketOrder.UPDATED_AT_ASC]: {
    keys: [
      { column: 't.updated_at', direction: 'ASC', valueOf: (t) => t.updatedAt, isDate: true },
      { column: 't.id', direction: 'ASC', valueOf: (t) => t.id },
    ],
    properties: ['updatedAt', 'id'],
    tag: 'updated',
  },
};

/** What a `tickets` operation reads of its nodes and their relations (read ahead, so the page can join and project them). */
export function ticketPageReads(info: GraphQLResolveInfo): TicketPageReads {
  const { node } = selectedProperties(info, ['edges'], { node: 'Ticket' });
  return {
    ticket: node,
    ...selectedProperties(info, ['edges', 'node'], { company: 'Company', requester: 'Account', assignee: 'Account' }),
  };
}

/** What a `ticket(id)` operation reads of the ticket and its relations: a page of one. */
export function ticketReads(info: GraphQLResolveInfo): TicketPageReads {
  return {
    ticket: propertiesSelected(info, 'Ticket'),
    ...selectedProperties(info, [], { company: 'Company', requester: 'Account', assignee: 'Account' }),
  };
}

/** Relations read with a page, only the columns its nodes select: kept on each ticket under a symbol (a WeakMap entry cost more). */
const PROJECTED = Symbol('relations projected with the page of this ticket');
type WithProjected = TicketEntity & { [PROJECTED]?: Partial<Record<RelationName, ObjectLiteral>> };

type Related<E> = E | Promise<E | null> | null;

/**
 * Ticket.company, requester, assignee: the row as projected with the ticket's page, or from the
 * relation's loader (primed by the page when it read the whole row); null without a foreign key.
 */
export function relationOf(ctx: RequestContext, ticket: TicketEntity, name: 'company'): Related<CompanyEntity>;
export function relationOf(ctx: RequestContext, ticket: TicketEntity, name: 'requester' | 'assignee'): Related<AccountEntity>;
export function relationOf(ctx: RequestContext, ticket: TicketEntity, name: RelationName): Related<CompanyEntity | AccountEntity> {
  const relation: Relation<CompanyEntity | AccountEntity> = TICKET_RELATIONS[name];
  const id = ticket[relation.foreignKey];
  if (!id) return null;
  return (
    ((ticket as WithProjected)[PROJECTED]?.[name] as CompanyEntity | AccountEntity | undefined) ?? relation.loader(ctx.loaders).get(id)
  );
}

type Join = RawJoin & { name: RelationName; prime?: (entity: ObjectLiteral) => void };

/** The join of one relation the operation reads: whole rows prime its loader, projected ones do not. */
function joinOf<E extends { id: string }>(ctx: RequestContext, name: RelationName, relation: Relation<E>, read: PropertiesRead): Join[] {
  if (!read) return [];
  const { entity, alias, on } = relation;
  const properties = projectionFor(ctx.db, entity, read);
  const loader = relation.loader(ctx.loaders);
  return [{ name, entity, alias, on, properties, prime: properties ? undefined : (e) => loader.prime((e as E).id, e as E) }];
}

/**
 * The tickets meeting `conditions`, with the relations `reads` selects joined, in `page`'s order and
 * limit: whole related rows primed into their loaders, projected ones kept with their ticket. The
 * tickets are projected too unless read whole (`keep`: properties read whatever is selected).
 */
async function readTickets(
  ctx: RequestContext,
  conditions: Array<SqlCondition | null>,
  reads: TicketPageReads,
  keep: readonly string[],
  page?: { orderBy: string; limit: number },
): Promise<TicketEntity[]> {
  const joins = [
    ...joinOf(ctx, 'company', TICKET_RELATIONS.company, reads.company),
    ...joinOf(ctx, 'requester', TICKET_RELATIONS.requester, reads.requester),
    ...joinOf(ctx, 'assignee', TICKET_RELATIONS.assignee, reads.assignee),
  ];
  const projected = joins.filter((j) => !j.prime);
  // a projected ticket serves only the fields read ahead: its plain fields and the declared reads of its resolvers
  const properties =
    reads.ticket === 'whole' ? undefined : projectionFor(ctx.db, TicketEntity, new Set([...(reads.ticket ?? []), ...keep]));
  const rows = await selectEntitiesWith(ctx.db, { entity: TicketEntity, alias: 't', properties }, joins, conditions, page);
  for (const { entity: ticket, joined } of rows) {
    for (const { alias, prime } of joins) {
      const entity = joined[alias];
      if (entity && prime) prime(entity);
    }
    if (projected.length > 0) {
      const own: Partial<Record<RelationName, ObjectLiteral>> = {};
      for (const { alias, name } of projected) {
        const entity = joined[alias];
        if (entity) own[name] = entity;
      }
      (ticket as WithProjected)[PROJECTED] = own;
    }
  }
  return rows.map((row) => row.entity);
}

/**
 * One page of the tickets meeting `conditions` (the caller's scope and filters) in `order` (newest
 * first by default: createdAt, then id, descending), reading what `reads` says the operation
 * selects; `totalCount`, only when asked for, is one COUNT(*) over the same conditions.
 */
export function readTicketPage(
  ctx: RequestContext,
  conditions: SqlCondition[],
  args: PageArgs,
  reads: TicketPageReads = WHOLE_TICKETS,
  order: TicketOrder = TicketOrder.CREATED_AT_DESC,
) {
  const { keys, properties, tag } = ORDERS[order];
  const source: PageSource<TicketEntity> = {
    rows: (after, orderBy, limit) => readTickets(ctx, [...conditions, after], reads, properties, { orderBy, limit }),
    count: () => countEntities(ctx.db, TicketEntity, 't', conditions),
  };
  return paginate(source, args, keys, tag);
}

/**
 * The ticket meeting `conditions` (the caller's scope and an id), read as a page of one: what
 * `reads` selects, its relations joined. Read whole, it also primes the ticket loader.
 */
export async function readTicket(ctx: RequestContext, conditions: SqlCondition[], reads: TicketPageReads): Promise<TicketEntity | null> {
  const [ticket] = await readTickets(ctx, conditions, reads, []);
  if (ticket && reads.ticket === 'whole') ctx.loaders.ticket.prime(ticket.id, ticket);
  return ticket ?? null;
}
