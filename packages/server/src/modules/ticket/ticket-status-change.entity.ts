import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { newId } from '../../shared/ids';
import { TicketStatus } from './ticket.entity';

/** One change of a ticket's status: public activity, shown inline in the conversation. */
@Entity('ticket_status_change')
export class TicketStatusChangeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'ticket_id', type: 'varchar', length: 36 })
  ticketId: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ name: 'from_status', type: 'varchar', length: 16 })
  fromStatus: TicketStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: TicketStatus;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** Records a status change in the transaction `db` of the change itself. */
export async function recordStatusChange(
  db: EntityManager,
  change: { ticketId: string; actorId: string | null; from: TicketStatus; to: TicketStatus; at: Date },
): Promise<void> {
  if (change.from === change.to) return;
  await db.insert(TicketStatusChangeEntity, {
    id: newId('TicketStatusChange'),
    ticketId: change.ticketId,
    actorId: change.actorId,
    fromStatus: change.from,
    toStatus: change.to,
    createdAt: change.at,
  });
}
