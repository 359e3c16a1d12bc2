import { FieldNode, GraphQLField, GraphQLResolveInfo, isObjectType, Kind, SelectionSetNode } from 'graphql';
import { Extensions, getMetadataStorage } from 'type-graphql';
import { getMetadataArgsStorage } from 'typeorm';

/** The field extension under which `@Reads` records what a field resolver reads of its object. */
const READS = 'readsOfRoot';

/**
 * Declares, beside a field resolver, the only properties it reads of its `@Root()` entity (a
 * foreign key, say): an operation that selects it with plain fields can then be served by a row
 * read with only those columns (see `selectedProperties`). A resolver without it may read
 * anything, and selecting it reads the whole row. Checked when the schema is built
 * (`assertDeclaredReads`): each property must be a column of the root's entity.
 */
export function Reads(...properties: string[]): MethodDecorator {
  return Extensions({ [READS]: properties }) as MethodDecorator;
}

/** What a field's resolver declared it reads of its object (`@Reads`); undefined when it declared nothing. */
export function declaredReads(field: GraphQLField<unknown, unknown>): readonly string[] | undefined {
  return field.extensions?.[READS] as readonly string[] | undefined;
}

/**
 * Refuses a schema where a `@Reads` names something that is not a column of the resolver's
 * `@Root()` entity (TypeORM's decorators), or sits on a resolver without a typed root: a
 * projection built from it would lack what the resolver reads. Run when the schema is built (the
 * resolvers' metadata is complete then).
 */
export function assertDeclaredReads(): void {
  const columns = getMetadataArgsStorage().columns;
  const problems: string[] = [];
  for (const resolver of getMetadataStorage().fieldResolvers) {
    const reads = resolver.extensions?.[READS] as readonly string[] | undefined;
    if (!reads) continue;
    const name = `${resolver.getObjectType?.()?.name ?? '?'}.${resolver.schemaName}`;
    const root = resolver.params?.find((p) => p.kind === 'root');
    const entity = root?.kind === 'root' ? root.getType?.() : undefined;
    if (typeof entity !== 'function' || entity === Object) {
      problems.push(`${name}: @Reads needs a @Root() typed with its entity class`);
      continue;
    }
    // the entity's columns, its base classes' included
    const isOwn = (target: unknown) => target === entity || (typeof target === 'function' && entity.prototype instanceof target);
    const own = new Set(columns.filter((c) => isOwn(c.target)).map((c) => c.propertyName));
    for (const property of reads) if (!own.has(property)) problems.push(`${name}: ${property} is no column of ${entity.name}`);
  }
  if (problems.length > 0) throw new Error(`@Reads that a projection cannot honour:\n  ${problems.join('\n  ')}`);
}

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

/** What an operation reads of an object: nothing (null), the whole object, or only these properties. */
export type PropertiesRead = ReadonlySet<string> | 'whole' | null;

/**
 * The properties the operation reads of each field named in `objects` (by its object type's name)
 * on the objects at `path` (e.g. a connection's `['edges', 'node']`): for each, null when it is not
 * selected; otherwise the plain fields selected — property reads (`simpleResolvers`, and no
 * field-level authorization: see schema.ts) — with what their resolvers declare they read
 * (`@Reads`), or `'whole'` as soon as a field whose resolver declares nothing is selected.
 * `__typename` reads nothing. For reading ahead only: type conditions and `@include`/`@skip` are
 * not evaluated, so more may be reported than will be resolved, never less.
 */
export function selectedProperties<K extends string>(
  info: GraphQLResolveInfo,
  path: readonly string[],
  objects: Record<K, string>,
): Record<K, PropertiesRead> {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) sets = subSelections(sets, name, info);
  const result = {} as Record<K, PropertiesRead>;
  for (const name of Object.keys(objects) as K[]) {
    const own = subSelections(sets, name, info);
    result[name] = own.length === 0 ? null : propertiesOf(own, objects[name], info);
  }
  return result;
}

/** As `selectedProperties`, for the object the resolving field itself returns (of type `typeName`). */
export function propertiesSelected(info: GraphQLResolveInfo, typeName: string): PropertiesRead {
  const own = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  return own.length === 0 ? null : propertiesOf(own, typeName, info);
}

/** What the selection sets `own` of an object of type `typeName` read of it. */
function propertiesOf(own: SelectionSetNode[], typeName: string, info: GraphQLResolveInfo): Set<string> | 'whole' {
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const fields = type.getFields();
  const read = new Set<string>();
  for (const field of fieldsOf(own, info)) {
    const fieldName = field.name.value;
    if (fieldName === '__typename') continue;
    const definition = fields[fieldName];
    const declared = definition && declaredReads(definition);
    if (definition && !definition.resolve) read.add(fieldName);
    else if (declared) for (const property of declared) read.add(property);
    else return 'whole';
  }
  return read;
}
