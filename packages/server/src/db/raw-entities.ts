import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Entities from a hand-written SELECT, for hot paths where building the statement with TypeORM's
 * query builder costs more CPU than running it. `columnsOf` lists an entity's columns as
 * `<alias>.<column> AS <alias>_<column>`; `hydrate` turns such a row back into the entity with the
 * driver's own conversions (dates and booleans as TypeORM reads them on SQLite and MySQL).
 */
export function columnsOf(db: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  const escape = (name: string) => db.connection.driver.escape(name);
  return db.connection
    .getMetadata(entity)
    .columns.map((c) => `${alias}.${escape(c.databaseName)} AS ${escape(`${alias}_${c.databaseName}`)}`)
    .join(', ');
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
