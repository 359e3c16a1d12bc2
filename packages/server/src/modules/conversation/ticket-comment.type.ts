import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../kernel/node';
import { connectionOf } from '../../shared/pagination';
import { UserError } from '../../shared/payload';
import { Ticket } from '../ticket/ticket.type';
import { CommentVisibility } from './ticket-comment.entity';

registerEnumType(CommentVisibility, {
  name: 'CommentVisibility',
  description: 'PUBLIC: everyone who sees the ticket. INTERNAL: staff only.',
});

@ObjectType({ implements: Node, description: "One message of a ticket's conversation.", simpleResolvers: true })
export class TicketComment extends Node {
  @Field({ description: 'Markdown source: render it sanitized, never as HTML.' })
  body: string;

  @Field(() => CommentVisibility)
  visibility: CommentVisibility;

  @Field()
  createdAt: Date;
}

export const TicketCommentConnection = connectionOf(TicketComment, 'TicketComment');

@ObjectType({ simpleResolvers: true })
export class TicketCommentPayload {
  @Field(() => TicketComment, { nullable: true })
  comment: TicketComment | null;

  @Field(() => Ticket, { nullable: true })
  ticket: Ticket | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@InputType()
export class AddTicketCommentInput {
  @Field(() => ID)
  ticketId: string;

  @Field(() => String)
  body: string;

  @Field(() => CommentVisibility, { nullable: true, description: 'Default PUBLIC; INTERNAL is staff only.' })
  visibility?: CommentVisibility | null;
}
