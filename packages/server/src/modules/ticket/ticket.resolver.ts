import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import type { RequestContext } from '../../kernel/request-context';
import { connectionComplexity } from '../../kernel/complexity';
import { Reads } from '../../kernel/selection';
import { ConnectionArgs } from '../../kernel/connection-args';
import { Account } from '../account/account.type';
import { Company } from '../company/company.type';
import { TicketEntity } from './ticket.entity';
import { CreateTicketInput, UpdateTicketInput } from './ticket.input';
import { relationOf, TICKET_RELATIONS, ticketPageReads, ticketReads } from './ticket-page';
import { TicketService } from './ticket.service';
import { Ticket, TicketConnection, TicketFilter, TicketOrder, TicketPayload } from './ticket.type';

@Resolver(() => Ticket)
export class TicketResolver {
  constructor(private readonly ticketService: TicketService) {}

  @Authorized(ApiTokenScope.TICKETS_READ)
  @Query(() => Ticket, { nullable: true, description: 'Null when the ticket does not exist or the viewer does not see it.' })
  ticket(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Info() info: GraphQLResolveInfo) {
    return this.ticketService.findVisible(ctx, id, ticketReads(info));
  }

  @Authorized(ApiTokenScope.TICKETS_READ)
  @Query(() => TicketConnection, {
    description:
      'Visible tickets in the chosen order (default CREATED_AT_DESC: newest first). For incremental sync: `orderBy: UPDATED_AT_ASC, filter: { updatedSince }`.',
    complexity: connectionComplexity,
  })
  tickets(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => TicketFilter, { nullable: true }) filter: TicketFilter | null,
    @Arg('orderBy', () => TicketOrder, { nullable: true, defaultValue: TicketOrder.CREATED_AT_DESC }) orderBy: TicketOrder | null,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.ticketService.list(ctx, { ...args, filter, orderBy }, ticketPageReads(info));
  }

  // A Ticket here was read through the ticket scope, so its company, requester and assignee are
  // visible by definition (see Loaders.companyOfVisibleTicket): loaded by id, without the scopes, or
  // read with the ticket's page (ticket-page.ts). Each reads only its foreign key of the ticket.
  @Reads(TICKET_RELATIONS.company.foreignKey)
  @FieldResolver(() => Company)
  company(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return relationOf(ctx, ticket, 'company');
  }

  @Reads(TICKET_RELATIONS.requester.foreignKey)
  @FieldResolver(() => Account, { nullable: true })
  requester(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return relationOf(ctx, ticket, 'requester');
  }

  @Reads(TICKET_RELATIONS.assignee.foreignKey)
  @FieldResolver(() => Account, { nullable: true })
  assignee(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return relationOf(ctx, ticket, 'assignee');
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
