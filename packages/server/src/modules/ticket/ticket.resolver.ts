import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import type { RequestContext } from '../../graphql/context';
import { connectionComplexity } from '../../graphql/limits';
import { selectedFieldNames } from '../../graphql/selection';
import { ConnectionArgs } from '../../graphql/connection-args';
import { Account } from '../account/account.type';
import { Company } from '../company/company.type';
import { TicketEntity } from './ticket.entity';
import { CreateTicketInput, UpdateTicketInput } from './ticket.input';
import { TicketRelations, TicketService } from './ticket.service';
import { Ticket, TicketConnection, TicketFilter, TicketPayload } from './ticket.type';

/** The relations a `tickets` operation reads on its nodes (read ahead, so the page can join them). */
function ticketRelationsSelected(info: GraphQLResolveInfo): TicketRelations {
  const fields = selectedFieldNames(info, ['edges', 'node']);
  return { company: fields.has('company'), people: fields.has('requester') || fields.has('assignee') };
}

@Resolver(() => Ticket)
export class TicketResolver {
  constructor(private readonly ticketService: TicketService) {}

  @Authorized(ApiTokenScope.TICKETS_READ)
  @Query(() => Ticket, { nullable: true, description: 'Null when the ticket does not exist or the viewer does not see it.' })
  ticket(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.ticketService.findVisible(ctx, id);
  }

  @Authorized(ApiTokenScope.TICKETS_READ)
  @Query(() => TicketConnection, {
    description: 'Visible tickets, newest first (createdAt, then id, descending).',
    complexity: connectionComplexity,
  })
  tickets(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => TicketFilter, { nullable: true }) filter: TicketFilter | null,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.ticketService.list(ctx, { ...args, filter }, ticketRelationsSelected(info));
  }

  // A Ticket here was read through the ticket scope, so its company, requester and assignee are
  // visible by definition (see Loaders.companyOfVisibleTicket): loaded by id, without the scopes.
  @FieldResolver(() => Company)
  company(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return ctx.loaders.companyOfVisibleTicket.get(ticket.companyId);
  }

  @FieldResolver(() => Account, { nullable: true })
  requester(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return ticket.requesterId ? ctx.loaders.accountOfVisibleTicket.get(ticket.requesterId) : null;
  }

  @FieldResolver(() => Account, { nullable: true })
  assignee(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return ticket.assigneeId ? ctx.loaders.accountOfVisibleTicket.get(ticket.assigneeId) : null;
  }

  @Authorized(ApiTokenScope.TICKETS_WRITE)
  @Mutation(() => TicketPayload)
  createTicket(@Ctx() ctx: RequestContext, @Arg('input') input: CreateTicketInput) {
    return this.ticketService.create(ctx, input);
  }

  @Authorized(ApiTokenScope.TICKETS_WRITE)
  @Mutation(() => TicketPayload)
  updateTicket(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateTicketInput) {
    return this.ticketService.update(ctx, input);
  }
}
