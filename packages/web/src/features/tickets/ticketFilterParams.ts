import type { TicketOrder, TicketStatus } from '../../gql/graphql';
import { STATUSES } from './StatusBadge';

export interface TicketListFilter {
  companyId: string | null;
  statuses: TicketStatus[];
  /** Part of the title, or a ticket id (`?q=`). */
  search: string;
  /** How the list is sorted (`?sort=`; newest first when absent). Not a filter: clearing the filters keeps it. */
  sort: TicketSort;
}

export type TicketSort = 'newest' | 'oldest' | 'updated';
export const TICKET_SORTS: readonly TicketSort[] = ['newest', 'oldest', 'updated'];

/** The API's order for a sort; null for the default (newest first), so the default request stays what it was. */
export const ORDER_OF: Record<TicketSort, TicketOrder | null> = { newest: null, oldest: 'CREATED_AT_ASC', updated: 'UPDATED_AT_DESC' };

/** `?company=cmp_…&status=OPEN&status=WAITING&q=printer`: the filter lives in the URL, so reload and back keep it. */
export function ticketFilterFromParams(params: URLSearchParams): TicketListFilter {
  const chosen = new Set(params.getAll('status'));
  const sort = TICKET_SORTS.find((s) => s === params.get('sort')) ?? 'newest';
  return { companyId: params.get('company') || null, statuses: STATUSES.filter((s) => chosen.has(s)), search: params.get('q') ?? '', sort };
}

export function ticketFilterToParams(filter: TicketListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.companyId) params.set('company', filter.companyId);
  // canonical order: the same filter is the same URL and the same cache entry
  for (const s of STATUSES) if (filter.statuses.includes(s)) params.append('status', s);
  if (filter.search.trim()) params.set('q', filter.search.trim());
  if (filter.sort !== 'newest') params.set('sort', filter.sort);
  return params;
}

/** The filter as the CSV export takes it (`/export/tickets.csv?companyId=…&status=…&search=…`): what the list shows. */
export function ticketExportParams(filter: TicketListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.companyId) params.set('companyId', filter.companyId);
  for (const s of STATUSES) if (filter.statuses.includes(s)) params.append('status', s);
  if (filter.search.trim()) params.set('search', filter.search.trim());
  const orderBy = ORDER_OF[filter.sort];
  if (orderBy) params.set('orderBy', orderBy); // the file in the order the list shows
  return params;
}

/** Whether the list is narrowed at all (its empty state then offers to clear the filters). */
export const ticketFilterActive = (filter: TicketListFilter) =>
  filter.companyId !== null || filter.statuses.length > 0 || filter.search.trim() !== '';

export const NO_TICKET_FILTER: TicketListFilter = { companyId: null, statuses: [], search: '', sort: 'newest' };
