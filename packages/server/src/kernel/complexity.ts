import { FieldNode, FragmentDefinitionNode, Kind, SelectionSetNode } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/pagination';

// Cost: roughly the number of objects a query may load (graphql/limits.ts applies it).

/** A mutation field: 10 plus its payload (it writes, audits and runs in a transaction). */
export const MUTATION_COST = 10;
/** A list that is not a connection (`Company.children`, `Account.memberships`, ...) counts as this many items. */
export const PLAIN_LIST_SIZE = 10;

/** A connection's page query (its own object, page info and edges come with it): the `2` of docs/api.md "Requested cost". */
export const PAGE_QUERY_COST = 2;

/** Page size used for the cost: the requested `first` (default 20), clamped to 0…100 (larger is INVALID_INPUT anyway). */
export function costPageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(Math.trunc(first), 0), MAX_PAGE_SIZE);
}

/**
 * `totalCount`: one COUNT over every row the list matches — at least the work of reading its
 * largest page, so it costs what a page of 100 objects costs. Charged once per list, however
 * often the field is aliased inside it (the page object computes the count once).
 */
export const COUNT_COST = MAX_PAGE_SIZE;
/**
 * A search (a non-empty `filter.search`: `LIKE '%…%'`, which no index serves) scans the rows the
 * other conditions leave: the page query costs this much more, and so does the list's `totalCount`.
 */
export const SEARCH_COST = MAX_PAGE_SIZE;

/** Whether a list's arguments search (what `containsPattern` turns into a LIKE: a non-blank `filter.search`). */
export function isSearched(args: Record<string, unknown> | null | undefined): boolean {
  const filter = args?.filter as { search?: unknown } | null | undefined;
  return typeof filter?.search === 'string' && filter.search.trim() !== '';
}

/** What a list's `totalCount` costs: a count, and a second scan when the list searches. */
export const countCost = (searched: boolean): number => COUNT_COST + (searched ? SEARCH_COST : 0);

/** What the cost estimator passes on to field complexities: the document's fragments (see graphql/limits.ts). */
export interface CostContext extends Record<string, unknown> {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

/**
 * Whether the selection of a connection asks for `totalCount` (directly, or through inline
 * fragments and fragment spreads; `@skip`/`@include` are not evaluated: the cost is an upper
 * bound). Without the fragments, a spread counts as asking.
 */
function selectsTotalCount(
  selectionSet: SelectionSetNode | undefined,
  context: CostContext | undefined,
  seen = new Set<string>(),
): boolean {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === 'totalCount') return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selectsTotalCount(selection.selectionSet, context, seen)) return true;
    } else {
      const name = selection.name.value;
      if (!context?.fragments) return true;
      if (seen.has(name)) continue;
      seen.add(name);
      if (selectsTotalCount(context.fragments.get(name)?.selectionSet, context, seen)) return true;
    }
  }
  return false;
}

/**
 * TypeGraphQL `complexity` of every connection field (docs/api.md "Requested cost"): 2 (the page
 * query) plus `first` times the cost of one edge; a search adds SEARCH_COST; `totalCount`, when
 * selected, adds `countCost` (not multiplied by `first`: one count per list).
 */
export const connectionComplexity = ({
  args,
  childComplexity,
  node,
  context,
}: {
  args: Record<string, unknown>;
  childComplexity: number;
  node?: FieldNode;
  context?: Record<string, unknown>;
}): number => {
  const searched = isSearched(args);
  const count = selectsTotalCount(node?.selectionSet, context as CostContext | undefined) ? countCost(searched) : 0;
  return PAGE_QUERY_COST + (searched ? SEARCH_COST : 0) + costPageSize(args.first) * childComplexity + count;
};
