import { Role } from '../../src/modules/membership/membership.entity';
import { TicketStatus } from '../../src/modules/ticket/ticket.entity';
import { startTestApp, TestApp } from '../support/test-app';

const HISTORY = `query($id: ID!) { ticket(id: $id) { status statusChanges { fromStatus toStatus createdAt actor { id } } } }`;
const UPDATE = `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { userErrors { code } } }`;
const REPLY = `mutation($id: ID!) { addTicketComment(input: { ticketId: $id, body: "Still broken" }) { ticket { status } userErrors { code } } }`;

/** Ticket.statusChanges: the conversation's inline history, public activity of the ticket. */
describe('ticket status history', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('records each status change with its actor, a reopening reply included; only what changed; oldest first', async () => {
    const company = await t.factories.company();
    const { account: requester, token: customer } = await t.factories.member(company, Role.MEMBER);
    const agent = await t.factories.staffAgent();
    const staff = await t.factories.signIn(agent);
    const ticket = await t.factories.ticket({ company, requester, status: TicketStatus.OPEN });

    expect((await t.gql(staff, UPDATE, { input: { id: ticket.id, status: 'RESOLVED' } })).data.updateTicket.userErrors).toEqual([]);
    // a title change is no status change
    expect((await t.gql(staff, UPDATE, { input: { id: ticket.id, title: 'Renamed' } })).data.updateTicket.userErrors).toEqual([]);
    const reopened = await t.gql(customer, REPLY, { id: ticket.id });
    expect(reopened.data.addTicketComment).toEqual({ ticket: { status: 'OPEN' }, userErrors: [] });

    const staffView = await t.gql(staff, HISTORY, { id: ticket.id });
    expect(staffView.data.ticket.statusChanges.map((c: any) => [c.fromStatus, c.toStatus, c.actor?.id])).toEqual([
      ['OPEN', 'RESOLVED', agent.id],
      ['RESOLVED', 'OPEN', requester.id],
    ]);
    const times = staffView.data.ticket.statusChanges.map((c: any) => c.createdAt);
    expect([...times].sort()).toEqual(times);

    // the customer reads the same history; the agent, who never wrote on the ticket, is no account it sees
    const customerView = await t.gql(customer, HISTORY, { id: ticket.id });
    expect(customerView.data.ticket.statusChanges.map((c: any) => [c.fromStatus, c.toStatus, c.actor?.id ?? null])).toEqual([
      ['OPEN', 'RESOLVED', null],
      ['RESOLVED', 'OPEN', requester.id],
    ]);
  });

  it('nobody else reads it: a ticket the viewer does not see is null', async () => {
    const company = await t.factories.company();
    const { account: requester } = await t.factories.member(company, Role.MEMBER);
    const { token: stranger } = await t.factories.member(await t.factories.company(), Role.ADMINISTRATOR);
    const ticket = await t.factories.ticket({ company, requester });
    expect((await t.gql(stranger, HISTORY, { id: ticket.id })).data.ticket).toBeNull();
  });

  it('a refused change records nothing', async () => {
    const company = await t.factories.company();
    const { account: requester, token: customer } = await t.factories.member(company, Role.MEMBER);
    const ticket = await t.factories.ticket({ company, requester, status: TicketStatus.OPEN });
    // a MEMBER may close its own ticket, not resolve it
    expect((await t.gql(customer, UPDATE, { input: { id: ticket.id, status: 'RESOLVED' } })).data.updateTicket.userErrors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN' }),
    ]);
    expect((await t.gql(customer, HISTORY, { id: ticket.id })).data.ticket.statusChanges).toEqual([]);
  });
});
