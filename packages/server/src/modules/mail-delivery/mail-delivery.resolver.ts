import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OutboxMessageEntity } from '../../infrastructure/outbox';
import { Ticket } from '../ticket/ticket.type';
import { connectionComplexity } from '../../kernel/complexity';
import { ConnectionArgs } from '../../kernel/connection-args';
import type { RequestContext } from '../../kernel/request-context';
import { MailDeliveryService } from './mail-delivery.service';
import { MailDelivery, MailDeliveryConnection, MailDeliveryFilter, MailDeliveryPayload } from './mail-delivery.type';

@Resolver(() => MailDelivery)
export class MailDeliveryResolver {
  constructor(private readonly deliveries: MailDeliveryService) {}

  @Authorized()
  @Query(() => MailDeliveryConnection, { description: 'Outgoing emails, newest first. Staff only.', complexity: connectionComplexity })
  mailDeliveries(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => MailDeliveryFilter, { nullable: true }) filter: MailDeliveryFilter | null,
  ) {
    return this.deliveries.list(ctx, { ...args, filter });
  }

  // deliveries are staff-only, and staff see every ticket: the ticket loader's scope lets it through
  @FieldResolver(() => Ticket, { nullable: true, description: 'The ticket a notification is about.' })
  ticket(@Ctx() ctx: RequestContext, @Root() delivery: OutboxMessageEntity) {
    return delivery.ticketId ? ctx.loaders.ticket.load(delivery.ticketId) : null;
  }

  @Authorized()
  @Mutation(() => MailDeliveryPayload, { description: 'Sends a FAILED email again (staff only).' })
  retryMailDelivery(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.deliveries.retry(ctx, id);
  }
}
