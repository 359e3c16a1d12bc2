import type { AccountFilter } from '../../gql/graphql';

export type AccountKindChoice = 'all' | 'staff' | 'customers';

export interface AccountListFilter {
  search: string;
  kind: AccountKindChoice;
  showDisabled: boolean;
}

/** `?q=novak&kind=staff&disabled=1`: the list's filter lives in the URL, so reload and back keep it. */
export function accountFilterFromParams(params: URLSearchParams): AccountListFilter {
  const kind = params.get('kind');
  return {
    search: params.get('q') ?? '',
    kind: kind === 'staff' || kind === 'customers' ? kind : 'all',
    showDisabled: params.get('disabled') === '1',
  };
}

export function accountFilterToParams(filter: AccountListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.search.trim()) params.set('q', filter.search.trim());
  if (filter.kind !== 'all') params.set('kind', filter.kind);
  if (filter.showDisabled) params.set('disabled', '1');
  return params;
}

/** The API's filter: disabled accounts only when asked for (they cannot sign in). */
export function accountFilterVariables(filter: AccountListFilter): AccountFilter {
  return {
    search: filter.search.trim() || null,
    kind: filter.kind === 'staff' ? 'STAFF' : filter.kind === 'customers' ? 'CUSTOMER' : null,
    includeDisabled: filter.showDisabled,
  };
}

/** The filter as the CSV export takes it (`/export/accounts.csv?search=…&kind=STAFF&includeDisabled=false`): what the list shows. */
export function accountExportParams(filter: AccountListFilter): URLSearchParams {
  const { search, kind, includeDisabled } = accountFilterVariables(filter);
  const params = new URLSearchParams();
  if (search) params.set('search', search);
  if (kind) params.set('kind', kind);
  if (!includeDisabled) params.set('includeDisabled', 'false');
  return params;
}

/** Whether the list is narrowed (showing disabled accounts widens it, so it does not count). */
export const accountFilterActive = (filter: AccountListFilter) => filter.search.trim() !== '' || filter.kind !== 'all';
