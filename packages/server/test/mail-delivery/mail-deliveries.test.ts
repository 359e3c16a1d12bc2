import { Role } from '../../src/modules/membership/membership.entity';
import type { Mailer, OutgoingMail } from '../../src/infrastructure/mail/mailer';
import { startTestApp, TestApp } from '../support/test-app';

const DELIVERIES = `query($filter: MailDeliveryFilter) { mailDeliveries(first: 50, filter: $filter) {
  totalCount edges { node { id kind toAddress subject event ticketId status attempts lastError sentAt } } } }`;
const RETRY = `mutation($id: ID!) { retryMailDelivery(id: $id) { delivery { id status attempts } userErrors { code field } } }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code } } }`;

/** A mail server that refuses while `down` is set. */
class FlakyMailer implements Mailer {
  down = false;
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail) {
    if (this.down) throw new Error('421 service not available');
    this.sent.push(mail);
  }
}

describe('mail deliveries (staff view of the outbox)', () => {
  let t: TestApp;
  const mailer = new FlakyMailer();
  let admin: string;
  let agent: string;
  let customerAdmin: string;
  let companyId: string;

  beforeAll(async () => {
    t = await startTestApp({ mailer });
    admin = await t.factories.signIn(await t.factories.staffAdmin());
    agent = await t.factories.signIn(await t.factories.staffAgent());
    const company = await t.factories.company();
    companyId = company.id;
    customerAdmin = (await t.factories.member(company, Role.ADMINISTRATOR)).token;
  });
  afterAll(() => t.close());

  const invite = (email: string) =>
    t.gql(admin, INVITE, { input: { companyId, email, firstName: 'Mia', lastName: 'Roth', language: 'de', role: Role.MEMBER } });

  it('customers cannot see or retry deliveries; staff ADMIN and AGENT can see them', async () => {
    await invite('seen@example.test');
    for (const token of [customerAdmin]) {
      const listed = await t.gql(token, DELIVERIES);
      expect(listed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(listed.data).toBeNull();
    }
    for (const token of [admin, agent]) {
      const listed = await t.gql(token, DELIVERIES);
      expect(listed.errors).toBeUndefined();
      expect(listed.data.mailDeliveries.edges.map((e: any) => e.node)).toContainEqual(
        expect.objectContaining({ kind: 'INVITATION', toAddress: 'seen@example.test', status: 'SENT', attempts: 1, lastError: null }),
      );
    }
    const anonymous = await t.gql(null, DELIVERIES);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a failed mail is listed with its error and sent again by retryMailDelivery, exactly once', async () => {
    mailer.down = true;
    await invite('failing@example.test');
    // give up at once: the default is 8 attempts with backoff
    await t.app.database.dataSource.query(`UPDATE outbox_message SET status = 'FAILED' WHERE to_address = 'failing@example.test'`);
    const failed = await t.gql(admin, DELIVERIES, { filter: { statuses: ['FAILED'] } });
    const [row] = failed.data.mailDeliveries.edges.map((e: any) => e.node);
    expect(row).toEqual(
      expect.objectContaining({ toAddress: 'failing@example.test', status: 'FAILED', lastError: expect.stringContaining('421') }),
    );

    const refused = await t.gql(customerAdmin, RETRY, { id: row.id });
    expect(refused.data.retryMailDelivery.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);

    mailer.down = false;
    const retried = await t.gql(agent, RETRY, { id: row.id });
    expect(retried.data.retryMailDelivery.userErrors).toEqual([]);
    expect(retried.data.retryMailDelivery.delivery).toEqual({ id: row.id, status: 'PENDING', attempts: 0 });
    await t.app.outbox.drainOnce();
    expect(mailer.sent.filter((m) => m.to === 'failing@example.test')).toHaveLength(1);

    // SENT now: a second retry is a conflict, nothing is sent again
    const again = await t.gql(agent, RETRY, { id: row.id });
    expect(again.data.retryMailDelivery.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    await t.app.outbox.drainOnce();
    expect(mailer.sent.filter((m) => m.to === 'failing@example.test')).toHaveLength(1);
  });

  it('bad ids are INVALID_INPUT or NOT_FOUND', async () => {
    const bad = await t.gql(admin, RETRY, { id: 'nope' });
    expect(bad.data.retryMailDelivery.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['id'] })]);
    const missing = await t.gql(admin, RETRY, { id: `out_${'0'.repeat(32)}` });
    expect(missing.data.retryMailDelivery.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });
});

describe('mail deliveries of one ticket', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('filter by ticket, with the ticket itself', async () => {
    const company = await t.factories.company();
    const { account: requester, token: customer } = await t.factories.member(company, Role.ADMINISTRATOR);
    const agent = await t.factories.staffAgent();
    const staff = await t.factories.signIn(await t.factories.staffAdmin());
    const [first, second] = [
      await t.factories.ticket({ company, requester, assignee: agent }),
      await t.factories.ticket({ company, requester, assignee: agent }),
    ];
    for (const ticket of [first, second]) {
      const reply = await t.gql(
        customer,
        `mutation($id: ID!) { addTicketComment(input: { ticketId: $id, body: "Any news?" }) { userErrors { code } } }`,
        {
          id: ticket.id,
        },
      );
      expect(reply.data.addTicketComment.userErrors).toEqual([]);
    }
    const listed = await t.gql(
      staff,
      `query($id: ID!) { mailDeliveries(first: 10, filter: { ticketId: $id }) { edges { node { event ticket { id title } toAddress } } } }`,
      {
        id: first.id,
      },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data.mailDeliveries.edges.map((e: any) => e.node)).toEqual([
      { event: 'COMMENT_ADDED', ticket: { id: first.id, title: first.title }, toAddress: agent.email },
    ]);
  });
});
