import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Every company and every ticket records the root of its company tree (`company.root_id`,
 * `ticket.root_company_id`), and tickets are indexed by (tree root, created_at, id). A viewer
 * who sees a whole holding then pages its tickets along one index range of that tree, however
 * large the forest or the holding. Both columns are kept by company-tree.ts in the transactions
 * that create and move companies and create tickets. (docs/decisions.md, Performance: "Every
 * company and ticket records the root of its tree".)
 */
export class AddTreeRoots1764170000000 implements MigrationInterface {
  name = 'AddTreeRoots1764170000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === 'better-sqlite3';
    // NOT NULL needs a value for existing rows; the default is dropped below where the database
    // can (MariaDB/MySQL), so an insert that forgets the root fails there instead of hiding the row
    await q.query(`ALTER TABLE company ADD COLUMN root_id varchar(36) NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE ticket ADD COLUMN root_company_id varchar(36) NOT NULL DEFAULT ''`);
    await q.query(
      `UPDATE company SET root_id = (SELECT cc.ancestor_id FROM company_closure cc
                                      WHERE cc.descendant_id = company.id ORDER BY cc.depth DESC LIMIT 1)`,
    );
    if (sqlite) {
      await q.query(`UPDATE ticket SET root_company_id = (SELECT c.root_id FROM company c WHERE c.id = ticket.company_id)`);
    } else {
      await q.query(`UPDATE ticket t JOIN company c ON c.id = t.company_id SET t.root_company_id = c.root_id`);
      await q.query(`ALTER TABLE company ALTER COLUMN root_id DROP DEFAULT`);
      await q.query(`ALTER TABLE ticket ALTER COLUMN root_company_id DROP DEFAULT`);
    }
    await q.createIndex('ticket', new TableIndex({ name: 'ix_ticket_root_created', columnNames: ['root_company_id', 'created_at', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('ticket', 'ix_ticket_root_created');
    await q.query(`ALTER TABLE ticket DROP COLUMN root_company_id`);
    await q.query(`ALTER TABLE company DROP COLUMN root_id`);
  }
}
