import { defaultFieldResolver, getNamedType, GraphQLFieldResolver, GraphQLSchema, isObjectType } from 'graphql';
import { countCost, isSearched, SEARCH_COST } from '../kernel/complexity';

/**
 * The database work of lists that returns no objects: a `totalCount` (a COUNT over every matching
 * row) and a search (a LIKE scan). The requested cost charges it before execution
 * (kernel/complexity.ts); this meter records what actually ran, so the rate limiter's refund
 * (graphql/rate-limit.plugin.ts) gives back only the objects and work that did not happen — 30
 * counted searches cost their 30 scans, not the 30 numbers they return.
 */

/** Points of work per operation, keyed by the operation's context object (the one every resolver gets). */
const work = new WeakMap<object, number>();
/** Pages whose list searched: their count scans too. */
const searchedPages = new WeakSet<object>();
/** Pages whose count was charged: aliases of `totalCount` in one list share one COUNT. */
const countedPages = new WeakSet<object>();

function charge(context: unknown, points: number): void {
  if (context === null || typeof context !== 'object') return;
  work.set(context, (work.get(context) ?? 0) + points);
}

/** The work points charged so far for the operation of this context. */
export function listWorkOf(context: object): number {
  return work.get(context) ?? 0;
}

/** Starts the operation of this context at zero. */
export function resetListWork(context: object): void {
  work.delete(context);
}

function markSearched(context: unknown, page: unknown): unknown {
  if (page !== null && typeof page === 'object') {
    searchedPages.add(page);
    charge(context, SEARCH_COST);
  }
  return page;
}

/**
 * Wraps every connection field (type `…Connection` with a `totalCount`) to charge a search when
 * its arguments search, and every `totalCount` to charge its count once per page. Installed last
 * in graphql/schema.ts, around the other wrappers.
 */
export function meterListWork(schema: GraphQLSchema): GraphQLSchema {
  const connections = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || !type.name.endsWith('Connection')) continue;
    const totalCount = type.getFields().totalCount;
    if (!totalCount) continue;
    connections.add(type.name);
    const resolve: GraphQLFieldResolver<unknown, unknown> = totalCount.resolve ?? defaultFieldResolver;
    totalCount.resolve = (page, args, context, info) => {
      if (page !== null && typeof page === 'object' && !countedPages.has(page)) {
        countedPages.add(page);
        charge(context, countCost(searchedPages.has(page)));
      }
      return resolve(page, args, context, info);
    };
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!connections.has(getNamedType(field.type).name) || !field.args.some((arg) => arg.name === 'filter')) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        const result = resolve(source, args, context, info);
        if (!isSearched(args)) return result;
        return typeof (result as PromiseLike<unknown> | null)?.then === 'function'
          ? (result as PromiseLike<unknown>).then((page) => markSearched(context, page))
          : markSearched(context, result);
      };
    }
  }
  return schema;
}
