/**
 * A SQL condition with TypeORM-style named parameters (`:name`, `:...list`): what the visibility
 * scopes build, what hand-written SELECTs (db/raw-entities.ts) and keyset pages (pagination.ts) take.
 */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}
