import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Two-step sign-in (account-security.md): an account's TOTP secret, sealed with SECRET_KEY, in a
 * table of its own (ordinary account reads never carry it); its recovery codes as hashes; the
 * second-step challenges of sign-ins in progress; and the company policy `twoFactorRequired`.
 */
export class AddTwoFactor1764230000000 implements MigrationInterface {
  name = 'AddTwoFactor1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'two_factor',
        columns: [
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'secret', type: 'varchar', length: '255', isNullable: true },
          { name: 'pending_secret', type: 'varchar', length: '255', isNullable: true },
          { name: 'enabled_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_step', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recovery_code',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'code_hash', type: 'varchar', length: '64' },
          { name: 'used_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [new TableIndex({ name: 'ix_recovery_code_account', columnNames: ['account_id', 'code_hash'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sign_in_challenge',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'enrollment_required', type: 'boolean' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'expires_at', type: 'datetime', precision: 3 },
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [new TableIndex({ name: 'ix_sign_in_challenge_expiry', columnNames: ['expires_at'] })],
      }),
    );
    await q.addColumn('company', new TableColumn({ name: 'two_factor_required', type: 'boolean', default: false }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('company', 'two_factor_required');
    await q.dropTable('sign_in_challenge');
    await q.dropTable('recovery_code');
    await q.dropTable('two_factor');
  }
}
