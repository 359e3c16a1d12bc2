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
  /** Each column with its key in a row (`<alias>_<column>`). */
  fields: Array<{ key: string; column: ColumnMetadata }>;
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
    shape = {
      metadata,
      list: metadata.columns.map((c) => `${alias}.${escape(c.databaseName)} AS ${escape(`${alias}_${c.databaseName}`)}`).join(', '),
      fields: metadata.columns.map((column) => ({ key: `${alias}_${column.databaseName}`, column })),
    };
    byAlias.set(alias, shape);
  }
  return shape;
}

export function columnsOf(db: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  return shapeOf(db, entity, alias).list;
}

function hydrateShape<T>(driver: Driver, shape: Shape, row: Record<string, unknown>): T {
  const result = shape.metadata.create(undefined, { fromDeserializer: true }) as T;
  for (const { key, column } of shape.fields) {
    const value = row[key];
    if (value !== undefined) column.setEntityValue(result as ObjectLiteral, driver.prepareHydratedValue(value, column));
  }
  return result;
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
  return rows.map((row) => {
    const related: Record<string, ObjectLiteral | null> = {};
    for (const j of joined) {
      // a LEFT JOIN without a match reads null in every column, the primary key included
      related[j.alias] = row[j.idKey] == null ? null : hydrateShape(driver, j.shape, row);
    }
    return { entity: hydrateShape<T>(driver, shape, row), joined: related };
  });
}
