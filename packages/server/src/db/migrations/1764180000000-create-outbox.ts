import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

const varchar = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

/** The mail outbox (src/infrastructure/outbox). No foreign keys: a mail is a record of what was sent, whatever happens to its recipient or ticket later. */
export class CreateOutbox1764180000000 implements MigrationInterface {
  name = 'CreateOutbox1764180000000';

  async up(q: QueryRunner): Promise<void> {
    // a MySQL TEXT holds 64 KB; an HTML mail may need more
    const body = q.connection.options.type === 'better-sqlite3' ? 'text' : 'mediumtext';
    await q.createTable(
      new Table({
        name: 'outbox_message',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          varchar('kind', 32),
          varchar('dedupe_key', 191),
          varchar('recipient_account_id', 36, true),
          varchar('to_address', 254),
          varchar('language', 35),
          varchar('subject', 998),
          { name: 'text_body', type: body },
          { name: 'html_body', type: body },
          { name: 'headers', type: 'text' },
          varchar('event', 64, true),
          varchar('ticket_id', 36, true),
          varchar('status', 16),
          { name: 'attempts', type: 'int' },
          time('next_attempt_at'),
          varchar('claimed_by', 100, true),
          time('claimed_until', true),
          { name: 'last_error', type: 'text', isNullable: true },
          time('created_at'),
          time('sent_at', true),
        ],
        indices: [
          new TableIndex({ name: 'ux_outbox_dedupe_key', columnNames: ['dedupe_key'], isUnique: true }),
          // the worker's claim: PENDING rows by due time, SENDING rows by the end of their lease
          new TableIndex({ name: 'ix_outbox_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'ix_outbox_lease', columnNames: ['status', 'claimed_until'] }),
          new TableIndex({ name: 'ix_outbox_ticket', columnNames: ['ticket_id', 'created_at', 'id'] }),
          new TableIndex({ name: 'ix_outbox_status_created', columnNames: ['status', 'created_at', 'id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outbox_message');
  }
}
