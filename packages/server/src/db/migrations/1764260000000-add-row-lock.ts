import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `row_lock`: one row per guarded entity, written by `lockForUpdate` on a Galera cluster
 * (src/db/transactions.ts). Galera certifies write sets, not `SELECT ... FOR UPDATE`: two nodes
 * would each grant the lock; writing this row makes the second commit fail certification and run
 * again (docs/decisions.md, "Issue 14: a multi-primary cluster").
 */
export class AddRowLock1764260000000 implements MigrationInterface {
  name = 'AddRowLock1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'row_lock',
        columns: [
          { name: 'lock_key', type: 'varchar', length: '191', isPrimary: true },
          { name: 'version', type: 'bigint', default: 0 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('row_lock');
  }
}
