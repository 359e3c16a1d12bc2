import { MigrationInterface, QueryRunner } from 'typeorm';
import { COMPANY_NAME_INDEX, companyNameKey, companyParentKey, uniqueCompanyName } from '../../shared/company-name';

/**
 * Company names unique among siblings (issue 17; src/shared/company-name.ts): `company.parent_key`
 * (the parent's id, '' for a root: NULL parents would be distinct in the index) and
 * `company.name_key` (the name's comparison key, binary collation so both databases compare alike)
 * under one unique index. Existing duplicates do not stop the migration: the oldest company keeps
 * its name, each later one gets the first free ` (2)`, ` (3)`, … (docs/decisions.md, "Issue 17").
 */
export class UniqueCompanyNames1764250000000 implements MigrationInterface {
  name = 'UniqueCompanyNames1764250000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === 'better-sqlite3';
    const binary = sqlite ? '' : ' CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';
    await q.query(`ALTER TABLE company ADD COLUMN parent_key varchar(36)${binary} NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE company ADD COLUMN name_key varchar(400)${binary} NOT NULL DEFAULT ''`);
    const rows: Array<{ id: string; name: string; parent_id: string | null }> = await q.query(
      `SELECT id, name, parent_id FROM company ORDER BY created_at, id`,
    );
    const taken = new Map<string, Set<string>>(); // parent key -> name keys of its children so far
    for (const row of rows) {
      const parentKey = companyParentKey(row.parent_id);
      let siblings = taken.get(parentKey);
      if (!siblings) taken.set(parentKey, (siblings = new Set()));
      const name = uniqueCompanyName(row.name, siblings);
      siblings.add(companyNameKey(name));
      if (name !== row.name) {
        await q.query(`UPDATE company SET name = ?, parent_key = ?, name_key = ? WHERE id = ?`, [
          name,
          parentKey,
          companyNameKey(name),
          row.id,
        ]);
      } else {
        await q.query(`UPDATE company SET parent_key = ?, name_key = ? WHERE id = ?`, [parentKey, companyNameKey(name), row.id]);
      }
    }
    if (!sqlite) {
      await q.query(`ALTER TABLE company ALTER COLUMN parent_key DROP DEFAULT`);
      await q.query(`ALTER TABLE company ALTER COLUMN name_key DROP DEFAULT`);
    }
    await q.query(`CREATE UNIQUE INDEX ${COMPANY_NAME_INDEX} ON company (parent_key, name_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ${COMPANY_NAME_INDEX}${q.connection.options.type === 'better-sqlite3' ? '' : ' ON company'}`);
    await q.query(`ALTER TABLE company DROP COLUMN name_key`);
    await q.query(`ALTER TABLE company DROP COLUMN parent_key`);
  }
}
