import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidInput } from './errors';
import { isoString } from './iso-date';
import type { SqlCondition } from './sql-condition';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Relay's PageInfo. Every list pages forward only (`first`, `after`), so `hasPreviousPage` is
 * always false, as Relay allows when paginating with first/after (docs/decisions.md "Issue 15:
 * incremental sync").
 */
@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field({ description: 'Always false: lists page forward only (first/after), as Relay allows.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first edge; null without edges.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the last edge (pass it as `after`); null without edges.' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Evaluated only when the client asks for it (a getter): no COUNT query otherwise. */
  readonly totalCount: number | Promise<number>;
}

/** `<Name>Edge` and `<Name>Connection` types of the contract for one node type. */
export function connectionOf<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType {
    // costs (src/graphql/limits.ts): the connection field multiplies one edge by `first`; an edge
    // costs its node; the page info and the count are covered by the connection's own 2
    @Field(() => [EdgeType], { complexity: ({ childComplexity }) => childComplexity })
    edges: EdgeType[];

    @Field(() => PageInfo, { complexity: 0 })
    pageInfo: PageInfo;

    // a getter that may return a promise: a resolver awaits it (graphql-jit reads plain fields as values)
    @Field(() => Int, { complexity: 0, simple: false })
    totalCount: number;
  }
  return ConnectionType;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export function pageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw invalidInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, ['first']);
  }
  return first;
}

type CursorValue = string | number;

export interface SortKey<T> {
  /** SQL expression of the column, e.g. `t.created_at`. */
  column: string;
  direction: 'ASC' | 'DESC';
  /** The value of this column in a row, as stored in the cursor. */
  valueOf: (row: T) => CursorValue | Date;
  /** Dates travel in cursors as ISO strings. */
  isDate?: boolean;
}

function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The values of a cursor of keys of `arity`, after its `tag` when the list's cursors carry one. */
function decodeCursor(cursor: string, arity: number, tag: string | undefined): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const tagged = tag === undefined ? 0 : 1;
    if (
      Array.isArray(values) &&
      values.length === arity + tagged &&
      (tag === undefined || values[0] === tag) &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values.slice(tagged) as CursorValue[];
    }
  } catch {
    // fall through: any malformed cursor is the same input error
  }
  throw invalidInput('after is not a cursor of this list', ['after']);
}

/**
 * An edge whose cursor is encoded when read: the web client's lists select nodes and the page's
 * end cursor, rarely each edge's cursor (100 members: 100 JSON encodings saved).
 */
class LazyEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly keys: SortKey<T>[],
    private readonly tag: string | undefined,
  ) {}

  get cursor(): string {
    const values = this.keys.map((key) => {
      const value = key.valueOf(this.node);
      return value instanceof Date ? isoString(value) : value;
    });
    return encodeCursor(this.tag === undefined ? values : [this.tag, ...values]);
  }
}

/** A page's PageInfo whose cursors are encoded when read (most clients read only `endCursor`, many not even that). */
class LazyPageInfo<T> implements PageInfo {
  readonly hasPreviousPage = false;

  constructor(
    private readonly edges: Edge<T>[],
    readonly hasNextPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges.length > 0 ? this.edges[0].cursor : null;
  }

  get endCursor(): string | null {
    return this.edges.length > 0 ? this.edges[this.edges.length - 1].cursor : null;
  }
}

/**
 * Where the rows of a page come from when not from a query builder: `rows` reads the matching rows
 * that also meet `after` (the cursor's range condition), in `orderBy`, at most `limit` of them.
 */
export interface PageSource<T> {
  rows(after: SqlCondition | null, orderBy: string, limit: number): Promise<T[]>;
  count(): Promise<number>;
}

function queryBuilderSource<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, keys: SortKey<T>[]): PageSource<T> {
  return {
    rows(after, _orderBy, limit) {
      const page = query.clone();
      if (after) page.andWhere(after.sql, after.params);
      keys.forEach((key, i) => (i === 0 ? page.orderBy(key.column, key.direction) : page.addOrderBy(key.column, key.direction)));
      return page.limit(limit).getMany();
    },
    count: () => query.clone().getCount(),
  };
}

/**
 * Keyset pagination: the page after the cursor is a range condition on the sort key (served by
 * the index that ends with it), never an OFFSET, so page 2 000 costs what page 1 costs. A list
 * with several orders gives the cursors of all but one a `tag` (their first value), so a cursor
 * of one order is refused by another.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T> | PageSource<T>,
  args: PageArgs,
  keys: SortKey<T>[],
  tag?: string,
): Promise<Page<T>> {
  const size = pageSize(args.first);
  const source = query instanceof SelectQueryBuilder ? queryBuilderSource(query, keys) : query;
  let after: SqlCondition | null = null;
  if (args.after) {
    const values = decodeCursor(args.after, keys.length, tag).map((v, i) => {
      if (!keys[i].isDate) return v;
      const date = new Date(v);
      if (Number.isNaN(date.getTime())) throw invalidInput('after is not a cursor of this list', ['after']);
      return date;
    });
    // (k0, k1, ...) after (v0, v1, ...) in the sort order, written out for SQLite and MySQL alike
    const ors: string[] = [];
    const params: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      const ands = keys.slice(0, i).map((prev, j) => `${prev.column} = :cursor${j}`);
      ands.push(`${key.column} ${key.direction === 'DESC' ? '<' : '>'} :cursor${i}`);
      ors.push(`(${ands.join(' AND ')})`);
      params[`cursor${i}`] = values[i];
    });
    after = { sql: `(${ors.join(' OR ')})`, params };
  }
  const orderBy = keys.map((key) => `${key.column} ${key.direction}`).join(', ');
  const rows = size === 0 ? [] : await source.rows(after, orderBy, size + 1);
  const hasNextPage = rows.length > size;
  const edges = rows.slice(0, size).map((node) => new LazyEdge(node, keys, tag));
  let count: Promise<number> | null = null;
  return {
    edges,
    pageInfo: new LazyPageInfo(edges, hasNextPage),
    get totalCount() {
      count ??= source.count();
      return count;
    },
  };
}
