import type { TicketStatus } from '../../gql/graphql';
import { STATUSES } from './StatusBadge';

export interface TicketListFilter {
  companyId: string | null;
  statuses: TicketStatus[];
  /** Part of the title, or a ticket id (`?q=`). */
  search: string;
}

/** `?company=cmp_…&status=OPEN&status=WAITING&q=printer`: the filter lives in the URL, so reload and back keep it. */
export function ticketFilterFromParams(params: URLSearchParams): TicketListFilter {
  const chosen = new Set(params.getAll('status'));
  return { companyId: params.get('company') || null, statuses: STATUSES.filter((s) => chosen.has(s)), search: params.get('q') ?? '' };
}

export function ticketFilterToParams(filter: TicketListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.companyId) params.set('company', filter.companyId);
  // canonical order: the same filter is the same URL and the same cache entry
  for (const s of STATUSES) if (filter.statuses.includes(s)) params.append('status', s);
  if (filter.search.trim()) params.set('q', filter.search.trim());
  return params;
}

/** The filter as the CSV export takes it (`/export/tickets.csv?companyId=…&status=…&search=…`): what the list shows. */
export function ticketExportParams(filter: TicketListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.companyId) params.set('companyId', filter.companyId);
  for (const s of STATUSES) if (filter.statuses.includes(s)) params.append('status', s);
  if (filter.search.trim()) params.set('search', filter.search.trim());
  return params;
}

/** Whether the list is narrowed at all (its empty state then offers to clear the filters). */
export const ticketFilterActive = (filter: TicketListFilter) =>
  filter.companyId !== null || filter.statuses.length > 0 || filter.search.trim() !== '';

export const NO_TICKET_FILTER: TicketListFilter = { companyId: null, statuses: [], search: '' };
