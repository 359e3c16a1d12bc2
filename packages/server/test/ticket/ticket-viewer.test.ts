import { Role } from '../../src/modules/membership/membership.entity';
import { TicketStatus } from '../../src/modules/ticket/ticket.entity';
import { startTestApp, TestApp } from '../support/test-app';

/** Ticket.viewerAccess (why the viewer sees it), Ticket.viewerCan and Company.viewerCan. */

const TICKETS = (first: number) =>
  `{ tickets(first: ${first}) { edges { node { id title viewerAccess viewerCan { rename close changeStatus assign } } } } }`;
const COMPANY_CAN = `query($id: ID!) { company(id: $id) {
  viewerCan { invite listInvitations listMembers manageMembers changeMembersSeeCompanyTickets manageCompany readSignInLog } } }`;

describe('viewer fields', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const holding = await t.factories.company({ name: 'Holding', settings: { subsidiaryTicketsVisible: true } });
    const child = await t.factories.company({ name: 'Child', parent: holding });
    const sibling = await t.factories.company({ name: 'Sibling', parent: holding, settings: { shareTicketsWithFamily: true } });
    const admin = await t.factories.member(holding, Role.ADMINISTRATOR);
    const member = await t.factories.member(child, Role.MEMBER);
    const moderator = await t.factories.member(sibling, Role.MODERATOR);
    const staff = await t.factories.staffAdmin();
    const own = await t.factories.ticket({ company: child, requester: member.account, title: 'own' });
    const other = await t.factories.ticket({ company: child, requester: admin.account, title: 'other', status: TicketStatus.NEW });
    for (let i = 0; i < 30; i++) await t.factories.ticket({ company: i % 2 ? child : holding, requester: admin.account });
    ids = { holding: holding.id, child: child.id, own: own.id, other: other.id };
    tokens = { admin: admin.token, member: member.token, moderator: moderator.token, staff: await t.factories.signIn(staff) };
  });
  afterAll(() => t.close());

  const ticketsOf = async (token: string) => {
    const result = await t.gql(token, TICKETS(100));
    expect(result.errors).toBeUndefined();
    return new Map(result.data.tickets.edges.map((e: { node: { title: string } }) => [e.node.title, e.node]));
  };

  it('says why each ticket is visible', async () => {
    const admin = await ticketsOf(tokens.admin);
    expect((admin.get('own') as any).viewerAccess).toEqual(['SUBSIDIARY']);
    const member = await ticketsOf(tokens.member);
    expect([...member.keys()]).toEqual(['own']);
    expect((member.get('own') as any).viewerAccess).toEqual(['OWN_TICKET']);
    const moderator = await ticketsOf(tokens.moderator);
    expect((moderator.get('other') as any).viewerAccess).toEqual(['FAMILY']);
    const staff = await ticketsOf(tokens.staff);
    expect((staff.get('own') as any).viewerAccess).toEqual([]);
  });

  it('says what the viewer may change', async () => {
    expect((await ticketsOf(tokens.member)).get('own')).toMatchObject({
      viewerCan: { rename: true, close: true, changeStatus: false, assign: false },
    });
    expect((await ticketsOf(tokens.admin)).get('own')).toMatchObject({
      viewerCan: { rename: true, close: true, changeStatus: true, assign: true },
    });
    expect((await ticketsOf(tokens.staff)).get('own')).toMatchObject({
      viewerCan: { rename: true, close: true, changeStatus: true, assign: true },
    });
  });

  it('batches viewerAccess: the statement count does not grow with the page size', async () => {
    const count = async (first: number) => (await t.countStatements(() => t.gql(tokens.admin, TICKETS(first)))).statements.length;
    await count(1); // warm up
    expect(await count(30)).toBe(await count(3));
  });

  it('says what the viewer may do in a company', async () => {
    const can = async (token: string, id: string) => (await t.gql(token, COMPANY_CAN, { id })).data.company?.viewerCan;
    expect(await can(tokens.admin, ids.holding)).toEqual({
      invite: true,
      listInvitations: true,
      listMembers: true,
      manageMembers: true,
      changeMembersSeeCompanyTickets: true,
      manageCompany: false,
      readSignInLog: true,
    });
    expect(await can(tokens.member, ids.child)).toEqual({
      invite: false,
      listInvitations: false,
      listMembers: true,
      manageMembers: false,
      changeMembersSeeCompanyTickets: false,
      manageCompany: false,
      readSignInLog: false,
    });
    expect(await can(tokens.staff, ids.child)).toMatchObject({
      invite: true,
      manageMembers: true,
      manageCompany: true,
      readSignInLog: true,
    });
  });
});
