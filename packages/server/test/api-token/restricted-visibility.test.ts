/**
 * Hand-written examples for what a company-restricted API token sees (issue 4); the property test
 * test/access/visibility.property.test.ts checks the same rules on random worlds against the
 * reference model (visibleTicketIdsWithin, visibleAccountIdsWithin, ...).
 */
import { StaffRole } from '../../src/modules/account/account.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

const READ_SCOPES = ['TICKETS_READ', 'COMPANIES_READ', 'MEMBERS_READ'];

describe('a company-restricted API token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function restrictedToken(session: string, companyId: string): Promise<string> {
    const result = await t.gql(
      session,
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token userErrors { code } } }`,
      { input: { name: 'restricted', scopes: READ_SCOPES, companyId } },
    );
    expect(result.data?.createApiToken.userErrors).toEqual([]);
    return result.data!.createApiToken.token;
  }

  const ids = (connection: { edges: Array<{ node: { id: string } }> }) => connection.edges.map((e) => e.node.id).sort();
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

  it('follows the subtree as it is at each request: a company moved in or out counts at once', async () => {
    // H (subsidiaryTicketsVisible) ── K, S; an ADMINISTRATOR of H sees all three; the token is restricted to K
    const holding = await t.factories.company({ settings: { subsidiaryTicketsVisible: true } });
    const k = await t.factories.company({ parent: holding });
    const s = await t.factories.company({ parent: holding });
    const admin = await t.factories.member(holding, Role.ADMINISTRATOR);
    const inK = await t.factories.ticket({ company: k });
    const inS = await t.factories.ticket({ company: s });
    const token = await restrictedToken(admin.token, k.id);
    const staff = await t.factories.signIn(await t.factories.account({ staffRole: StaffRole.ADMIN }));
    const move = async (parentId: string) => {
      const result = await t.gql(staff, `mutation($id: ID!, $p: ID) { moveCompany(id: $id, parentId: $p) { userErrors { code } } }`, {
        id: s.id,
        p: parentId,
      });
      expect(result.data?.moveCompany.userErrors).toEqual([]);
    };
    const read = async () => {
      const { data } = await t.gql(
        token,
        `query($s: ID!) { tickets(first: 10) { edges { node { id } } } companies(first: 10) { edges { node { id parent { id } } } } s: node(id: $s) { id } }`,
        { s: s.id },
      );
      return {
        tickets: ids(data.tickets),
        companies: data.companies.edges.map((e: { node: { id: string } }) => e.node).sort(byId),
        s: data.s,
      };
    };

    expect(await read()).toEqual({ tickets: [inK.id], companies: [{ id: k.id, parent: null }], s: null });
    await move(k.id); // S into K's subtree
    const inside = await read();
    expect(inside.tickets).toEqual([inK.id, inS.id].sort());
    expect(inside.companies).toEqual(
      [
        { id: k.id, parent: null }, // H is outside the restriction
        { id: s.id, parent: { id: k.id } },
      ].sort(byId),
    );
    expect(inside.s).toEqual({ id: s.id });
    await move(holding.id); // and out again
    expect(await read()).toEqual({ tickets: [inK.id], companies: [{ id: k.id, parent: null }], s: null });
  });

  it('sees only the people of the subtree: itself, members there, people on its tickets — staff included', async () => {
    // H ── K; P is a member of H and K, Q of H only; a staff ADMIN is assigned a ticket in K
    const holding = await t.factories.company();
    const k = await t.factories.company({ parent: holding });
    const p = await t.factories.account();
    const pInHolding = await t.factories.membership(p, holding, Role.MEMBER);
    const pInK = await t.factories.membership(p, k, Role.MEMBER);
    const q = await t.factories.member(holding, Role.ADMINISTRATOR);
    const assignedAdmin = await t.factories.account({ staffRole: StaffRole.ADMIN });
    const otherStaff = await t.factories.account({ staffRole: StaffRole.ADMIN });
    await t.factories.ticket({ company: k, requester: null, assignee: assignedAdmin });
    const agent = await t.factories.account({ staffRole: StaffRole.AGENT });
    const token = await restrictedToken(await t.factories.signIn(agent), k.id);

    const node = async (id: string) =>
      (await t.gql(token, `query($id: ID!) { node(id: $id) { id ... on Account { memberships { id } } } }`, { id })).data?.node ?? null;
    const seen: Record<string, unknown> = {};
    for (const id of [agent.id, p.id, q.account.id, assignedAdmin.id, otherStaff.id]) seen[id] = await node(id);
    expect(seen).toEqual({
      [agent.id]: { id: agent.id, memberships: [] },
      [p.id]: { id: p.id, memberships: [{ id: pInK.id }] }, // not the one in H: H is outside
      [q.account.id]: null, // a member of H only
      [assignedAdmin.id]: { id: assignedAdmin.id, memberships: [] }, // on a ticket of K
      [otherStaff.id]: null, // staff see everyone, but not through this token
    });
    // through the session, the same staff account sees both of P's memberships
    const bySession = await t.gql(
      await t.factories.signIn(agent),
      `query($id: ID!) { node(id: $id) { ... on Account { memberships { id } } } }`,
      {
        id: p.id,
      },
    );
    expect(bySession.data?.node.memberships.map((m: { id: string }) => m.id).sort()).toEqual([pInHolding.id, pInK.id].sort());

    // a customer's own memberships are narrowed the same way
    const pToken = await restrictedToken(await t.factories.signIn(p), k.id);
    const own = await t.gql(pToken, `{ viewer { memberships { id } } }`);
    expect(own.data?.viewer.memberships).toEqual([{ id: pInK.id }]);
  });
});
