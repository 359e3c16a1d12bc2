import type { RequestContext } from '../../kernel/request-context';
import { lockForUpdate } from '../../db/transactions';
import { countEntities, selectEntities } from '../../db/raw-entities';
import { conflict, forbidden, invalidInput, notFound } from '../../shared/errors';
import { isIdOf, newId } from '../../shared/ids';
import { paginate, PageArgs, PageSource } from '../../shared/pagination';
import { ticketScope } from '../access/visibility';
import { AuditService, auditTarget } from '../audit/audit.service';
import { NotificationService } from '../notification/notification.service';
import { TicketEntity, TicketStatus } from '../ticket/ticket.entity';
import { TicketService } from '../ticket/ticket.service';
import { recordStatusChange } from '../ticket/ticket-status-change.entity';
import { changeStamp, stampTicketChange } from '../ticket/ticket-sync';
import { canComment, canReadInternalComments, isClosedTo, reopensOnReply } from './conversation.policy';
import { CommentVisibility, TicketCommentEntity } from './ticket-comment.entity';

export const COMMENT_MAX = 20_000;

/**
 * A comment's text as stored: trimmed, line breaks as \n, 1 to 20 000 characters; control
 * characters other than tab and line break are refused (they have no place in a message and
 * can hide text from a reader).
 */
export function cleanCommentBody(body: string): string {
  const text = body.replace(/\r\n?/g, '\n').trim();
  const field = ['input', 'body'];
  if (text.length === 0) throw invalidInput('Write a message first', field);
  if (text.length > COMMENT_MAX) throw invalidInput(`A message has at most ${COMMENT_MAX} characters`, field);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029\u202A-\u202E\u2066-\u2069]/.test(text))
    throw invalidInput('The message contains control characters', field);
  return text;
}

export class ConversationService {
  constructor(
    private readonly audit: AuditService,
    private readonly tickets: TicketService,
    private readonly notifications: NotificationService,
  ) {}

  /** Comments readable by the viewer among `ids`, through the ticket scope (node(id), loaders). */
  async findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<TicketCommentEntity[]> {
    const scope = ticketScope(await ctx.grants(), 'vt');
    return selectEntities(ctx.db, TicketCommentEntity, 'c', [
      { sql: 'c.id IN (:...byIds)', params: { byIds: [...ids] } },
      canReadInternalComments(ctx) ? null : { sql: 'c.visibility = :public', params: { public: CommentVisibility.PUBLIC } },
      scope && { sql: `c.ticket_id IN (SELECT vt.id FROM ticket vt WHERE ${scope.sql})`, params: scope.params },
    ]);
  }

  /**
   * A ticket's comments the viewer may read, oldest first. `ticket` came through the ticket scope
   * (Ticket.comments), so only the comments' own visibility is left to apply. Statements per page:
   * one, plus one for totalCount when asked.
   */
  list(ctx: RequestContext, ticket: TicketEntity, args: PageArgs) {
    // hand-written SELECT and COUNT (db/raw-entities.ts): a ticket page reads up to 50 comments, where
    // TypeORM's query builder and hydration cost more than the query (issue 16, C5)
    const conditions = [
      { sql: 'c.ticket_id = :ticketId', params: { ticketId: ticket.id } },
      canReadInternalComments(ctx) ? null : { sql: 'c.visibility = :public', params: { public: CommentVisibility.PUBLIC } },
    ];
    const source: PageSource<TicketCommentEntity> = {
      rows: (after, orderBy, limit) => selectEntities(ctx.db, TicketCommentEntity, 'c', [...conditions, after], { orderBy, limit }),
      count: () => countEntities(ctx.db, TicketCommentEntity, 'c', conditions),
    };
    return paginate(source, args, [
      { column: 'c.created_at', direction: 'ASC', valueOf: (c) => c.createdAt, isDate: true },
      { column: 'c.id', direction: 'ASC', valueOf: (c) => c.id },
    ]);
  }

