import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Idempotency-Key (integration.md "Idempotent writes"; src/infrastructure/idempotency): one row per
 * (account, key) for 24 hours, IN_PROGRESS while the first request runs, then DONE with its sealed
 * response. No foreign key: a record of an answer, pruned by age.
 */
export class CreateIdempotencyKeys1764290000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764290000000';

  async up(q: QueryRunner): Promise<void> {
    // a MySQL TEXT holds 64 KB; a mutation's answer (sealed: base64, a third larger) may need more
    const body = q.connection.options.type === 'better-sqlite3' ? 'text' : 'mediumtext';
    await q.createTable(
      new Table({
        name: 'idempotency_key',
        columns: [
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'idempotency_key', type: 'varchar', length: '255', isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'response_status', type: 'int', isNullable: true },
          { name: 'response_content_type', type: 'varchar', length: '255', isNullable: true },
          { name: 'response_body', type: body, isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [new TableIndex({ name: 'ix_idempotency_key_created', columnNames: ['created_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('idempotency_key');
  }
}
