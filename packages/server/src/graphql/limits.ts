import type { ApolloServerPlugin, GraphQLRequest, GraphQLRequestContext } from '@apollo/server';
import {
  DocumentNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  isLeafType,
  isListType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import type { QueryLimits } from '../config';
import { CostContext, MUTATION_COST, PLAIN_LIST_SIZE } from '../kernel/complexity';

/**
 * Limits checked after validation and before execution, so a refused request runs no resolver
 * and no SQL statement (docs/api.md "Limits and costs"). The token limit is graphql-js's own
 * `parse(…, { maxTokens })` (Apollo's `parseOptions`); its syntax error is renamed here.
 */

export const LimitCode = {
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_LONG: 'QUERY_TOO_LONG',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
} as const;
export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

/** A request refused for its shape or size. `limit` and `value` let clients react without parsing the message. */
export class QueryLimitError extends GraphQLError {
  constructor(code: LimitCode, message: string, limit: number, value: number | null) {
    // a refusal is expected and answered by its code, never with a stack: capturing one was a tenth
    // of the CPU of refusing a request (BENCHMARKS.md, S7)
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, { extensions: { code, limit, value, http: { status: 400 } } });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Cost: roughly the number of objects a query may load.

/** An object (a row, or something built from one): 1. Scalars and enums come with their object: 0. */
const OBJECT_COST = 1;
/** Introspection (`__schema`, `__type`, `__typename` and everything below them) is free: graphql-js bounds its nesting. */
const introspectionEstimator: ComplexityEstimator = ({ type, field }) =>
  field.name.startsWith('__') || type.name.startsWith('__') ? 0 : undefined;

/** Fields without a `complexity` option: objects 1, leaves 0, plain lists × 10, mutations 10. */
function defaultEstimator(schema: GraphQLSchema): ComplexityEstimator {
  const mutationType = schema.getMutationType();
  return ({ type, field, childComplexity }) => {
    if (type === mutationType) return MUTATION_COST + childComplexity;
    if (isLeafType(getNamedType(field.type))) return 0;
    const own = OBJECT_COST;
    const list = isListType(getNullableType(field.type));
    return list ? PLAIN_LIST_SIZE * (own + childComplexity) : own + childComplexity;
  };
}

/**
 * The requested cost of one operation, before it runs: the number the cost limit and the rate
 * limiter compare. Throws the GraphQLError of invalid variables, and a GraphQLError when the
 * document expands (through fragments) to more than 10 000 fields.
 */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [introspectionEstimator, fieldExtensionsEstimator(), defaultEstimator(schema)],
    // connections look through fragments for `totalCount` (kernel/complexity.ts)
    context: { fragments: fragmentsOf(document) } satisfies CostContext,
  });
}

// ---------------------------------------------------------------------------------------------
// Depth and aliases, through fragments (each fragment measured once, so fragment bombs are cheap).

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * How many fields deep the operation nests: `{ viewer { id } }` is 2. Introspection fields are
 * not counted (graphql-js's MaxIntrospectionDepthRule bounds them; the standard introspection
 * query is 15 deep).
 */
export function queryDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const depth = (selectionSet: SelectionSetNode | undefined): number => {
    let max = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) max = Math.max(max, 1 + depth(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, depth(selection.selectionSet));
      } else {
        const name = selection.name.value;
        if (!memo.has(name)) {
          memo.set(name, 0); // validated documents have no fragment cycles; this only guards the walk
          memo.set(name, depth(fragments.get(name)?.selectionSet));
        }
        max = Math.max(max, memo.get(name)!);
      }
    }
    return max;
  };
  return depth(operation.selectionSet);
}

/** Aliased fields the operation executes, counting a fragment once per use. */
export function aliasCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const count = (selectionSet: SelectionSetNode | undefined): number => {
    let sum = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        sum += (selection.alias ? 1 : 0) + count(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        sum += count(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (!memo.has(name)) {
          memo.set(name, 0);
          memo.set(name, count(fragments.get(name)?.selectionSet));
        }
        sum += memo.get(name)!;
      }
    }
    return sum;
  };
  return count(operation.selectionSet);
}

// ---------------------------------------------------------------------------------------------
// The Apollo plugin.

const costs = new WeakMap<GraphQLRequest, number>();

/** The requested cost computed for this request by the limits plugin (undefined: not computed, e.g. refused earlier). */
export function requestedCostOf(requestContext: Pick<GraphQLRequestContext<object>, 'request'>): number | undefined {
  return costs.get(requestContext.request);
}

