import type { Driver, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { SqlCondition } from '../shared/sql-condition';

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
  /** The properties read, sorted (`*`: every column); rows of one entity and projection make the same entity. */
  projection: string;
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

// per data source, per table, alias and columns: built once (a lookup per row cost more than the row's conversions)
const shapes = new WeakMap<object, Map<EntityTarget<ObjectLiteral>, Map<string, Shape>>>();

/**
 * The shape of `entity`'s rows read as `alias`: every selectable column, or with `properties` only
 * the primary key and the columns of those properties (an unknown property is an error: a caller
 * projecting a row must know what it reads).
 */
function shapeOf(db: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string, properties?: ReadonlySet<string>): Shape {
  let byEntity = shapes.get(db.connection);
  if (!byEntity) shapes.set(db.connection, (byEntity = new Map()));
  let byKey = byEntity.get(entity);
  if (!byKey) byEntity.set(entity, (byKey = new Map()));
  const projection = properties ? [...properties].sort().join(' ') : '*';
  const key = `${alias} ${projection}`;
  let shape = byKey.get(key);
  if (shape === undefined) {
    const metadata = db.connection.getMetadata(entity);
    const escape = (name: string) => db.connection.driver.escape(name);
    let columns = metadata.columns.filter((c) => c.isSelect); // as TypeORM: `select: false` columns stay out
    if (properties) {
      for (const property of properties) {
        if (!columns.some((c) => c.propertyName === property)) throw new Error(`${metadata.name} has no selectable column ${property}`);
      }
      columns = columns.filter((c) => c.isPrimary || properties.has(c.propertyName));
    }
    shape = {
      metadata,
      projection,
      list: columns.map((c) => `${alias}.${escape(c.databaseName)} AS ${escape(`${alias}_${c.databaseName}`)}`).join(', '),
      fields: columns.map((column) => ({
        key: `${alias}_${column.databaseName}`,
        column,
        property: column.propertyName,
        set: setterOf(column),
      })),
    };
    byKey.set(key, shape);
  }
  return shape;
}

/**
 * The properties to read of `entity` for a reader that needs `properties` (`'whole'`: all): those,
 * when each is a selectable column; otherwise undefined, the whole row.
 */
export function projectionFor(
  db: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  properties: ReadonlySet<string> | 'whole',
): ReadonlySet<string> | undefined {
  if (properties === 'whole') return undefined;
  const columns = db.connection.getMetadata(entity).columns;
  for (const property of properties) if (!columns.some((c) => c.isSelect && c.propertyName === property)) return undefined;
  return properties;
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

/**
 * A row's related entity read in the same SELECT: `LEFT JOIN <entity's table> <alias> ON <on>`.
 * Always a LEFT JOIN, so the main table stays the one the database reads first (in its index
 * order) and a missing related row reads as null.
 */
export interface RawJoin {
  entity: EntityTarget<ObjectLiteral>;
  alias: string;
  on: string;
  /** Only these properties' columns (and the primary key): a partial entity, for its reader alone. */
  properties?: ReadonlySet<string>;
}

/** `SELECT <every column> FROM <entity's table> <alias> WHERE <all conditions> [ORDER BY ..] [LIMIT n]`, as entities. */
export async function selectEntities<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  conditions: Array<SqlCondition | null>,
  page?: { orderBy: string; limit?: number },
): Promise<T[]> {
  const rows = await selectEntitiesWith(db, { entity, alias }, [], conditions, page);
  return rows.map((row) => row.entity);
}

/** The table a SELECT reads first: its entity, alias and, as for joins, optionally only some properties. */
export interface RawFrom<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  alias: string;
  /** Only these properties' columns (and the primary key): partial entities, for their reader alone. */
  properties?: ReadonlySet<string>;
}

/**
 * As `selectEntities`, with related entities joined in the same statement: each result carries
 * the entity and, by join alias, the joined entity or null.
 */
export async function selectEntitiesWith<T extends ObjectLiteral>(
  db: EntityManager,
  { entity, alias, properties }: RawFrom<T>,
  joins: RawJoin[],
  conditions: Array<SqlCondition | null>,
  page?: { orderBy: string; limit?: number },
): Promise<Array<{ entity: T; joined: Record<string, ObjectLiteral | null> }>> {
  const driver = db.connection.driver;
  const shape = shapeOf(db, entity, alias, properties);
  const joined = joins.map((join) => {
    const joinShape = shapeOf(db, join.entity, join.alias, join.properties);
    return {
      alias: join.alias,
      on: join.on,
      shape: joinShape,
      idKey: `${join.alias}_${joinShape.metadata.primaryColumns[0].databaseName}`,
      dedupeKey: `${joinShape.metadata.tableName} ${joinShape.projection}`,
    };
  });
  const columns = [shape, ...joined.map((j) => j.shape)].map((s) => s.list).join(', ');
  const tables = [
    `${driver.escape(shape.metadata.tableName)} ${alias}`,
    ...joined.map((j) => `LEFT JOIN ${driver.escape(j.shape.metadata.tableName)} ${j.alias} ON ${j.on}`),
  ].join(' ');
  const rows = await selectRows(db, `SELECT ${columns} FROM ${tables}`, conditions, page);
  // a related row repeats on many rows (a page's companies and people): one entity per table, projection and id
  const hydrated = new Map<string, Map<unknown, ObjectLiteral>>();
  for (const j of joined) hydrated.set(j.dedupeKey, new Map());
  return rows.map((row) => {
    const related: Record<string, ObjectLiteral | null> = {};
    for (const j of joined) {
      // a LEFT JOIN without a match reads null in every column, the primary key included
      const id = row[j.idKey];
      if (id == null) {
        related[j.alias] = null;
        continue;
      }
      const byId = hydrated.get(j.dedupeKey)!;
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

/**
 * `SELECT COUNT(*) FROM <entity's table> <alias> WHERE <all conditions>`: a list's `totalCount`
 * over the same conditions as its page, without building a query builder per request for it.
 */
export async function countEntities(
  db: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
  conditions: Array<SqlCondition | null>,
): Promise<number> {
  const table = db.connection.driver.escape(db.connection.getMetadata(entity).tableName);
  const rows = await selectRows(db, `SELECT COUNT(*) AS n FROM ${table} ${alias}`, conditions);
  return Number(rows[0].n);
}

/**
 * `<select> WHERE <all conditions> [ORDER BY ..] [LIMIT n]` with its named parameters (`:name`,
 * `:...names`) bound by the driver: the one place the statements above are put together.
 */
export async function selectRows(
  db: EntityManager,
  select: string,
  conditions: Array<SqlCondition | null>,
  page?: { orderBy: string; limit?: number },
): Promise<Array<Record<string, unknown>>> {
  const present = conditions.filter((c): c is SqlCondition => c !== null);
  const where = present.length ? ` WHERE ${present.map((c) => `(${c.sql})`).join(' AND ')}` : '';
  const tail = page ? ` ORDER BY ${page.orderBy}${page.limit === undefined ? '' : ` LIMIT ${Math.trunc(page.limit)}`}` : '';
  const [sql, values] = db.connection.driver.escapeQueryWithParameters(
    `${select}${where}${tail}`,
    Object.assign({}, ...present.map((c) => c.params)),
    {},
  );
  return db.query(sql, values);
}
