import {
  DocumentNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLField,
  GraphQLSchema,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
} from 'graphql';
import { connectionComplexity, PAGE_QUERY_COST } from '../kernel/complexity';

/**
 * What a request actually used (docs/api.md "Requested cost"): the requested cost's formula over
 * what came back instead of what could have — each list that ran its page query (2), each object
 * returned (1), a connection's edges and page info free (they come with the page), introspection
 * free. The counts, searches and mutations that ran are added by the rate limiter
 * (graphql/list-work.ts). So a page of 80 of 100 tickets with their companies costs 2 + 80 × 2 and
 * 20 × 2 are refunded; the result never exceeds the requested cost of the same query.
 */

/** Points for one field's non-null value (per object, for a list per item), and what its objects' fields cost. */
interface FieldCost {
  own: number;
  fields: CostPlan | null;
}
/** By response key: only the fields that can return objects (leaves cost nothing). */
type CostPlan = Map<string, FieldCost>;

/** Own points of one object a field returns, by its `complexity` (kernel/complexity.ts, shared/pagination.ts). */
function ownCost(field: GraphQLField<unknown, unknown>, parentIsMutation: boolean): number {
  const complexity = field.extensions?.complexity as unknown;
  if (complexity === connectionComplexity) return PAGE_QUERY_COST; // the page query; its edges count their nodes
  if (typeof complexity === 'number') return complexity; // `pageInfo`: 0
  if (typeof complexity === 'function') return 0; // `edges`: an edge costs its node
  if (parentIsMutation) return 0; // the mutation's own 10 are counted by the rate limiter; its payload object is free
  return 1;
}

function fieldsOf(type: GraphQLNamedType): Record<string, GraphQLField<unknown, unknown>> | null {
  return isObjectType(type) || (isAbstractType(type) && 'getFields' in type) ? type.getFields() : null;
}

/** Merges `plan` into `into`: response keys of different fragments (on different types) become one upper bound. */
function merge(into: CostPlan, plan: CostPlan): void {
  for (const [key, cost] of plan) {
    const known = into.get(key);
    if (!known) into.set(key, cost);
    else {
      known.own = Math.max(known.own, cost.own);
      if (cost.fields) {
        if (!known.fields) known.fields = new Map();
        merge(known.fields, cost.fields);
      }
    }
  }
}

function planOf(
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): CostPlan {
  const plan: CostPlan = new Map();
  const isMutation = type === schema.getMutationType();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue; // introspection and __typename: free
      const field = fieldsOf(type)?.[name];
      if (!field) continue;
      const named = getNamedType(field.type);
      if (isLeafType(named)) continue;
      const fields = selection.selectionSet
        ? planOf(schema, named as GraphQLCompositeType, selection.selectionSet, fragments, visiting)
        : null;
      merge(plan, new Map([[selection.alias?.value ?? name, { own: ownCost(field, isMutation), fields }]]));
    } else {
      let condition: GraphQLCompositeType = type;
      let selections: SelectionSetNode | undefined;
      let name: string | null = null;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        selections = selection.selectionSet;
        if (selection.typeCondition) condition = (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) ?? type;
      } else {
        name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue; // validated documents have no cycles: this only guards the walk
        selections = fragment.selectionSet;
        condition = (schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType) ?? type;
      }
      if (name) visiting.add(name);
      merge(plan, planOf(schema, condition, selections, fragments, visiting));
      if (name) visiting.delete(name);
    }
  }
  return plan;
}

const plans = new WeakMap<OperationDefinitionNode, WeakMap<GraphQLSchema, CostPlan>>();

function operationPlan(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CostPlan | null {
  let bySchema = plans.get(operation);
  let plan = bySchema?.get(schema);
  if (plan) return plan;
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  plan = planOf(schema, root, operation.selectionSet, fragments, new Set());
  if (!bySchema) plans.set(operation, (bySchema = new WeakMap()));
  bySchema.set(schema, plan);
  return plan;
}

function costOf(value: unknown, cost: FieldCost): number {
  if (value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) {
    let sum = 0;
    for (const item of value) sum += costOf(item, cost);
    return sum;
  }
  return cost.own + (cost.fields ? costOfFields(value as Record<string, unknown>, cost.fields) : 0);
}

function costOfFields(object: Record<string, unknown>, plan: CostPlan): number {
  let sum = 0;
  for (const [key, cost] of plan) {
    const value = object[key];
    if (value !== undefined && value !== null) sum += costOf(value, cost);
  }
  return sum;
}

/** The objects and pages in `data` as the requested cost counts them (without counts, searches and mutations' own 10). */
export function returnedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  data: Record<string, unknown> | null | undefined,
): number {
  if (!data) return 0;
  const plan = operationPlan(schema, document, operation);
  return plan ? costOfFields(data, plan) : 0;
}
