import type { EntityManager } from 'typeorm';

/*
 * Ticket numbers (issue 17): a per-installation sequence people can say on the phone ("#1042").
 * Each number comes from a row inserted into `ticket_number_sequence`, whose key the database
 * generates: `INTEGER PRIMARY KEY AUTOINCREMENT` on SQLite (never reused, even after a delete or a
 * rollback), `AUTO_INCREMENT` on MySQL/MariaDB (InnoDB persists the counter across restarts; on a
 * multi-primary Galera cluster `wsrep_auto_increment_control` gives each node its own offset, so
 * numbers stay unique, though not contiguous). A counter row updated in place would serialize every
 * ticket creation and, on a cluster, fail certification under concurrent writes instead.
 * docs/decisions.md, "Issue 17": "Ticket numbers".
 */

/** The largest number GraphQL's Int can carry. */
export const TICKET_NUMBER_MAX = 2_147_483_647;

/** Takes the next ticket number, in the caller's transaction (a rollback leaves a gap, never a reuse). */
export async function nextTicketNumber(db: EntityManager): Promise<number> {
  if (db.connection.options.type === 'better-sqlite3') {
    // TypeORM's better-sqlite3 runner answers a write with its lastInsertRowid
    const rowid: number | bigint = await db.query('INSERT INTO ticket_number_sequence DEFAULT VALUES');
    return Number(rowid);
  }
  const result: { insertId: number | string } = await db.query('INSERT INTO ticket_number_sequence () VALUES ()');
  return Number(result.insertId);
}

/**
 * The ticket number a search text names: `1042` or `#1042` (trimmed), within Int's range; null for
 * anything else.
 */
export function ticketNumberIn(search: string): number | null {
  const match = /^#?(\d{1,10})$/.exec(search.trim());
  if (!match) return null;
  const number = Number(match[1]);
  return number >= 1 && number <= TICKET_NUMBER_MAX ? number : null;
}

/**
 * For loaders that number tickets themselves (the demo data, the benchmark's seeder): the sequence
 * continues after `upTo` (an explicit key raises SQLite's AUTOINCREMENT mark and InnoDB's counter).
 */
export async function ticketNumbersTakenUpTo(db: EntityManager, upTo: number): Promise<void> {
  if (upTo >= 1) await db.query('INSERT INTO ticket_number_sequence (number) VALUES (?)', [upTo]);
}
