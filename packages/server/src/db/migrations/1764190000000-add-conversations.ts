import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Ticket conversations (conversation.md): comments, the two activity times of a ticket (everything,
 * and what customers may know of) and each account's notification level (null: its role's default).
 */
export class AddConversations1764190000000 implements MigrationInterface {
  name = 'AddConversations1764190000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === 'better-sqlite3';
    await q.createTable(
      new Table({
        name: 'ticket_comment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'ticket_id', type: 'varchar', length: '36' },
          { name: 'author_id', type: 'varchar', length: '36' },
          { name: 'body', type: sqlite ? 'text' : 'mediumtext' },
          { name: 'visibility', type: 'varchar', length: '16' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['ticket_id'], referencedTableName: 'ticket', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['author_id'], referencedTableName: 'account', referencedColumnNames: ['id'] }),
        ],
        indices: [
          // a ticket's thread, oldest first (keyset on created_at, id)
          new TableIndex({ name: 'ix_comment_ticket_created', columnNames: ['ticket_id', 'created_at', 'id'] }),
          // "the author of a comment the viewer reads" (accountScope) and participation
          new TableIndex({ name: 'ix_comment_author_ticket', columnNames: ['author_id', 'ticket_id', 'visibility'] }),
        ],
      }),
    );
    await q.query(`ALTER TABLE ticket ADD COLUMN activity_at datetime(3) NULL`);
    await q.query(`ALTER TABLE ticket ADD COLUMN public_activity_at datetime(3) NULL`);
    await q.query(`UPDATE ticket SET activity_at = updated_at, public_activity_at = updated_at`);
    await q.query(`ALTER TABLE account ADD COLUMN notification_level varchar(16) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account DROP COLUMN notification_level`);
    await q.query(`ALTER TABLE ticket DROP COLUMN public_activity_at`);
    await q.query(`ALTER TABLE ticket DROP COLUMN activity_at`);
    await q.dropTable('ticket_comment');
  }
}