/**
 * Figures already computed. Apollo keeps one parsed document per query text, so the few queries
 * clients repeat find their depth and aliases here (per document object) and their cost (per
 * document, schema and variables, in a bounded first-in-first-out cache) instead of walking the
 * document again on every request.
 */
interface DocumentFigures {
  id: number;
  depth: number;
  aliases: number;
}
const figuresOf = new WeakMap<OperationDefinitionNode, DocumentFigures>();
let nextFiguresId = 0;
const schemaIds = new WeakMap<GraphQLSchema, number>();
const costCache = new Map<string, number>();
const COST_CACHE_SIZE = 1000;
/** Longer variables (large inputs) are not worth keeping: their cost is computed every time. */
const COST_CACHE_MAX_KEY = 1000;

function figures(document: DocumentNode, operation: OperationDefinitionNode): DocumentFigures {
  let known = figuresOf.get(operation);
  if (!known) {
    known = { id: nextFiguresId++, depth: queryDepth(document, operation), aliases: aliasCount(document, operation) };
    figuresOf.set(operation, known);
  }
  return known;
}

function cachedRequestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  known: DocumentFigures,
  variables: Record<string, unknown> | null | undefined,
): number {
  let schemaId = schemaIds.get(schema);
  if (schemaId === undefined) schemaIds.set(schema, (schemaId = nextFiguresId++));
  const key = `${schemaId}:${known.id}:${JSON.stringify(variables ?? {})}`;
  let cost = costCache.get(key);
  if (cost === undefined) {
    cost = requestedCost(schema, document, variables, operation.name?.value);
    if (key.length <= COST_CACHE_MAX_KEY) {
      if (costCache.size >= COST_CACHE_SIZE) costCache.delete(costCache.keys().next().value!);
      costCache.set(key, cost);
    }
  }
  return cost;
}

/** Checks, in this order, depth, aliases and cost of the operation about to run. */
export function checkLimits(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
  onCost: (cost: number) => void = () => undefined,
): number | null {
  const known = figures(document, operation);
  const depth = known.depth;
  if (depth > limits.maxDepth) {
    throw new QueryLimitError(
      LimitCode.QUERY_TOO_DEEP,
      `The query is ${depth} fields deep; the maximum depth is ${limits.maxDepth}`,
      limits.maxDepth,
      depth,
    );
  }
  const aliases = known.aliases;
  if (aliases > limits.maxAliases) {
    throw new QueryLimitError(
      LimitCode.TOO_MANY_ALIASES,
      `The query uses ${aliases} aliases; the maximum is ${limits.maxAliases}`,
      limits.maxAliases,
      aliases,
    );
  }
  let cost: number;
  try {
    cost = cachedRequestedCost(schema, document, operation, known, variables);
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      throw new QueryLimitError(
        LimitCode.QUERY_TOO_COSTLY,
        `The query expands to too many fields to estimate its cost; the maximum cost is ${limits.maxCost}`,
        limits.maxCost,
        null,
      );
    }
    // invalid variables: execution reports them, before any resolver runs
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  onCost(cost);
  if (cost > limits.maxCost) {
    throw new QueryLimitError(
      LimitCode.QUERY_TOO_COSTLY,
      `The query's requested cost is ${cost}; the maximum cost is ${limits.maxCost}`,
      limits.maxCost,
      cost,
    );
  }
  return cost;
}

export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return; // no such operation: execution reports it
          checkLimits(limits, schema, document, operation, request.variables, (cost) => costs.set(request, cost));
        },
      };
    },
  };
}

/** Apollo's parse options: graphql-js stops reading a document after this many tokens. */
export function parseOptionsFor(limits: QueryLimits) {
  return { maxTokens: limits.maxTokens };
}

/** graphql-js's "Document contains more than N tokens" syntax error, as this API's QUERY_TOO_LONG. */
export function tokenLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  // graphql-js 16 says "more that N tokens"
  const match = /Document contains more th[ae][nt] (\d+) tokens/.exec(formatted.message);
  if (!match || formatted.extensions?.code !== 'GRAPHQL_PARSE_FAILED') return null;
  const limit = Number(match[1]);
  return {
    message: `The query has more than ${limit} tokens; the maximum is ${limit}`,
    extensions: { code: LimitCode.QUERY_TOO_LONG, limit, value: null },
  };
}
