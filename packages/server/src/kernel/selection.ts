import { FieldNode, GraphQLObjectType, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/** The fields of selection sets, through inline fragments and fragment spreads. */
function fieldsOf(sets: readonly SelectionSetNode[], info: GraphQLResolveInfo): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return fields;
}

/** The selection sets of the fields named `name` among `sets` (every alias and fragment of it). */
function subSelections(sets: readonly SelectionSetNode[], name: string, info: GraphQLResolveInfo): SelectionSetNode[] {
  return fieldsOf(sets, info).flatMap((field) => (field.name.value === name && field.selectionSet ? [field.selectionSet] : []));
}

/** An object type to read ahead, with the properties its field resolvers read, where declared. */
export interface ReadAhead {
  type: GraphQLObjectType;
  /**
   * Fields with a resolver that read nothing of their object but these properties (a foreign key,
   * say). A resolver not listed may read anything: selecting it asks for the whole object.
   */
  resolverReads?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The properties the operation reads of each field named in `objects` on the objects at `path`
 * (e.g. a connection's `['edges', 'node']`): for each, null when it is not selected; otherwise the
 * plain fields selected — property reads (`simpleResolvers`, and no field-level authorization:
 * see schema.ts) — with what their declared resolvers read, or `'whole'` as soon as a field with
 * an undeclared resolver is selected. `__typename` reads nothing. For reading ahead only: type
 * conditions and `@include`/`@skip` are not evaluated, so more may be reported than will be
 * resolved, never less.
 */
export function selectedProperties<K extends string>(
  info: GraphQLResolveInfo,
  path: readonly string[],
  objects: Record<K, ReadAhead>,
): Record<K, Set<string> | 'whole' | null> {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) sets = subSelections(sets, name, info);
  const result = {} as Record<K, Set<string> | 'whole' | null>;
  for (const name of Object.keys(objects) as K[]) {
    const own = subSelections(sets, name, info);
    if (own.length === 0) {
      result[name] = null;
      continue;
    }
    const { type, resolverReads = {} } = objects[name];
    const fields = type.getFields();
    let read: Set<string> | 'whole' = new Set<string>();
    for (const field of fieldsOf(own, info)) {
      const fieldName = field.name.value;
      if (fieldName === '__typename') continue;
      const definition = fields[fieldName];
      if (definition && !definition.resolve) read.add(fieldName);
      else if (definition && Object.hasOwn(resolverReads, fieldName)) for (const property of resolverReads[fieldName]) read.add(property);
      else {
        read = 'whole';
        break;
      }
    }
    result[name] = read;
  }
  return result;
}
