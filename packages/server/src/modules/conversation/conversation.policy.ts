import type { RequestContext } from '../../kernel/request-context';
import { isStaff } from '../access/policies';
import { TicketStatus, type TicketEntity } from '../ticket/ticket.entity';
import { CommentVisibility } from './ticket-comment.entity';

/** INTERNAL comments exist for staff only (conversation.md). */
export const canReadInternalComments = (ctx: RequestContext): boolean => isStaff(ctx);

/**
 * Who writes which comment on a ticket the viewer sees (the caller has read it through the ticket
 * scope: a customer sees it only by a grant, and every grant needs a live membership).
 */
export const canComment = (ctx: RequestContext, visibility: CommentVisibility): boolean =>
  visibility === CommentVisibility.PUBLIC || isStaff(ctx);

/** A CLOSED ticket takes no more replies from customers; staff may still comment. */
export const isClosedTo = (ctx: RequestContext, ticket: TicketEntity): boolean => ticket.status === TicketStatus.CLOSED && !isStaff(ctx);

/** A customer's public reply on a RESOLVED ticket reopens it. */
export const reopensOnReply = (ctx: RequestContext, ticket: TicketEntity, visibility: CommentVisibility): boolean =>
  ticket.status === TicketStatus.RESOLVED && visibility === CommentVisibility.PUBLIC && !isStaff(ctx);
