import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Entities from a hand-written SELECT, for hot paths where building the statement with TypeORM's
 * query builder costs more CPU than running it. `columnsOf` lists an entity's columns as
 * `<alias>.<column> AS <alias>_<column>`; `hydrate` turns such a row back into the entity with the
 * driver's own conversions (dates and booleans as TypeORM reads them on SQLite and MySQL).
 */
const columnLists = new WeakMap<object, Map<string, string>>();

export function columnsOf(db: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  let lists = columnLists.get(db.connection);
  if (!lists) columnLists.set(db.connection, (lists = new Map()));
  const metadata = db.connection.getMetadata(entity);
  const key = `${metadata.tableName} ${alias}`;
  let list = lists.get(key);
  if (list === undefined) {
    const escape = (name: string) => db.connection.driver.escape(name);
    list = metadata.columns.map((c) => `${alias}.${escape(c.databaseName)} AS ${escape(`${alias}_${c.databaseName}`)}`).join(', ');
    lists.set(key, list);
  }
  return list;
}

export function hydrate<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  row: Record<string, unknown>,
): T {
  const metadata = db.connection.getMetadata(entity);
  const driver = db.connection.driver;
  const result = metadata.create(undefined, { fromDeserializer: true }) as T;
  for (const column of metadata.columns) {
    const value = row[`${alias}_${column.databaseName}`];
    if (value !== undefined) column.setEntityValue(result, driver.prepareHydratedValue(value, column));
  }
  return result;
}

/** A condition with TypeORM-style named parameters (`:name`, `:...list`), as the visibility scopes build them. */
export interface RawCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** `SELECT <every column> FROM <entity's table> <alias> WHERE <all conditions>`, as entities. */
export async function selectEntities<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  conditions: Array<RawCondition | null>,
): Promise<T[]> {
  const present = conditions.filter((c): c is RawCondition => c !== null);
  const driver = db.connection.driver;
  const table = driver.escape(db.connection.getMetadata(entity).tableName);
  const where = present.length ? ` WHERE ${present.map((c) => `(${c.sql})`).join(' AND ')}` : '';
  const [sql, values] = driver.escapeQueryWithParameters(
    `SELECT ${columnsOf(db, entity, alias)} FROM ${table} ${alias}${where}`,
    Object.assign({}, ...present.map((c) => c.params)),
    {},
  );
  const rows: Array<Record<string, unknown>> = await db.query(sql, values);
  return rows.map((row) => hydrate(db, entity, alias, row));
}
