import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** Each change of a ticket's status, for the conversation's inline history (everyone who sees the ticket reads it). */
export class AddTicketStatusChanges1764200000000 implements MigrationInterface {
  name = 'AddTicketStatusChanges1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'ticket_status_change',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'ticket_id', type: 'varchar', length: '36' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'from_status', type: 'varchar', length: '16' },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['ticket_id'], referencedTableName: 'ticket', referencedColumnNames: ['id'] })],
        indices: [new TableIndex({ name: 'ix_status_change_ticket', columnNames: ['ticket_id', 'created_at', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('ticket_status_change');
  }
}
