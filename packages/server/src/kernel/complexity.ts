import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/pagination';

// Cost: roughly the number of objects a query may load (graphql/limits.ts applies it).

/** A mutation field: 10 plus its payload (it writes, audits and runs in a transaction). */
export const MUTATION_COST = 10;
/** A list that is not a connection (`Company.children`, `Account.memberships`, ...) counts as this many items. */
export const PLAIN_LIST_SIZE = 10;

/** Page size used for the cost: the requested `first` (default 20), clamped to 0…100 (larger is INVALID_INPUT anyway). */
export function costPageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(Math.trunc(first), 0), MAX_PAGE_SIZE);
}

/**
 * TypeGraphQL `complexity` of every connection field: 2 (the page query and the count) plus
 * `first` times the cost of one edge.
 */
export const connectionComplexity = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number =>
  2 + costPageSize(args.first) * childComplexity;
