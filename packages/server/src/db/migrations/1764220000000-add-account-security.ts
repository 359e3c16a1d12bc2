import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * account-security.md: the sign-in log (30 days, no foreign key: an event outlives nothing it names);
 * a session shows where it was started (user agent, client address; listed
 * per account through ix_session_account); a password reset token is stored as its hash, one per account (a new
 * request replaces the previous one, so only the newest works).
 */
export class AddAccountSecurity1764220000000 implements MigrationInterface {
  name = 'AddAccountSecurity1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('session', [
      new TableColumn({ name: 'user_agent', type: 'varchar', length: '512', isNullable: true }),
      new TableColumn({ name: 'client_address', type: 'varchar', length: '64', isNullable: true }),
    ]);
    await q.createTable(
      new Table({
        name: 'password_reset',
        columns: [
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'expires_at', type: 'datetime', precision: 3 },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['account_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'ux_password_reset_token', columnNames: ['token_hash'], isUnique: true })],
      }),
    );
    // the sign-in log: read per company through its members (account_id, created_at), pruned by age (created_at)
    await q.createTable(
      new Table({
        name: 'sign_in_event',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'client_address', type: 'varchar', length: '64', isNullable: true },
          { name: 'user_agent', type: 'varchar', length: '512', isNullable: true },
          { name: 'succeeded', type: 'boolean' },
          { name: 'second_factor_used', type: 'boolean' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [
          new TableIndex({ name: 'ix_sign_in_event_account', columnNames: ['account_id', 'created_at'] }),
          new TableIndex({ name: 'ix_sign_in_event_created', columnNames: ['created_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sign_in_event');
    await q.dropTable('password_reset');
    await q.dropColumn('session', 'client_address');
    await q.dropColumn('session', 'user_agent');
  }
}
