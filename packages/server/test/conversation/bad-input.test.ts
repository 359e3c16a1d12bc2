import type { AccountEntity } from '../../src/modules/account/account.entity';
import type { CompanyEntity } from '../../src/modules/company/company.entity';
import { Capability } from '../../src/modules/membership/capabilities';
import { Role } from '../../src/modules/membership/membership.entity';
import type { TicketEntity } from '../../src/modules/ticket/ticket.entity';
import { newId } from '../../src/shared/ids';
import { FakeMailer } from '../outbox/fake-mailer';
import { startTestApp, TestApp } from '../support/test-app';
import { ADD_COMMENT, CREATE_TICKET, mutate, outboxRows, read, writtenRows } from './support';

/**
 * conversation.md, "Comments": bad input to addTicketComment is refused with one clear userError
 * (code, message, field) and writes nothing — no comment, no mail, no audit event; bodies at the
 * limits are accepted; markup is stored verbatim as text and escaped in the HTML part of mails.
 */

const BODY = ['input', 'body'];
const TICKET_ID = ['input', 'ticketId'];

describe('addTicketComment: bad input', () => {
  let t: TestApp;
  const mailer = new FakeMailer();
  let company: CompanyEntity;
  let requester: { account: AccountEntity; token: string };
  let moderator: { account: AccountEntity; token: string };
  let outsider: { account: AccountEntity; token: string };
  let noTickets: { account: AccountEntity; token: string };
  let agentToken: string;
  let agent: AccountEntity;
  let x: TicketEntity;

  beforeAll(async () => {
    t = await startTestApp({ mailer });
    company = await t.factories.company();
    const other = await t.factories.company();
    requester = await t.factories.member(company, Role.MEMBER);
    moderator = await t.factories.member(company, Role.MODERATOR); // company-wide: gets the mails
    outsider = await t.factories.member(other, Role.ADMINISTRATOR);
    noTickets = await t.factories.member(company, Role.ADMINISTRATOR, [Capability.KNOWLEDGE_BASE]);
    agent = await t.factories.staffAgent();
    agentToken = await t.factories.signIn(agent);
    x = await t.factories.ticket({ company, requester: requester.account, assignee: agent });
  });
  afterAll(() => t?.close());

  /** Runs addTicketComment and asserts one userError of `code` at `field`, and that nothing was written. */
  async function refused(token: string, input: Record<string, unknown>, code: string, field: string[] | null) {
    const before = await writtenRows(t);
    const sentBefore = mailer.sent.length;
    const r = await mutate(t, token, ADD_COMMENT, { input });
    expect(r.comment).toBeNull();
    expect(r.ticket).toBeNull();
    expect(r.userErrors).toHaveLength(1);
    expect(r.userErrors[0]).toMatchObject({ code, field });
    expect(r.userErrors[0].message.length).toBeGreaterThan(3);
    expect(await writtenRows(t)).toEqual(before);
    expect(mailer.sent.length).toBe(sentBefore);
    return r.userErrors[0];
  }

  /** Runs addTicketComment, asserts success, and returns the stored comment as read back. */
  async function accepted(token: string, input: Record<string, unknown>) {
    const before = await writtenRows(t);
    const r = await mutate(t, token, ADD_COMMENT, { input });
    expect(r.userErrors).toEqual([]);
    const after = await writtenRows(t);
    expect(after.comments).toBe(before.comments + 1);
    expect(after.audit).toBe(before.audit + 1);
    const stored = await read(t, agentToken, `query($id: ID!) { node(id: $id) { ... on TicketComment { body } } }`, { id: r.comment.id });
    return { id: r.comment.id as string, body: stored.node.body as string, returned: r.comment.body as string };
  }

  describe('the body', () => {
    it.each([
      ['empty', ''],
      ['blank', ' '],
      ['whitespace only', ' \n\t \r\n  \u00a0 '],
    ])('refuses %s with INVALID_INPUT', async (_name, body) => {
      await refused(requester.token, { ticketId: x.id, body }, 'INVALID_INPUT', BODY);
    });

    it('refuses 20 001 characters and accepts exactly 20 000 (after trimming)', async () => {
      await refused(requester.token, { ticketId: x.id, body: 'a'.repeat(20_001) }, 'INVALID_INPUT', BODY);
      await refused(requester.token, { ticketId: x.id, body: ` ${'b'.repeat(20_001)} ` }, 'INVALID_INPUT', BODY);
      const exact = await accepted(requester.token, { ticketId: x.id, body: 'c'.repeat(20_000) });
      expect(exact.body).toBe('c'.repeat(20_000));
      const padded = await accepted(requester.token, { ticketId: x.id, body: `  \n${'d'.repeat(20_000)}\n  ` });
      expect(padded.body).toBe('d'.repeat(20_000));
    });

    it('accepts 20 000 characters that take the most room: escaped in HTML, three bytes in UTF-8, surrogate pairs', async () => {
      for (const body of ['<'.repeat(20_000), '€'.repeat(20_000), '😀'.repeat(10_000)]) {
        const stored = await accepted(agentToken, { ticketId: x.id, body });
        expect(stored.body).toBe(body);
        const mail = (await outboxRows(t)).find((m) => m.textBody.includes(body) && m.recipientAccountId === requester.account.id);
        expect(mail?.status).toBe('SENT');
      }
    });

    it.each([
      ['NUL', 'a\u0000b'],
      ['BEL', 'ring \u0007'],
      ['ESC (terminal colours)', '\u001b[31mred\u001b[0m'],
      ['DEL', 'x\u007f'],
      ['right-to-left override', 'invoice\u202Eexe.pdf'],
      ['line separator', 'one\u2028two'],
      ['isolate', 'a\u2066b\u2069'],
    ])('refuses the control character %s', async (_name, body) => {
      await refused(requester.token, { ticketId: x.id, body }, 'INVALID_INPUT', BODY);
    });

    it('keeps tabs and line breaks (CRLF as LF)', async () => {
      const stored = await accepted(requester.token, { ticketId: x.id, body: 'Steps:\r\n\t1. open\r\n\t2. crash' });
      expect(stored.body).toBe('Steps:\n\t1. open\n\t2. crash');
      expect(stored.returned).toBe(stored.body);
    });

    it('stores HTML and script verbatim as text, and escapes it in the HTML part of every mail', async () => {
      const body = `<script>alert("x")</script> <img src=x onerror="alert('y')"> & <b>bold</b> </blockquote><a href="javascript:evil()">`;
      const stored = await accepted(requester.token, { ticketId: x.id, body });
      expect(stored.body).toBe(body);
      const listed = await read(
        t,
        requester.token,
        `query($id: ID!) { ticket(id: $id) { comments(first: 100) { edges { node { id body } } } } }`,
        {
          id: x.id,
        },
      );
      expect(listed.ticket.comments.edges.find((e: any) => e.node.id === stored.id).node.body).toBe(body);

      const mails = (await outboxRows(t)).filter((m) => m.textBody.includes(body));
      expect(mails.map((m) => m.recipientAccountId).sort()).toEqual([agent.id, moderator.account.id].sort());
      for (const mail of mails) {
        expect(mail.htmlBody).not.toMatch(/<script/i);
        expect(mail.htmlBody).not.toMatch(/<img/i);
        expect(mail.htmlBody).not.toMatch(/<b>bold/);
        // the mail's own two links (the ticket, the settings) are the only anchors
        expect(mail.htmlBody.match(/<a\s/gi)).toHaveLength(2);
        expect(mail.htmlBody).toContain('&#60;script&#62;');
        // the blockquote the mail puts the comment in is closed once: the body did not close it early
        expect(mail.htmlBody.split('</blockquote>')).toHaveLength(2);
      }
      for (const sent of mailer.sent.filter((m) => m.text.includes(body))) expect(sent.html).not.toMatch(/<script/i);
    });

    it('escapes a ticket title with markup in the HTML part, and refuses line breaks that would reach the subject', async () => {
      const refused = await mutate(t, requester.token, CREATE_TICKET, {
        input: { companyId: company.id, title: `<script>steal()</script>\r\nBcc: victim@example.test` },
      });
      expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'title'] })]);
      const title = `<script>steal()</script> Bcc: victim@example.test`;
      const r = await mutate(t, requester.token, CREATE_TICKET, { input: { companyId: company.id, title } });
      expect(r.userErrors).toEqual([]);
      const mails = (await outboxRows(t)).filter((m) => m.ticketId === r.ticket.id);
      expect(mails.map((m) => m.recipientAccountId)).toEqual([moderator.account.id]);
      for (const mail of mails) {
        expect(mail.htmlBody).not.toMatch(/<script/i);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        expect(mailer.sent.find((m) => m.messageId === mail.id)?.subject).toBe(mail.subject);
      }
    });

    it('refuses a body that is not a string or missing as a GraphQL error, writing nothing', async () => {
      const before = await writtenRows(t);
      for (const input of [
        { ticketId: x.id },
        { ticketId: x.id, body: null },
        { ticketId: x.id, body: 42 },
        { ticketId: x.id, body: ['a'] },
      ]) {
        const r = await t.gql(requester.token, ADD_COMMENT, { input });
        expect(r.errors?.length).toBeGreaterThan(0);
        expect(r.data ?? null).toBeNull();
      }
      const badEnum = await t.gql(agentToken, ADD_COMMENT, { input: { ticketId: x.id, body: 'x', visibility: 'SECRET' } });
      expect(badEnum.errors?.length).toBeGreaterThan(0);
      expect(await writtenRows(t)).toEqual(before);
    });
  });

  describe('Ticket.comments arguments', () => {
    it.each([
      ['first over 100', { first: 101 }],
      ['a negative first', { first: -1 }],
      ['an after that is no cursor', { after: 'garbage' }],
      ['an after that is base64 of something else', { after: Buffer.from('{"x":1}').toString('base64') }],
    ])('refuses %s with INVALID_INPUT', async (_name, args) => {
      const r = await t.gql(
        requester.token,
        `query($id: ID!, $first: Int, $after: String) { ticket(id: $id) { comments(first: $first, after: $after) { totalCount } } }`,
        {
          id: x.id,
          ...args,
        },
      );
      expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_INPUT']);
    });
  });

  describe('who and where', () => {
    it('refuses an INTERNAL note from a customer with FORBIDDEN, even an administrator', async () => {
      await refused(requester.token, { ticketId: x.id, body: 'psst', visibility: 'INTERNAL' }, 'FORBIDDEN', null);
      await refused(moderator.token, { ticketId: x.id, body: 'psst', visibility: 'INTERNAL' }, 'FORBIDDEN', null);
    });

    it('answers NOT_FOUND for a ticket the viewer does not see exactly as for one that does not exist', async () => {
      const ghost = newId('Ticket');
      for (const viewer of [outsider, noTickets]) {
        const hidden = await refused(viewer.token, { ticketId: x.id, body: 'hello' }, 'NOT_FOUND', TICKET_ID);
        const missing = await refused(viewer.token, { ticketId: ghost, body: 'hello' }, 'NOT_FOUND', TICKET_ID);
        expect(hidden).toEqual(missing);
      }
      const missingForStaff = await refused(agentToken, { ticketId: ghost, body: 'hello' }, 'NOT_FOUND', TICKET_ID);
      expect(missingForStaff.message).toBeTruthy();
    });

    it.each([
      ['garbage', 'not-an-id'],
      ['empty', ''],
      ['an id of another type', newId('Company')],
      ['a prefix only', 'tkt_'],
      ['SQL', "tkt_' OR 1=1 --"],
    ])('refuses a malformed ticket id (%s) with INVALID_INPUT', async (_name, ticketId) => {
      await refused(requester.token, { ticketId, body: 'hello' }, 'INVALID_INPUT', TICKET_ID);
    });

    it('refuses the signed-out and disabled accounts with UNAUTHENTICATED, writing nothing', async () => {
      const disabled = await t.factories.account({ disabled: true });
      await t.factories.membership(disabled, company, Role.ADMINISTRATOR);
      const token = await t.factories.signIn(disabled);
      const before = await writtenRows(t);
      for (const who of [null, token, 'not a token']) {
        const r = await t.gql(who, ADD_COMMENT, { input: { ticketId: x.id, body: 'hello' } });
        expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      }
      expect(await writtenRows(t)).toEqual(before);
    });
  });
});
