import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { connectionComplexity } from '../../kernel/complexity';
import { ConnectionArgs } from '../../kernel/connection-args';
import type { RequestContext } from '../../kernel/request-context';
import { Reads } from '../../kernel/selection';
import { Account } from '../account/account.type';
import { ApiTokenScope } from '../api-token/api-token.entity';
import { TicketEntity } from '../ticket/ticket.entity';
import { Ticket } from '../ticket/ticket.type';
import { canReadInternalComments } from './conversation.policy';
import { ConversationService } from './conversation.service';
import { TicketCommentEntity } from './ticket-comment.entity';
import { AddTicketCommentInput, TicketComment, TicketCommentConnection, TicketCommentPayload } from './ticket-comment.type';

@Resolver(() => TicketComment)
export class TicketCommentResolver {
  constructor(private readonly conversations: ConversationService) {}

  @FieldResolver(() => Ticket)
  ticket(@Ctx() ctx: RequestContext, @Root() comment: TicketCommentEntity) {
    return ctx.loaders.ticket.load(comment.ticketId);
  }

  // a comment the viewer reads makes its author visible (conversation.md): loaded by id, like a ticket's people
  @FieldResolver(() => Account)
  author(@Ctx() ctx: RequestContext, @Root() comment: TicketCommentEntity) {
    return ctx.loaders.accountOfVisibleTicket.get(comment.authorId);
  }

  @Authorized(ApiTokenScope.TICKETS_WRITE)
  @Mutation(() => TicketCommentPayload, { description: 'A reply (PUBLIC) or, staff only, an internal note on a ticket the viewer sees.' })
  addTicketComment(@Ctx() ctx: RequestContext, @Arg('input') input: AddTicketCommentInput) {
    return this.conversations.add(ctx, input);
  }
}

@Resolver(() => Ticket)
export class TicketConversationResolver {
  constructor(private readonly conversations: ConversationService) {}

  @Reads('id')
  @FieldResolver(() => TicketCommentConnection, {
    description: 'Oldest first; customers never see INTERNAL comments.',
    complexity: connectionComplexity,
  })
  comments(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity, @Args() args: ConnectionArgs) {
    return this.conversations.list(ctx, ticket, args);
  }

  @Reads('activityAt', 'publicActivityAt', 'updatedAt', 'createdAt')
  @FieldResolver(() => Date, {
    description: 'The latest change the viewer can know of: creation, a status/title/assignee change, a comment it may read.',
  })
  lastActivityAt(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    const at = canReadInternalComments(ctx) ? ticket.activityAt : ticket.publicActivityAt;
    return at ?? ticket.updatedAt ?? ticket.createdAt; // rows written before the column existed (bench data) have none
  }
}
