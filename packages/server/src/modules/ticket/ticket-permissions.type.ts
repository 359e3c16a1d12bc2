import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What the viewer may change on a ticket (access-model.md); updateTicket still checks.', simpleResolvers: true })
export class TicketPermissions {
  @Field({ description: 'Change the title.' })
  rename: boolean;

  @Field({ description: 'Set the status to CLOSED.' })
  close: boolean;

  @Field({ description: 'Set any status.' })
  changeStatus: boolean;

  @Field({ description: 'Set or clear the assignee.' })
  assign: boolean;
}
