import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

export class CreateApiTokens1764150000000 implements MigrationInterface {
  name = 'CreateApiTokens1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'api_token',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'scopes', type: 'varchar', length: '255' },
          { name: 'company_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'token_prefix', type: 'varchar', length: '16' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'expires_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_used_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'revoked_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['company_id'], referencedTableName: 'company', referencedColumnNames: ['id'] }),
        ],
        indices: [
          new TableIndex({ name: 'ux_api_token_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_api_token_account', columnNames: ['account_id', 'created_at', 'id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('api_token');
  }
}
