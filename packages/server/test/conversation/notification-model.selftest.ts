/**
 * Hand-written examples for the conversation part of the reference model (test/reference-model.ts),
 * straight from conversation.md. If one of these fails, the oracle of the notification property
 * test is wrong.
 */
import {
  addComment,
  canReadComment,
  commentRefusals,
  createTicketRefusals,
  notificationLevelOf,
  notificationRecipients,
  participates,
  readableCommentIds,
  RefWorld,
  setNotificationLevelRefusals,
  statusOf,
  updateTicket,
  updateTicketRefusals,
  visibleAccountIds,
} from '../reference-model';
import { company, customer, membership, sorted, staff, ticket, world } from '../support/reference-worlds';

/**
 *   P ── A (subsidiaryTicketsVisible on P)
 * req: MEMBER of A, requester of t; col: MEMBER of A (not company-wide); mod: MODERATOR of A;
 * up: ADMINISTRATOR of P (sees t by SUBSIDIARY only); solver: MEMBER of A with SOLVER;
 * staff: boss (ADMIN, default PARTICIPATING), ag (AGENT, ALL), quiet (AGENT, NONE), gone (disabled AGENT, ALL).
 */
function base(): RefWorld {
  return world({
    companies: [company('P', null, { subsidiaryTicketsVisible: true }), company('A', 'P')],
    accounts: [
      customer('req'),
      customer('col'),
      customer('mod'),
      customer('up'),
      customer('solver'),
      staff('boss', 'ADMIN'),
      staff('ag', 'AGENT', { notificationLevel: 'ALL' }),
      staff('quiet', 'AGENT', { notificationLevel: 'NONE' }),
      staff('gone', 'AGENT', { disabled: true, notificationLevel: 'ALL' }),
    ],
    memberships: [
      membership('m1', 'req', 'A', 'MEMBER'),
      membership('m2', 'col', 'A', 'MEMBER'),
      membership('m3', 'mod', 'A', 'MODERATOR'),
      membership('m4', 'up', 'P', 'ADMINISTRATOR'),
      membership('m5', 'solver', 'A', 'MEMBER', ['TICKETS', 'SOLVER']),
    ],
    tickets: [ticket('t', 'A', 'req', null, 'OPEN')],
    comments: [],
  });
}

describe('reference model: notification levels', () => {
  it('defaults to ALL for customers and PARTICIPATING for staff; a set level wins', () => {
    const w = base();
    expect(['req', 'boss', 'ag', 'quiet'].map((id) => notificationLevelOf(w, id))).toEqual(['ALL', 'PARTICIPATING', 'ALL', 'NONE']);
  });
});

describe('reference model: comments', () => {
  it('customers never read INTERNAL; staff read everything; authors of readable comments become visible accounts', () => {
    const w = base();
    addComment(w, { id: 'c1', ticketId: 't', authorId: 'ag', visibility: 'PUBLIC' });
    addComment(w, { id: 'c2', ticketId: 't', authorId: 'quiet', visibility: 'INTERNAL' });
    expect(readableCommentIds(w, 'req', 't')).toEqual(['c1']);
    expect(readableCommentIds(w, 'boss', 't')).toEqual(['c1', 'c2']);
    expect(readableCommentIds(w, 'solver', 't')).toEqual([]); // does not see t
    expect(canReadComment(w, 'req', 'c2')).toBe(false);
    expect(visibleAccountIds(w, 'req').has('ag')).toBe(true);
    expect(visibleAccountIds(w, 'req').has('quiet')).toBe(false);
  });

  it('refuses INTERNAL from customers, hidden tickets, and customers on CLOSED tickets; staff may comment on CLOSED', () => {
    const w = base();
    expect(commentRefusals(w, 'req', 't', 'PUBLIC')).toEqual([]);
    expect(commentRefusals(w, 'req', 't', 'INTERNAL')).toEqual(['FORBIDDEN']);
    expect(commentRefusals(w, 'col', 't', 'PUBLIC')).toEqual(['NOT_FOUND']);
    expect(commentRefusals(w, 'gone', 't', 'PUBLIC')).toEqual(['UNAUTHENTICATED']);
    w.tickets[0].status = 'CLOSED';
    expect(commentRefusals(w, 'req', 't', 'PUBLIC')).toEqual(['CONFLICT']);
    expect(commentRefusals(w, 'ag', 't', 'INTERNAL')).toEqual([]);
    expect(commentRefusals(w, 'ag', 't', 'PUBLIC')).toEqual([]);
  });

  it("reopens a RESOLVED ticket on a customer's PUBLIC reply only, as one COMMENT_ADDED event", () => {
    const w = base();
    w.tickets[0].status = 'RESOLVED';
    addComment(w, { id: 'c1', ticketId: 't', authorId: 'ag', visibility: 'PUBLIC' });
    expect(statusOf(w, 't')).toBe('RESOLVED');
    expect(addComment(w, { id: 'c2', ticketId: 't', authorId: 'req', visibility: 'PUBLIC' })).toEqual([
      { event: 'COMMENT_ADDED', ticketId: 't', actorId: 'req', commentId: 'c2' },
    ]);
    expect(statusOf(w, 't')).toBe('OPEN');
  });
});

