import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Reads } from '../../kernel/selection';
import type { RequestContext } from '../../kernel/request-context';
import { Account } from '../account/account.type';
import { TicketEntity } from './ticket.entity';
import { TicketStatusChangeEntity } from './ticket-status-change.entity';
import { TicketStatusChange } from './ticket-status-change.type';
import { Ticket } from './ticket.type';

@Resolver(() => Ticket)
export class TicketHistoryResolver {
  // the ticket came through the ticket scope: its status history is public activity, read by all who see it
  @Reads('id')
  @FieldResolver(() => [TicketStatusChange], { description: 'Every change of the status, oldest first.' })
  statusChanges(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return ctx.loaders.statusChangesOfTicket.load(ticket.id);
  }
}

@Resolver(() => TicketStatusChange)
export class TicketStatusChangeResolver {
  @FieldResolver(() => Account, { nullable: true, description: 'Who changed it; null when the viewer does not see that account.' })
  actor(@Ctx() ctx: RequestContext, @Root() change: TicketStatusChangeEntity) {
    return change.actorId ? ctx.loaders.account.load(change.actorId) : null;
  }
}
