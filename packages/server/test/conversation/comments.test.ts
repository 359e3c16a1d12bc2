import { AccountEntity } from '../../src/modules/account/account.entity';
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { CommentVisibility, TicketCommentEntity } from '../../src/modules/conversation/ticket-comment.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { TicketStatus } from '../../src/modules/ticket/ticket.entity';
import { newId } from '../../src/shared/ids';
import { FakeMailer } from '../outbox/fake-mailer';
import { startTestApp, TestApp } from '../support/test-app';
import { ADD_COMMENT, mutate, outboxRows, read, SET_LEVEL, sleep, writtenRows } from './support';

/**
 * conversation.md, "Comments", through the API: the order and keyset pages of Ticket.comments,
 * INTERNAL comments that do not exist for customers, comment authors made visible, lastActivityAt
 * per viewer, reopen-on-reply, CLOSED tickets, the audit event, notification levels and API token
 * scopes.
 */

const COMMENTS = `query($id: ID!, $first: Int, $after: String) {
  ticket(id: $id) { id comments(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id visibility body author { id } } } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on TicketComment { visibility author { id } ticket { id } } } }`;
const ACTIVITY = `query($id: ID!) { ticket(id: $id) { lastActivityAt status } }`;
const AUDIT = `{ auditEvents(first: 10) { edges { node { id action targetType targetId before after actor { id } company { id } } } } }`;
const LEVEL_OF = `query($id: ID!) { node(id: $id) { id ... on Account { notificationLevel } } }`;
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token userErrors { code } } }`;

describe('ticket comments', () => {
  let t: TestApp;
  const mailer = new FakeMailer();
  let company: CompanyEntity;
  let other: CompanyEntity;
  let requester: { account: AccountEntity; token: string };
  let colleague: { account: AccountEntity; token: string };
  let moderator: { account: AccountEntity; token: string };
  let outsider: { account: AccountEntity; token: string };
  let agent: { account: AccountEntity; token: string };
  let agent2: { account: AccountEntity; token: string };
  let admin: { account: AccountEntity; token: string };

  const staffAccount = async (make: () => Promise<AccountEntity>) => {
    const account = await make();
    return { account, token: await t.factories.signIn(account) };
  };

  beforeAll(async () => {
    t = await startTestApp({ mailer });
    company = await t.factories.company({ name: 'Acme' });
    other = await t.factories.company({ name: 'Other' });
    requester = await t.factories.member(company, Role.MEMBER);
    colleague = await t.factories.member(company, Role.MEMBER);
    moderator = await t.factories.member(company, Role.MODERATOR);
    outsider = await t.factories.member(other, Role.ADMINISTRATOR);
    agent = await staffAccount(() => t.factories.staffAgent());
    agent2 = await staffAccount(() => t.factories.staffAgent());
    admin = await staffAccount(() => t.factories.staffAdmin());
  });
  afterAll(() => t?.close());

  const ticket = (options: Partial<Parameters<TestApp['factories']['ticket']>[0]> = {}) =>
    t.factories.ticket({ company, requester: requester.account, ...options });

  const comment = (token: string, ticketId: string, body: string, visibility: 'PUBLIC' | 'INTERNAL' = 'PUBLIC') =>
    mutate(t, token, ADD_COMMENT, { input: { ticketId, body, visibility } });

  async function commentOk(token: string, ticketId: string, body: string, visibility: 'PUBLIC' | 'INTERNAL' = 'PUBLIC') {
    const r = await comment(token, ticketId, body, visibility);
    expect(r.userErrors).toEqual([]);
    return r.comment as { id: string; createdAt: string; body: string; visibility: string; author: { id: string } };
  }

  /** Walks Ticket.comments page by page; returns the ids, checking totalCount on every page. */
  async function walk(token: string, ticketId: string, first: number, totalCount: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page <= totalCount + 1; page++) {
      const data: any = await read(t, token, COMMENTS, { id: ticketId, first, after });
      const connection = data.ticket.comments;
      expect(connection.totalCount).toBe(totalCount);
      ids.push(...connection.edges.map((e: any) => e.node.id));
      for (const e of connection.edges) expect(e.node.author).not.toBeNull();
      if (!connection.pageInfo.hasNextPage) break;
      expect(connection.edges).toHaveLength(first);
      after = connection.pageInfo.endCursor;
    }
    return ids;
  }

  describe('Ticket.comments', () => {
    it('lists oldest first (ties by id) in keyset pages; customers never see INTERNAL: not listed, not counted, node(id) null', async () => {
      const x = await ticket();
      // written directly with chosen times: three share one millisecond, so the id decides among them
      const base = Date.UTC(2025, 2, 3, 10, 0, 0);
      const plan: Array<[number, CommentVisibility, AccountEntity]> = [
        [base + 5, CommentVisibility.PUBLIC, agent.account],
        [base, CommentVisibility.INTERNAL, agent2.account],
        [base + 5, CommentVisibility.INTERNAL, agent2.account],
        [base + 9, CommentVisibility.PUBLIC, requester.account],
        [base + 5, CommentVisibility.PUBLIC, requester.account],
        [base + 1, CommentVisibility.PUBLIC, agent.account],
        [base + 12, CommentVisibility.INTERNAL, agent.account],
      ];
      const written = plan.map(([at, visibility, author], i) => ({
        id: newId('TicketComment'),
        ticketId: x.id,
        authorId: author.id,
        body: `comment ${i}`,
        visibility,
        createdAt: new Date(at),
      }));
      await t.app.deps.transactions.run((db) => db.insert(TicketCommentEntity, written));
      const order = [...written].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
      const all = order.map((c) => c.id);
      const publicOnes = order.filter((c) => c.visibility === CommentVisibility.PUBLIC).map((c) => c.id);

      for (const first of [1, 2, 3, 100]) {
        expect(await walk(agent.token, x.id, first, all.length)).toEqual(all);
        expect(await walk(requester.token, x.id, first, publicOnes.length)).toEqual(publicOnes);
        expect(await walk(moderator.token, x.id, first, publicOnes.length)).toEqual(publicOnes);
      }

      for (const c of written) {
        const asStaff = (await read(t, agent.token, NODE, { id: c.id })).node;
        expect(asStaff).toEqual({ id: c.id, visibility: c.visibility, author: { id: c.authorId }, ticket: { id: x.id } });
        const asRequester = (await read(t, requester.token, NODE, { id: c.id })).node;
        expect(asRequester).toEqual(c.visibility === CommentVisibility.PUBLIC ? asStaff : null);
        // customers who do not see the ticket read none of its comments
        expect((await read(t, colleague.token, NODE, { id: c.id })).node).toBeNull();
        expect((await read(t, outsider.token, NODE, { id: c.id })).node).toBeNull();
      }
      expect((await read(t, colleague.token, COMMENTS, { id: x.id, first: 10 })).ticket).toBeNull();
    });

    it('makes the author of a comment a customer reads visible to it, and no other staff account', async () => {
      const x = await ticket();
      const author = await staffAccount(() => t.factories.staffAgent());
      const noteTaker = await staffAccount(() => t.factories.staffAgent());
      const seen = async (viewer: string, id: string) => (await read(t, viewer, `query($id: ID!) { node(id: $id) { id } }`, { id })).node;

      expect(await seen(requester.token, author.account.id)).toBeNull();
      await commentOk(noteTaker.token, x.id, 'only for staff', 'INTERNAL');
      await commentOk(author.token, x.id, 'Hello from support');

      expect(await seen(requester.token, author.account.id)).toEqual({ id: author.account.id });
      expect(await seen(moderator.token, author.account.id)).toEqual({ id: author.account.id });
      // the author of an INTERNAL note stays hidden; so does everything from customers who do not see the ticket
      expect(await seen(requester.token, noteTaker.account.id)).toBeNull();
      expect(await seen(colleague.token, author.account.id)).toBeNull();
      expect(await seen(outsider.token, author.account.id)).toBeNull();
      const listed = (await read(t, requester.token, COMMENTS, { id: x.id, first: 10 })).ticket.comments.edges;
      expect(listed.map((e: any) => e.node.author)).toEqual([{ id: author.account.id }]);
    });
  });

  describe('lastActivityAt', () => {
    it('moves for everyone on public activity, and only for staff on an internal note', async () => {
      const created = await mutate(
        t,
        requester.token,
        `mutation($input: CreateTicketInput!) { r: createTicket(input: $input) { ticket { id createdAt lastActivityAt } userErrors { code } } }`,
        {
          input: { companyId: company.id, title: 'Activity' },
        },
      );
      const x = created.ticket;
      expect(x.lastActivityAt).toBe(x.createdAt);
      const activity = async (token: string) => (await read(t, token, ACTIVITY, { id: x.id })).ticket.lastActivityAt;
      expect(await activity(agent.token)).toBe(x.createdAt);
      expect(await activity(requester.token)).toBe(x.createdAt);

      await sleep(5);
      const reply = await commentOk(agent.token, x.id, 'We are on it');
      expect(await activity(agent.token)).toBe(reply.createdAt);
      expect(await activity(requester.token)).toBe(reply.createdAt);
      expect(await activity(moderator.token)).toBe(reply.createdAt);

      await sleep(5);
      const note = await commentOk(agent2.token, x.id, 'Customer seems confused', 'INTERNAL');
      expect(note.createdAt > reply.createdAt).toBe(true);
      expect(await activity(agent.token)).toBe(note.createdAt);
      expect(await activity(admin.token)).toBe(note.createdAt);
      expect(await activity(requester.token)).toBe(reply.createdAt);
      expect(await activity(moderator.token)).toBe(reply.createdAt);

      await sleep(5);
      await mutate(t, agent.token, `mutation($input: UpdateTicketInput!) { r: updateTicket(input: $input) { userErrors { code } } }`, {
        input: { id: x.id, status: 'WAITING' },
      });
      const afterStatus = await activity(requester.token);
      expect(afterStatus > note.createdAt).toBe(true);
      expect(await activity(agent.token)).toBe(afterStatus);
    });
  });

  describe('reopen on reply', () => {
    it("a customer's PUBLIC reply on a RESOLVED ticket reopens it: one audit TICKET_COMMENTED, one status record, one COMMENT_ADDED event, no STATUS_CHANGED mail", async () => {
      const x = await ticket({ status: TicketStatus.RESOLVED, assignee: agent.account });
      const before = await writtenRows(t);
      const mailsBefore = new Set((await outboxRows(t)).map((r) => r.id));
      const auditBefore = new Set((await read(t, admin.token, AUDIT)).auditEvents.edges.map((e: any) => e.node.id));

      const r = await comment(requester.token, x.id, 'It is broken again');
      expect(r.userErrors).toEqual([]);
      expect(r.ticket).toEqual({ id: x.id, status: 'OPEN' });
      expect((await read(t, agent.token, ACTIVITY, { id: x.id })).ticket.status).toBe('OPEN');

      const after = await writtenRows(t);
      expect(after.comments).toBe(before.comments + 1);
      expect(after.audit).toBe(before.audit + 2);
      const events = (await read(t, admin.token, AUDIT)).auditEvents.edges
        .map((e: any) => e.node)
        .filter((e: any) => !auditBefore.has(e.id));
      expect(events.map((e: any) => e.action).sort()).toEqual(['TICKET_COMMENTED', 'ticket.update']);
      const commented = events.find((e: any) => e.action === 'TICKET_COMMENTED');
      expect(commented).toMatchObject({
        targetType: 'TicketComment',
        targetId: r.comment.id,
        actor: { id: requester.account.id },
        company: { id: company.id },
      });
      expect(commented.after).toEqual({ ticketId: x.id, visibility: 'PUBLIC' });
      const status = events.find((e: any) => e.action === 'ticket.update');
      expect(status).toMatchObject({ targetType: 'Ticket', targetId: x.id, before: { status: 'RESOLVED' }, after: { status: 'OPEN' } });

      const mails = (await outboxRows(t)).filter((m) => !mailsBefore.has(m.id));
      expect(mails.map((m) => m.event)).toEqual(mails.map(() => 'COMMENT_ADDED'));
      expect(new Set(mails.map((m) => m.eventId)).size).toBe(1);
      // the assignee (participant) and the moderator (company-wide, ALL); not the requester itself
      expect(mails.map((m) => m.recipientAccountId).sort()).toEqual([agent.account.id, moderator.account.id].sort());
    });

    it('a staff reply, or a customer reply on a ticket that is not RESOLVED, leaves the status alone', async () => {
      const resolved = await ticket({ status: TicketStatus.RESOLVED });
      expect((await comment(agent.token, resolved.id, 'Anything else?')).ticket.status).toBe('RESOLVED');
      const waiting = await ticket({ status: TicketStatus.WAITING });
      expect((await comment(requester.token, waiting.id, 'Here is the log')).ticket.status).toBe('WAITING');
    });
  });

  describe('CLOSED tickets', () => {
    it('refuse customers with CONFLICT and write nothing; staff may still comment, PUBLIC and INTERNAL', async () => {
      const x = await ticket({ status: TicketStatus.CLOSED });
      const activityBefore = (await read(t, requester.token, ACTIVITY, { id: x.id })).ticket.lastActivityAt;
      const before = await writtenRows(t);
      for (const who of [requester, moderator]) {
        const r = await comment(who.token, x.id, 'Please reopen');
        expect(r).toMatchObject({ comment: null, ticket: null, userErrors: [{ code: 'CONFLICT', field: ['input', 'ticketId'] }] });
        expect(r.userErrors[0].message).toMatch(/closed/i);
      }
      expect(await writtenRows(t)).toEqual(before);
      expect((await read(t, requester.token, ACTIVITY, { id: x.id })).ticket).toEqual({ lastActivityAt: activityBefore, status: 'CLOSED' });

      const reply = await comment(agent.token, x.id, 'Closed for good, sorry');
      expect(reply.userErrors).toEqual([]);
      expect(reply.ticket.status).toBe('CLOSED');
      const note = await comment(agent.token, x.id, 'Do not reopen', 'INTERNAL');
      expect(note.userErrors).toEqual([]);
      const after = await writtenRows(t);
      expect(after.comments).toBe(before.comments + 2);
      // the requester hears of the public reply only
      const mails = (await outboxRows(t)).filter((m) => m.ticketId === x.id && m.recipientAccountId === requester.account.id);
      expect(mails).toHaveLength(1);
      expect(mails[0].textBody).toContain('Closed for good, sorry');
    });
  });

  describe('audit', () => {
    it('records TICKET_COMMENTED with the comment id and visibility, never the body', async () => {
      const x = await ticket();
      const secret = `body-marker-${Math.random().toString(36).slice(2)}`;
      const publicOne = await commentOk(requester.token, x.id, `public ${secret}`);
      const internalOne = await commentOk(agent.token, x.id, `internal ${secret}`, 'INTERNAL');
      const events = (await read(t, admin.token, AUDIT)).auditEvents.edges.map((e: any) => e.node);
      for (const [c, visibility] of [
        [publicOne, 'PUBLIC'],
        [internalOne, 'INTERNAL'],
      ] as const) {
        const event = events.find((e: any) => e.action === 'TICKET_COMMENTED' && e.targetId === c.id);
        expect(event).toMatchObject({ targetType: 'TicketComment', after: { ticketId: x.id, visibility } });
      }
      expect(JSON.stringify(events)).not.toContain(secret);
      const raw = await t.app.database.dataSource.query(`SELECT * FROM audit_event`);
      expect(JSON.stringify(raw)).not.toContain(secret);
    });
  });

  describe('setNotificationLevel', () => {
    it('sets the own level (customers and staff); reads back the default of the kind while unset', async () => {
      const fresh = await t.factories.member(company, Role.MEMBER);
      const own = async (token: string) => (await read(t, token, `{ viewer { id notificationLevel } }`)).viewer.notificationLevel;
      expect(await own(fresh.token)).toBe('ALL');
      expect(await own(agent2.token)).toBe('PARTICIPATING');
      const r = await mutate(t, fresh.token, SET_LEVEL, { input: { level: 'PARTICIPATING' } });
      expect(r).toEqual({ account: { id: fresh.account.id, notificationLevel: 'PARTICIPATING' }, userErrors: [] });
      expect(await own(fresh.token)).toBe('PARTICIPATING');
      const self = await mutate(t, agent2.token, SET_LEVEL, { input: { accountId: agent2.account.id, level: 'ALL' } });
      expect(self.userErrors).toEqual([]);
      expect(await own(agent2.token)).toBe('ALL');
      await mutate(t, agent2.token, SET_LEVEL, { input: { level: 'PARTICIPATING' } });
    });

    it("staff ADMIN sets anyone's; AGENT and customers get FORBIDDEN for others and change nothing", async () => {
      const target = await t.factories.member(company, Role.MEMBER);
      const levelOf = async () => (await read(t, admin.token, LEVEL_OF, { id: target.account.id })).node.notificationLevel;
      expect(await levelOf()).toBe('ALL');
      for (const who of [agent, moderator, colleague, outsider]) {
        const before = await writtenRows(t);
        const r = await mutate(t, who.token, SET_LEVEL, { input: { accountId: target.account.id, level: 'NONE' } });
        expect(r).toMatchObject({ account: null, userErrors: [{ code: 'FORBIDDEN' }] });
        expect(await writtenRows(t)).toEqual(before);
      }
      expect(await levelOf()).toBe('ALL');
      const r = await mutate(t, admin.token, SET_LEVEL, { input: { accountId: target.account.id, level: 'NONE' } });
      expect(r).toEqual({ account: { id: target.account.id, notificationLevel: 'NONE' }, userErrors: [] });
      expect(await levelOf()).toBe('NONE');
      expect(await read(t, agent.token, LEVEL_OF, { id: target.account.id })).toEqual({
        node: { id: target.account.id, notificationLevel: 'NONE' },
      });

      const bad = await mutate(t, admin.token, SET_LEVEL, { input: { accountId: company.id, level: 'ALL' } });
      expect(bad.userErrors).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'accountId'] }]);
      const unknown = await mutate(t, admin.token, SET_LEVEL, { input: { accountId: newId('Account'), level: 'ALL' } });
      expect(unknown.userErrors).toMatchObject([{ code: 'NOT_FOUND' }]);
    });

    it('Account.notificationLevel is null for anyone but the account itself and staff', async () => {
      // the moderator sees the requester (a member of its company), but not its level
      expect(await read(t, moderator.token, LEVEL_OF, { id: requester.account.id })).toEqual({
        node: { id: requester.account.id, notificationLevel: null },
      });
      expect((await read(t, requester.token, LEVEL_OF, { id: requester.account.id })).node.notificationLevel).not.toBeNull();
      expect((await read(t, agent.token, LEVEL_OF, { id: requester.account.id })).node.notificationLevel).not.toBeNull();
    });

    it('takes effect for the very next event: NONE silences, ALL brings company-wide tickets back', async () => {
      const watcher = await t.factories.member(company, Role.MODERATOR); // company-wide
      const x = await ticket();
      const mailsTo = async () =>
        (await outboxRows(t)).filter((m) => m.ticketId === x.id && m.recipientAccountId === watcher.account.id).length;
      await commentOk(agent.token, x.id, 'first');
      expect(await mailsTo()).toBe(1);
      await mutate(t, watcher.token, SET_LEVEL, { input: { level: 'NONE' } });
      await commentOk(agent.token, x.id, 'second');
      expect(await mailsTo()).toBe(1);
      await mutate(t, watcher.token, SET_LEVEL, { input: { level: 'PARTICIPATING' } });
      await commentOk(agent.token, x.id, 'third');
      expect(await mailsTo()).toBe(1);
      await mutate(t, watcher.token, SET_LEVEL, { input: { level: 'ALL' } });
      await commentOk(agent.token, x.id, 'fourth');
      expect(await mailsTo()).toBe(2);
    });
  });

  describe('API tokens', () => {
    async function token(session: string, scopes: string[], companyId?: string) {
      const r = await mutate(t, session, CREATE_TOKEN.replace('createApiToken', 'r: createApiToken'), {
        input: { name: 'script', scopes, ...(companyId ? { companyId } : {}) },
      });
      expect(r.userErrors).toEqual([]);
      return r.token as string;
    }

    it('needs TICKETS_WRITE to comment (FORBIDDEN, nothing written); a TICKETS_READ token reads the comments', async () => {
      const x = await ticket();
      const visible = await commentOk(agent.token, x.id, 'visible to the requester');
      await commentOk(agent.token, x.id, 'staff only', 'INTERNAL');
      const reader = await token(requester.token, ['TICKETS_READ']);
      const before = await writtenRows(t);
      // access-model.md "Errors": a forbidden action in a mutation is a userError
      const refused = await mutate(t, reader, ADD_COMMENT, { input: { ticketId: x.id, body: 'from a script' } });
      expect(refused).toMatchObject({ comment: null, userErrors: [{ code: 'FORBIDDEN' }] });
      expect(refused.userErrors[0].message).toMatch(/TICKETS_WRITE/);
      expect(await writtenRows(t)).toEqual(before);

      expect(await walk(reader, x.id, 10, 1)).toEqual([visible.id]);
      expect((await read(t, reader, NODE, { id: visible.id })).node).toMatchObject({ id: visible.id });

      const writer = await token(requester.token, ['TICKETS_READ', 'TICKETS_WRITE']);
      const r = await mutate(t, writer, ADD_COMMENT, { input: { ticketId: x.id, body: 'from a script' } });
      expect(r.userErrors).toEqual([]);
      expect(r.comment.author).toEqual({ id: requester.account.id });
      const internal = await mutate(t, writer, ADD_COMMENT, { input: { ticketId: x.id, body: 'sneaky', visibility: 'INTERNAL' } });
      expect(internal.userErrors).toMatchObject([{ code: 'FORBIDDEN' }]);
    });

    it('a token restricted to another company does not see the ticket: NOT_FOUND', async () => {
      const both = await t.factories.member(company, Role.ADMINISTRATOR);
      await t.factories.membership(both.account, other, Role.ADMINISTRATOR);
      const x = await ticket();
      const restricted = await token(both.token, ['TICKETS_READ', 'TICKETS_WRITE'], other.id);
      const before = await writtenRows(t);
      const r = await mutate(t, restricted, ADD_COMMENT, { input: { ticketId: x.id, body: 'hello' } });
      expect(r.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: ['input', 'ticketId'] }]);
      expect(await writtenRows(t)).toEqual(before);
      expect((await mutate(t, both.token, ADD_COMMENT, { input: { ticketId: x.id, body: 'hello' } })).userErrors).toEqual([]);
    });
  });
});
