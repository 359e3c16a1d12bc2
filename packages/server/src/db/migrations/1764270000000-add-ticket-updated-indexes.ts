import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Incremental sync (`tickets(orderBy: UPDATED_AT_ASC, filter: { updatedSince })`) pages along
 * (updated_at, id) inside the visibility scope, as the newest-first list pages along (created_at, id):
 * - `ix_ticket_root_updated` (root_company_id, updated_at, id): everyone who sees whole companies of
 *   one tree (a holding's administrators, company-wide members), whose scope carries the implied
 *   "in that tree" condition (access/visibility.ts, ticketScope);
 * - `ix_ticket_updated` (updated_at, id): staff, who see every ticket.
 * Own-ticket viewers keep the requester's index and sort their own tickets. (docs/decisions.md,
 * "Issue 15: incremental sync".)
 */
export class AddTicketUpdatedIndexes1764270000000 implements MigrationInterface {
  name = 'AddTicketUpdatedIndexes1764270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('ticket', new TableIndex({ name: 'ix_ticket_root_updated', columnNames: ['root_company_id', 'updated_at', 'id'] }));
    await q.createIndex('ticket', new TableIndex({ name: 'ix_ticket_updated', columnNames: ['updated_at', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('ticket', 'ix_ticket_updated');
    await q.dropIndex('ticket', 'ix_ticket_root_updated');
  }
}
