import type { Driver, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Entities from a hand-written SELECT, for hot paths where building the statement with TypeORM's
 * query builder costs more CPU than running it. `columnsOf` lists an entity's columns as
 * `<alias>.<column> AS <alias>_<column>`; `hydrate` turns such a row back into the entity with the
 * driver's own conversions (dates and booleans as TypeORM reads them on SQLite and MySQL).
 */
interface Shape {
  metadata: EntityMetadata;
  /** `<alias>.<column> AS <alias>_<column>, ...` */
  list: string;
  /** Each column with its key in a row (`<alias>_<column>`) and how its value is set. */
  fields: Array<{ key: string; column: ColumnMetadata; property: string; set: 'as-read' | 'converted' | 'typeorm' }>;
}

/** Column types whose value TypeORM's drivers hydrate unchanged (without a transformer). */
const AS_READ_TYPES = new Set(['varchar', 'text', 'int']);

/**
 * How a column's value reaches the entity: a plain property set where TypeORM would do just that
 * (no embedded, virtual or relation column, no transformer), unconverted for the types the drivers
 * return as read; TypeORM's own conversion and setter otherwise.
 */
function setterOf(column: ColumnMetadata): 'as-read' | 'converted' | 'typeorm' {
  if (column.embeddedMetadata || column.isVirtual || column.relationMetadata || column.transformer) return 'typeorm';
  return typeof column.type === 'string' && AS_READ_TYPES.has(column.type) ? 'as-read' : 'converted';
}

// per data source, per table and alias: built once (a lookup per row cost more than the row's conversions)
const shapes = new WeakMap<object, Map<EntityTarget<ObjectLiteral>, Map<string, Shape>>>();

function shapeOf(db: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): Shape {
  let byEntity = shapes.get(db.connection);
  if (!byEntity) shapes.set(db.connection, (byEntity = new Map()));
  let byAlias = byEntity.get(entity);
  if (!byAlias) byEntity.set(entity, (byAlias = new Map()));
  let shape = byAlias.get(alias);
  if (shape === undefined) {
    const metadata = db.connection.getMetadata(entity);
    const escape = (name: string) => db.connection.driver.escape(name);
    const columns = metadata.columns.filter((c) => c.isSelect); // as TypeORM: `select: false` columns stay out
    shape = {
      metadata,
      list: columns.map((c) => `${alias}.${escape(c.databaseName)} AS ${escape(`${alias}_${c.databaseName}`)}`).join(', '),
      fields: columns.map((column) => ({
        key: `${alias}_${column.databaseName}`,
        column,
        property: column.propertyName,
        set: setterOf(column),
      })),
    };
    byAlias.set(alias, shape);
  }
  return shape;
}

export function columnsOf(db: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  return shapeOf(db, entity, alias).list;
}

function hydrateShape<T>(driver: Driver, shape: Shape, row: Record<string, unknown>): T {
  const result = shape.metadata.create(undefined, { fromDeserializer: true }) as ObjectLiteral;
  for (const { key, column, property, set } of shape.fields) {
    const value = row[key];
    if (value === undefined) continue;
    if (set === 'as-read') result[property] = value;
    else if (set === 'converted') result[property] = driver.prepareHydratedValue(value, column);
    else column.setEntityValue(result, driver.prepareHydratedValue(value, column));
  }
  return result as T;
}

export function hydrate<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  row: Record<string, unknown>,
): T {
  return hydrateShape(db.connection.driver, shapeOf(db, entity, alias), row);
}

/** A condition with TypeORM-style named parameters (`:name`, `:...list`), as the visibility scopes build them. */
export interface RawCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * A row's related entity read in the same SELECT: `LEFT JOIN <entity's table> <alias> ON <on>`.
 * Always a LEFT JOIN, so the main table stays the one the database reads first (in its index
 * order) and a missing related row reads as null.
 */
export interface RawJoin {
  entity: EntityTarget<ObjectLiteral>;
  alias: string;
  on: string;
}

/** `SELECT <every column> FROM <entity's table> <alias> WHERE <all conditions> [ORDER BY ..] [LIMIT n]`, as entities. */
export async function selectEntities<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  conditions: Array<RawCondition | null>,
  page?: { orderBy: string; limit: number },
): Promise<T[]> {
  const rows = await selectEntitiesWith(db, entity, alias, [], conditions, page);
  return rows.map((row) => row.entity);
}

/**
 * As `selectEntities`, with related entities joined in the same statement: each result carries
 * the entity and, by join alias, the joined entity or null.
 */
export async function selectEntitiesWith<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  joins: RawJoin[],
  conditions: Array<RawCondition | null>,
  page?: { orderBy: string; limit: number },
): Promise<Array<{ entity: T; joined: Record<string, ObjectLiteral | null> }>> {
  const present = conditions.filter((c): c is RawCondition => c !== null);
  const driver = db.connection.driver;
  const shape = shapeOf(db, entity, alias);
  const joined = joins.map((join) => {
    const joinShape = shapeOf(db, join.entity, join.alias);
    return {
      alias: join.alias,
      on: join.on,
      shape: joinShape,
      idKey: `${join.alias}_${joinShape.metadata.primaryColumns[0].databaseName}`,
    };
  });
  const columns = [shape, ...joined.map((j) => j.shape)].map((s) => s.list).join(', ');
  const tables = [
    `${driver.escape(shape.metadata.tableName)} ${alias}`,
    ...joined.map((j) => `LEFT JOIN ${driver.escape(j.shape.metadata.tableName)} ${j.alias} ON ${j.on}`),
  ].join(' ');
  const where = present.length ? ` WHERE ${present.map((c) => `(${c.sql})`).join(' AND ')}` : '';
  const tail = page ? ` ORDER BY ${page.orderBy} LIMIT ${Math.trunc(page.limit)}` : '';
  const [sql, values] = driver.escapeQueryWithParameters(
    `SELECT ${columns} FROM ${tables}${where}${tail}`,
    Object.assign({}, ...present.map((c) => c.params)),
    {},
  );
  const rows: Array<Record<string, unknown>> = await db.query(sql, values);
  // a related row repeats on many rows (a page's companies and people): one entity per table and id
  const hydrated = new Map<unknown, Map<unknown, ObjectLiteral>>();
  for (const j of joined) if (!hydrated.has(j.shape.metadata.target)) hydrated.set(j.shape.metadata.target, new Map());
  return rows.map((row) => {
    const related: Record<string, ObjectLiteral | null> = {};
    for (const j of joined) {
      // a LEFT JOIN without a match reads null in every column, the primary key included
      const id = row[j.idKey];
      if (id == null) {
        related[j.alias] = null;
        continue;
      }
      const byId = hydrated.get(j.shape.metadata.target)!;
      let entity = byId.get(id);
      if (entity === undefined) {
        entity = hydrateShape<ObjectLiteral>(driver, j.shape, row);
        byId.set(id, entity);
      }
      related[j.alias] = entity;
    }
    return { entity: hydrateShape<T>(driver, shape, row), joined: related };
  });
}
