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

/**
 * What the operation selects of each field named in `types` on the objects at `path` (e.g. a
 * connection's `['edges', 'node']`): for each, null when it is not selected; `'whole'` when any
 * field selected of it has a resolver (it may read anything of its parent); otherwise the names
 * of the plain fields, which are property reads (`simpleResolvers`, and no field-level
 * authorization: see schema.ts), so the object needs only those properties. `__typename` needs
 * nothing. For reading ahead only: type conditions and `@include`/`@skip` are not evaluated, so
 * more may be reported than will be resolved, never less.
 */
export function selectedPlainFields<K extends string>(
  info: GraphQLResolveInfo,
  path: readonly string[],
  types: Record<K, GraphQLObjectType>,
): Record<K, Set<string> | 'whole' | null> {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) sets = subSelections(sets, name, info);
  const result = {} as Record<K, Set<string> | 'whole' | null>;
  for (const name of Object.keys(types) as K[]) {
    const own = subSelections(sets, name, info);
    if (own.length === 0) {
      result[name] = null;
      continue;
    }
    const fields = types[name].getFields();
    let plain: Set<string> | 'whole' = new Set<string>();
    for (const field of fieldsOf(own, info)) {
      const fieldName = field.name.value;
      if (fieldName === '__typename') continue;
      const definition = fields[fieldName];
      if (!definition || definition.resolve) {
        plain = 'whole';
        break;
      }
      plain.add(fieldName);
    }
    result[name] = plain;
  }
  return result;
}
