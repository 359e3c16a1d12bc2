import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import type { RequestContext } from '../../kernel/request-context';
import { connectionComplexity } from '../../kernel/complexity';
import { selectedProperties } from '../../kernel/selection';
import { ConnectionArgs } from '../../kernel/connection-args';
import { Account } from '../account/account.type';
import { Company } from '../company/company.type';
import { CompanyEntity } from '../company/company.entity';
import { AccountEntity } from '../account/account.entity';
import { TicketEntity } from './ticket.entity';
import { CreateTicketInput, UpdateTicketInput } from './ticket.input';
import { projectedRelationOf, TicketPageReads, TicketService } from './ticket.service';
import { Ticket, TicketConnection, TicketFilter, TicketPayload } from './ticket.type';

/**
 * What the relation resolvers below read of their ticket (see selectedProperties): a page whose
 * nodes select only plain fields and these reads only their columns. Any other Ticket resolver
 * selected (viewerAccess, viewerCan, or one added later) reads the whole row.
 */
const TICKET_RESOLVER_READS = {
  company: ['companyId'],
  requester: ['requesterId'],
  assignee: ['assigneeId'],
  // conversation/conversation.resolver.ts
  comments: ['id'],
  lastActivityAt: ['activityAt', 'publicActivityAt', 'updatedAt', 'createdAt'],
};

/** What a `tickets` operation reads of its nodes and their relations (read ahead, so the page can join and project them). */
function ticketPageReads(info: GraphQLResolveInfo): TicketPageReads {
  const type = (name: string) => info.schema.getType(name) as GraphQLObjectType;
  const account = { type: type('Account') };
  const { node } = selectedProperties(info, ['edges'], { node: { type: type('Ticket'), resolverReads: TICKET_RESOLVER_READS } });
  return {
    ticket: node,
    ...selectedProperties(info, ['edges', 'node'], { company: { type: type('Company') }, requester: account, assignee: account }),
  };
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
    return this.ticketService.list(ctx, { ...args, filter }, ticketPageReads(info));
  }

  // A Ticket here was read through the ticket scope, so its company, requester and assignee are
  // visible by definition (see Loaders.companyOfVisibleTicket): loaded by id, without the scopes.
  // A page may have read them with its tickets, only the columns selected here (projectedRelationOf).
  // What these three read of the ticket is declared in TICKET_RESOLVER_READS: keep the two in step.
  @FieldResolver(() => Company)
  company(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return projectedRelationOf<CompanyEntity>(ticket, 'company') ?? ctx.loaders.companyOfVisibleTicket.get(ticket.companyId);
  }

  @FieldResolver(() => Account, { nullable: true })
  requester(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    if (!ticket.requesterId) return null;
    return projectedRelationOf<AccountEntity>(ticket, 'requester') ?? ctx.loaders.accountOfVisibleTicket.get(ticket.requesterId);
  }

  @FieldResolver(() => Account, { nullable: true })
  assignee(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    if (!ticket.assigneeId) return null;
    return projectedRelationOf<AccountEntity>(ticket, 'assignee') ?? ctx.loaders.accountOfVisibleTicket.get(ticket.assigneeId);
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
