import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum TicketStatus {
  NEW = 'NEW',
  OPEN = 'OPEN',
  WAITING = 'WAITING',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

@Entity('ticket')
export class TicketEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** A per-installation number people can say ("#1042"): unique, never reused (ticket-number.ts). */
  @Column({ type: 'int' })
  number: number;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** The root of the company's tree, copied from `company.root_id` (index by holding); kept by company-tree.ts. */
  @Column({ name: 'root_company_id', type: 'varchar', length: 36 })
  rootCompanyId: string;

  @Column({ name: 'requester_id', type: 'varchar', length: 36, nullable: true })
  requesterId: string | null;

  @Column({ name: 'assignee_id', type: 'varchar', length: 36, nullable: true })
  assigneeId: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: TicketStatus;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  /** The latest change of any kind: creation, a status/title/assignee change, any comment (staff's lastActivityAt). */
  @Column({ name: 'activity_at', type: 'datetime', precision: 3 })
  activityAt: Date;

  /** The latest change a customer may know of: the same without internal notes (customers' lastActivityAt). */
  @Column({ name: 'public_activity_at', type: 'datetime', precision: 3 })
  publicActivityAt: Date;
}
