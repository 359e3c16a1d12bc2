import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum CommentVisibility {
  PUBLIC = 'PUBLIC',
  INTERNAL = 'INTERNAL',
}

/** One message of a ticket's conversation; never edited or deleted (conversation.md). */
@Entity('ticket_comment')
export class TicketCommentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'ticket_id', type: 'varchar', length: 36 })
  ticketId: string;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  visibility: CommentVisibility;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