  /**
   * conversation.md, "Comments": one transaction writes the comment, the ticket's activity (and
   * status, when a customer's reply reopens a RESOLVED ticket), the audit event and the outbox rows
   * of everyone to tell. The ticket row is locked first: replies to one ticket are serialized, so
   * "earlier comments" and the status they see are well defined.
   */
  async add(ctx: RequestContext, input: { ticketId: string; body: string; visibility?: CommentVisibility | null }) {
    if (!isIdOf('Ticket', input.ticketId)) throw invalidInput('ticketId is not a ticket id', ['input', 'ticketId']);
    const visibility = input.visibility ?? CommentVisibility.PUBLIC;
    if (!Object.values(CommentVisibility).includes(visibility)) throw invalidInput('Unknown visibility', ['input', 'visibility']);
    if (typeof input.body !== 'string') throw invalidInput('Write a message first', ['input', 'body']);
    const body = cleanCommentBody(input.body);
    if (!canComment(ctx, visibility)) throw forbidden('Only staff can write internal notes');
    const written = await ctx.inTransaction(async (tx) => {
      await lockForUpdate(tx.db, 'ticket', 'id', [input.ticketId]);
      const [ticket] = await this.tickets.findVisibleByIds(tx, [input.ticketId]);
      if (!ticket) throw notFound('Ticket', ['input', 'ticketId']);
      if (isClosedTo(tx, ticket)) throw conflict('This ticket is closed and takes no more replies', ['input', 'ticketId']);
      const now = new Date();
      const comment = tx.db.create(TicketCommentEntity, {
        id: newId('TicketComment'),
        ticketId: ticket.id,
        authorId: tx.viewer!.account.id,
        body,
        visibility,
        createdAt: now,
      });
      await tx.db.insert(TicketCommentEntity, comment);
      const reopen = reopensOnReply(tx, ticket, visibility);
      const statusBefore = ticket.status;
      ticket.activityAt = now;
      if (visibility === CommentVisibility.PUBLIC) ticket.publicActivityAt = now;
      // a comment is a change of the ticket for every viewer, also one who may not read it (integration.md)
      ticket.updatedAt = changeStamp(ticket.updatedAt, now);
      if (reopen) ticket.status = TicketStatus.OPEN;
      await tx.db.update(
        TicketEntity,
        { id: ticket.id },
        { status: ticket.status, updatedAt: ticket.updatedAt, activityAt: ticket.activityAt, publicActivityAt: ticket.publicActivityAt },
      );
      stampTicketChange(tx, ticket);
      await this.audit.recordChange(tx, 'TICKET_COMMENTED', auditTarget.ticketComment(comment.id, ticket.companyId), null, {
        ticketId: ticket.id,
        visibility,
      });
      if (reopen) {
        await recordStatusChange(tx.db, { ticketId: ticket.id, actorId: comment.authorId, from: statusBefore, to: ticket.status, at: now });
        await this.audit.recordChange(
          tx,
          'ticket.update',
          auditTarget.ticket(ticket),
          { status: statusBefore },
          { status: ticket.status, reason: 'reopened by a customer reply' },
        );
      }
      // mails: a reply that reopens is one COMMENT_ADDED event, not also STATUS_CHANGED (conversation.md);
      // webhooks: COMMENT_ADDED, and TICKET_UPDATED for the reopening (notification.service.ts)
      await this.notifications.notify(tx, {
        kind: 'commented',
        ticket,
        comment: { id: comment.id, body, visibility, authorId: comment.authorId, createdAt: now },
        reopenedFrom: reopen ? statusBefore : null,
      });
      return { comment, ticket };
    });
    // the payload answers about the ticket as the change saw it, even if access ends right after the
    // commit (a non-null TicketComment.ticket would otherwise turn a stored reply into an error)
    ctx.loaders.ticket.prime(written.ticket.id, written.ticket);
    return written;
  }
}
