import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const NAME_COLUMNS = ['first_name', 'last_name'];

/**
 * The `accounts` list is ordered by (last name, first name, id), case-insensitively, from one
 * index. MySQL/MariaDB columns compare with the database's `_ci` collation already; SQLite
 * compares text byte-wise unless the column says otherwise, so there the name columns get
 * `COLLATE NOCASE` (TypeORM rebuilds the table). TypeORM does not read collations back from
 * SQLite: a later migration that rebuilds `account` must set NOCASE again (the accounts tests
 * assert the case-insensitive order).
 */
export class AddAccountNameOrder1764160000000 implements MigrationInterface {
  name = 'AddAccountNameOrder1764160000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'better-sqlite3') await this.setNameCollation(q, 'NOCASE');
    await q.createIndex('account', new TableIndex({ name: 'ix_account_name', columnNames: ['last_name', 'first_name', 'id'] }));
  }

  /** On SQLite with rows that reference accounts, revert with `transaction: 'none'`: only then does TypeORM turn foreign keys off around it. */
  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('account', 'ix_account_name');
    if (q.connection.options.type === 'better-sqlite3') await this.setNameCollation(q, undefined);
  }

  private async setNameCollation(q: QueryRunner, collation: string | undefined): Promise<void> {
    const table = (await q.getTable('account'))!;
    const changes = NAME_COLUMNS.map((name) => {
      const oldColumn = table.findColumnByName(name)!;
      const newColumn = oldColumn.clone();
      newColumn.collation = collation;
      return { oldColumn, newColumn };
    });
    await q.changeColumns(table, changes);
  }
}
