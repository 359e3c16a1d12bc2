import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket numbers (issue 17; src/modules/ticket/ticket-number.ts): the sequence table whose
 * generated key hands them out, and `ticket.number` with a unique index. Existing tickets are
 * numbered 1, 2, 3, … in creation order (created_at, then id), and the sequence continues after
 * the largest: an explicit key raises SQLite's AUTOINCREMENT high-water mark (sqlite_sequence) and
 * InnoDB's AUTO_INCREMENT counter alike.
 */
export class AddTicketNumber1764240000000 implements MigrationInterface {
  name = 'AddTicketNumber1764240000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === 'better-sqlite3';
    if (sqlite) {
      await q.query(`CREATE TABLE ticket_number_sequence (number INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL)`);
    } else {
      await q.query(`CREATE TABLE ticket_number_sequence (number int NOT NULL AUTO_INCREMENT, PRIMARY KEY (number)) ENGINE=InnoDB`);
    }
    // NOT NULL needs a value for existing rows; MariaDB/MySQL drop the default below, so an insert
    // without a number fails there (SQLite keeps it: a second such insert fails on the unique index)
    await q.query(`ALTER TABLE ticket ADD COLUMN number int NOT NULL DEFAULT 0`);
    const numbered = `SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, id) AS n FROM ticket`;
    if (sqlite) {
      await q.query(`UPDATE ticket SET number = r.n FROM (${numbered}) r WHERE r.id = ticket.id`);
    } else {
      await q.query(`UPDATE ticket t JOIN (${numbered}) r ON r.id = t.id SET t.number = r.n`);
      await q.query(`ALTER TABLE ticket ALTER COLUMN number DROP DEFAULT`);
    }
    await q.query(`INSERT INTO ticket_number_sequence (number) SELECT number FROM ticket ORDER BY number DESC LIMIT 1`);
    await q.query(`CREATE UNIQUE INDEX ux_ticket_number ON ticket (number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ux_ticket_number${q.connection.options.type === 'better-sqlite3' ? '' : ' ON ticket'}`);
    await q.query(`ALTER TABLE ticket DROP COLUMN number`);
    await q.query(`DROP TABLE ticket_number_sequence`);
  }
}