describe('reference model: participation', () => {
  it('is requester, assignee, or author of an earlier PUBLIC comment (staff: any comment)', () => {
    const w = base();
    addComment(w, { id: 'c1', ticketId: 't', authorId: 'mod', visibility: 'PUBLIC' });
    addComment(w, { id: 'c2', ticketId: 't', authorId: 'quiet', visibility: 'INTERNAL' });
    expect(participates(w, 'req', 't')).toBe(true);
    expect(participates(w, 'mod', 't')).toBe(true);
    expect(participates(w, 'mod', 't', 'c1')).toBe(false); // not before its own comment
    expect(participates(w, 'quiet', 't')).toBe(true);
    expect(participates(w, 'col', 't')).toBe(false);
  });
});

describe('reference model: recipients', () => {
  it('PUBLIC comment by staff: requester, company-wide ALL customers, ALL staff; not SUBSIDIARY-only customers, not NONE, not disabled, not the actor', () => {
    const w = base();
    const [e] = addComment(w, { id: 'c1', ticketId: 't', authorId: 'boss', visibility: 'PUBLIC' });
    // req: requester; mod: COMPANY_WIDE with ALL; ag: staff ALL. up sees t by SUBSIDIARY only; col, solver do not see t
    expect(sorted(notificationRecipients(w, e))).toEqual(['ag', 'mod', 'req']);
  });

  it('a customer who set PARTICIPATING is told only once it participates', () => {
    const w = base();
    w.accounts.find((a) => a.id === 'mod')!.notificationLevel = 'PARTICIPATING';
    const [e1] = addComment(w, { id: 'c1', ticketId: 't', authorId: 'boss', visibility: 'PUBLIC' });
    expect(notificationRecipients(w, e1).has('mod')).toBe(false);
    addComment(w, { id: 'c2', ticketId: 't', authorId: 'mod', visibility: 'PUBLIC' });
    const [e3] = addComment(w, { id: 'c3', ticketId: 't', authorId: 'boss', visibility: 'PUBLIC' });
    expect(notificationRecipients(w, e3).has('mod')).toBe(true);
  });

  it('INTERNAL notes notify staff only: ALL staff and staff who commented before', () => {
    const w = base();
    addComment(w, { id: 'c1', ticketId: 't', authorId: 'boss', visibility: 'INTERNAL' });
    const [e] = addComment(w, { id: 'c2', ticketId: 't', authorId: 'ag', visibility: 'INTERNAL' });
    expect(sorted(notificationRecipients(w, e))).toEqual(['boss']);
  });

  it('ASSIGNED tells the new assignee unless NONE; a replaced assignee no longer participates by being assigned', () => {
    const w = base();
    w.tickets[0].assigneeId = 'ag';
    expect(updateTicketRefusals(w, 'boss', 't', { assigneeId: 'solver' })).toEqual([]);
    const events = updateTicket(w, 'boss', 't', { assigneeId: 'solver' });
    expect(events).toEqual([{ event: 'ASSIGNED', ticketId: 't', actorId: 'boss' }]);
    w.accounts.find((a) => a.id === 'ag')!.notificationLevel = 'PARTICIPATING';
    // solver: new assignee; req: requester; mod: COMPANY_WIDE ALL; ag: replaced, now PARTICIPATING
    expect(sorted(notificationRecipients(w, events[0]))).toEqual(['mod', 'req', 'solver']);
    expect(updateTicketRefusals(w, 'boss', 't', { assigneeId: 'quiet' })).toEqual([]);
    const [again] = updateTicket(w, 'boss', 't', { assigneeId: 'quiet' });
    expect(notificationRecipients(w, again).has('quiet')).toBe(false);
  });

  it('status and assignee changed at once: two events, both on the state after the change', () => {
    const w = base();
    const events = updateTicket(w, 'boss', 't', { status: 'WAITING', assigneeId: 'solver' });
    expect(events.map((e) => e.event)).toEqual(['STATUS_CHANGED', 'ASSIGNED']);
    expect(notificationRecipients(w, events[0]).has('solver')).toBe(true);
  });

  it('nobody is told about a ticket they stopped seeing', () => {
    const w = base();
    w.companies.find((c) => c.id === 'A')!.portalEnabled = false;
    const [e] = addComment(w, { id: 'c1', ticketId: 't', authorId: 'ag', visibility: 'PUBLIC' });
    expect(sorted(notificationRecipients(w, e))).toEqual([]); // boss: PARTICIPATING, not participating
  });
});

