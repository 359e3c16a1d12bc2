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

/**
 * Names of the fields the operation selects at `path` below the resolver's own field (e.g.
 * `['edges', 'node']` of a connection). For reading ahead only: type conditions and
 * `@include`/`@skip` are not evaluated, so a name may be reported that will not be resolved —
 * a caller may fetch a little more than needed, never less than what the field resolvers load.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    sets = fieldsOf(sets, info).flatMap((field) => (field.name.value === name && field.selectionSet ? [field.selectionSet] : []));
  }
  return new Set(fieldsOf(sets, info).map((field) => field.name.value));
}

/**
 * What the operation selects of the object at `path`: null when nothing (the field is not
 * selected); `'whole'` when any selected field has a resolver (it may read anything of its parent);
 * otherwise the names of the plain fields, which are property reads (`simpleResolvers`, and no
 * field-level authorization: see schema.ts), so the object needs only those properties.
 * `__typename` needs nothing. The same read-ahead caveat as `selectedFieldNames`: never less.
 */
export function selectedPlainFields(
  info: GraphQLResolveInfo,
  path: readonly string[],
  type: GraphQLObjectType,
): Set<string> | 'whole' | null {
  const parentPath = path.slice(0, -1);
  const own = path[path.length - 1];
  if (!selectedFieldNames(info, parentPath).has(own)) return null;
  const fields = type.getFields();
  const plain = new Set<string>();
  for (const name of selectedFieldNames(info, path)) {
    if (name === '__typename') continue;
    const field = fields[name];
    if (!field || field.resolve) return 'whole';
    plain.add(name);
  }
  return plain;
}
