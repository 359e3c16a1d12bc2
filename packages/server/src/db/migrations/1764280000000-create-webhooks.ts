import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const varchar = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

/**
 * Webhooks (integration.md, src/modules/webhook): the subscriptions, their deliveries — an outbox
 * table of the outbox engine's shape (src/infrastructure/outbox), one row per event and webhook — and
 * the attempts `Webhook.deliveries` lists. Deliveries and attempts have no foreign keys (like the mail
 * outbox: the event's transaction writes them without locking the webhook rows); deleteWebhook
 * deletes them with the webhook.
 */
export class CreateWebhooks1764280000000 implements MigrationInterface {
  name = 'CreateWebhooks1764280000000';

  async up(q: QueryRunner): Promise<void> {
    // a MySQL TEXT holds 64 KB; a payload with a 20 000-character comment may need more
    const long = q.connection.options.type === 'better-sqlite3' ? 'text' : 'mediumtext';
    await q.createTable(
      new Table({
        name: 'webhook',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          varchar('account_id', 36),
          varchar('url', 2000),
          varchar('events', 255),
          varchar('company_id', 36, true),
          varchar('secret_sealed', 255),
          { name: 'active', type: 'boolean' },
          varchar('disabled_reason', 32, true),
          time('disabled_at', true),
          { name: 'consecutive_failures', type: 'int' },
          time('failing_since', true),
          time('created_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['company_id'], referencedTableName: 'company', referencedColumnNames: ['id'] }),
        ],
        // an owner's webhooks (Account.webhooks, the fan-out's candidates by owner), newest first
        indices: [new TableIndex({ name: 'ix_webhook_account', columnNames: ['account_id', 'active', 'created_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_delivery',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          varchar('webhook_id', 36),
          varchar('event_id', 36),
          varchar('event', 32),
          varchar('ticket_id', 36),
          { name: 'event_seq', type: 'int' },
          { name: 'payload', type: long },
          varchar('status', 16),
          { name: 'attempts', type: 'int' },
          time('next_attempt_at'),
          varchar('claimed_by', 100, true),
          time('claimed_until', true),
          { name: 'last_error', type: 'text', isNullable: true },
          time('give_up_at', true),
          time('created_at'),
          time('sent_at', true),
        ],
        indices: [
          // the engine's claim: PENDING rows by due time, SENDING rows by the end of their lease
          new TableIndex({ name: 'ix_webhook_delivery_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'ix_webhook_delivery_lease', columnNames: ['status', 'claimed_until'] }),
          // "is an earlier delivery of this ticket to this webhook still open?" (the order per ticket)
          new TableIndex({ name: 'ix_webhook_delivery_line', columnNames: ['webhook_id', 'ticket_id', 'event_seq'] }),
          // the ticket's last event number, read when an event is written
          new TableIndex({ name: 'ix_webhook_delivery_ticket', columnNames: ['ticket_id', 'event_seq'] }),
          // pruning by age
          new TableIndex({ name: 'ix_webhook_delivery_created', columnNames: ['created_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_attempt',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          varchar('delivery_id', 36),
          varchar('webhook_id', 36),
          varchar('event', 32),
          time('attempted_at'),
          { name: 'response_status', type: 'int', isNullable: true },
          { name: 'duration_ms', type: 'int', isNullable: true },
          varchar('error', 2000, true),
          { name: 'succeeded', type: 'boolean' },
          { name: 'response_excerpt', type: 'text' },
        ],
        indices: [
          // Webhook.deliveries: newest first
          new TableIndex({ name: 'ix_webhook_attempt_webhook', columnNames: ['webhook_id', 'attempted_at', 'id'] }),
          new TableIndex({ name: 'ix_webhook_attempt_delivery', columnNames: ['delivery_id'] }),
          // pruning by age
          new TableIndex({ name: 'ix_webhook_attempt_time', columnNames: ['attempted_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('webhook_attempt');
    await q.dropTable('webhook_delivery');
    await q.dropTable('webhook');
  }
}