describe('reference model: who may do what', () => {
  it('updateTicket: a MEMBER closes and renames an own ticket only; MODERATORs manage; invalid assignees', () => {
    const w = base();
    expect(updateTicketRefusals(w, 'req', 't', { status: 'CLOSED' })).toEqual([]);
    expect(updateTicketRefusals(w, 'req', 't', { status: 'OPEN' })).toEqual(['FORBIDDEN']);
    expect(updateTicketRefusals(w, 'req', 't', { assigneeId: null })).toEqual(['FORBIDDEN']);
    expect(updateTicketRefusals(w, 'mod', 't', { status: 'WAITING', assigneeId: 'mod' })).toEqual([]);
    expect(updateTicketRefusals(w, 'mod', 't', { assigneeId: 'col' })).toEqual(['INVALID_INPUT']); // no SOLVER
    expect(updateTicketRefusals(w, 'up', 't', { status: 'WAITING' })).toEqual([]); // ADMINISTRATOR of P, by SUBSIDIARY
    expect(updateTicketRefusals(w, 'ag', 't', { assigneeId: 'gone' })).toEqual(['INVALID_INPUT']);
  });

  it('createTicket and setNotificationLevel', () => {
    const w = base();
    expect(createTicketRefusals(w, 'req', 'A', 'req')).toEqual([]);
    expect(createTicketRefusals(w, 'req', 'A', 'col')).toEqual(['FORBIDDEN']);
    expect(createTicketRefusals(w, 'req', 'P', 'req')).toEqual(['NOT_FOUND']);
    expect(createTicketRefusals(w, 'boss', 'P', 'req')).toEqual([]);
    expect(createTicketRefusals(w, 'ag', 'P', 'req')).toEqual(['FORBIDDEN']);
    expect(setNotificationLevelRefusals(w, 'req', 'req')).toEqual([]);
    expect(setNotificationLevelRefusals(w, 'req', 'col')).toEqual(['FORBIDDEN']);
    expect(setNotificationLevelRefusals(w, 'ag', 'req')).toEqual(['FORBIDDEN']);
    expect(setNotificationLevelRefusals(w, 'boss', 'req')).toEqual([]);
  });
});
