import { Field, ID, ObjectType } from 'type-graphql';
import { TicketStatus } from './ticket.entity';

@ObjectType({ description: "A change of a ticket's status, as shown in its conversation.", simpleResolvers: true })
export class TicketStatusChange {
  @Field(() => ID)
  id: string;

  @Field(() => TicketStatus)
  fromStatus: TicketStatus;

  @Field(() => TicketStatus)
  toStatus: TicketStatus;

  @Field()
  createdAt: Date;
}
