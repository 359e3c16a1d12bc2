import { Capability } from '../../src/modules/membership/capabilities';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A page of tickets reads only what its operation selects (modules/ticket/ticket-page.ts): with
 * viewerAccess and viewerCan, the columns the grant table reads (`GRANT_READS`), and the grants
 * come from what the request already read — the tree root where it tells enough, else one batched
 * closure read. Whatever the path, the reasons are those of `ticketAudience` (the one reverse rule).
 */

const PAGE = `{ tickets(first: 100) { edges { node { id viewerAccess viewerCan { rename close changeStatus assign } } } } }`;
const ONE = `query($id: ID!) { ticket(id: $id) { id viewerAccess viewerCan { rename close changeStatus assign } } }`;
const AUDIENCE = `query($id: ID!) { ticketAudience(ticketId: $id) { account { id } grants { reason } } }`;

describe('a page of tickets with viewerAccess and viewerCan', () => {
  let t: TestApp;
  let staff: string;
  const viewers: Record<string, { token: string; accountId: string }> = {};
  const ticketIds: string[] = [];
  const companyIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    // tree A: a holding that sees its subsidiaries, a subsidiary that sees its own, a family of siblings
    const holding = await t.factories.company({ name: 'Holding', settings: { subsidiaryTicketsVisible: true } });
    const middle = await t.factories.company({ name: 'Middle', parent: holding, settings: { subsidiaryTicketsVisible: true } });
    const deep = await t.factories.company({ name: 'Deep', parent: middle, settings: { membersSeeCompanyTickets: false } });
    const sharing = await t.factories.company({ name: 'Sharing', parent: holding, settings: { shareTicketsWithFamily: true } });
    const sibling = await t.factories.company({ name: 'Sibling', parent: holding });
    // tree B, unrelated
    const other = await t.factories.company({ name: 'Other', settings: { subsidiaryTicketsVisible: true } });
    const otherChild = await t.factories.company({ name: 'Other child', parent: other });
    const companies = [holding, middle, deep, sharing, sibling, other, otherChild];
    Object.assign(companyIds, { middle: middle.id, sharing: sharing.id, holding: holding.id });

    const member = async (name: string, company: (typeof companies)[number], role: Role, capabilities?: Capability[]) => {
      const m = await t.factories.member(company, role, capabilities);
      viewers[name] = { token: m.token, accountId: m.account.id };
      return m.account;
    };
    await member('holding administrator (SUBSIDIARY from a tree root)', holding, Role.ADMINISTRATOR);
    await member('middle administrator (SUBSIDIARY from inside the tree)', middle, Role.ADMINISTRATOR);
    await member('sharing moderator (FAMILY)', sharing, Role.MODERATOR);
    const deepMember = await member('deep member (own tickets)', deep, Role.MEMBER);
    const solver = await member('deep solver (assigned)', deep, Role.MEMBER, [Capability.TICKETS, Capability.SOLVER]);
    const both = await member('administrator in two trees', other, Role.ADMINISTRATOR);
    await t.factories.membership(both, sibling, Role.MEMBER);
    viewers['staff'] = { token: staff, accountId: '' };

    const requesters = [deepMember, solver, both, await t.factories.account()];
    for (let i = 0; i < 42; i++) {
      const company = companies[i % companies.length];
      const ticket = await t.factories.ticket({
        company,
        requester: company === deep ? requesters[i % 2] : requesters[2 + (i % 2)],
        assignee: i % 3 === 0 ? solver : null,
      });
      ticketIds.push(ticket.id);
    }
  });
  afterAll(() => t.close());

  it.each([
    'holding administrator (SUBSIDIARY from a tree root)',
    'middle administrator (SUBSIDIARY from inside the tree)',
    'sharing moderator (FAMILY)',
    'deep member (own tickets)',
    'deep solver (assigned)',
    'administrator in two trees',
    'staff',
  ])('%s: the reasons of ticketAudience, and the same answers as ticket(id)', async (name) => {
    const viewer = viewers[name];
    const page = await t.gql(viewer.token, PAGE);
    expect(page.errors).toBeUndefined();
    const nodes = page.data.tickets.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      const one = await t.gql(viewer.token, ONE, { id: node.id });
      expect(one.data.ticket).toEqual(node);
      const audience = await t.gql(staff, AUDIENCE, { id: node.id });
      const entry = audience.data.ticketAudience.find((a: any) => a.account.id === viewer.accountId);
      const reasons = [...new Set((entry?.grants ?? []).map((g: any) => g.reason))].sort();
      expect([...node.viewerAccess].sort()).toEqual(reasons);
    }
  });

  it('ticket(id) is a page of one: its relations joined, only what is selected read, the same answers as node(id)', async () => {
    const viewer = viewers['holding administrator (SUBSIDIARY from a tree root)'];
    const fields = `id title status viewerAccess viewerCan { assign } lastActivityAt
      company { id name } requester { id firstName email } assignee { id lastName }`;
    for (const id of ticketIds.slice(0, 7)) {
      const { result, statements } = await t.countStatements(() =>
        t.gql(viewer.token, `query($id: ID!) { ticket(id: $id) { ${fields} } }`, { id }),
      );
      expect(result.errors).toBeUndefined();
      // the session with the grants, then the ticket with its company and people
      expect(statements).toHaveLength(2);
      expect(statements[1].match(/LEFT JOIN/gi)).toHaveLength(3);
      expect(statements[1]).not.toMatch(/description/);
      // node(id) reads through the ticket loader, whole rows, and its relations through theirs
      const node = await t.gql(viewer.token, `query($id: ID!) { node(id: $id) { ... on Ticket { ${fields} } } }`, { id });
      expect(result.data.ticket).toEqual(node.data.node);
    }
    // a relation field with a resolver reads the whole row, primed into its loader for the rest of the request
    const { result, statements } = await t.countStatements(() =>
      t.gql(viewer.token, `query($id: ID!) { ticket(id: $id) { id company { name settings { portalEnabled } } } }`, { id: ticketIds[1] }),
    );
    expect(result.data.ticket.company.settings.portalEnabled).toBe(true);
    expect(statements).toHaveLength(2);
    expect(statements[1]).toMatch(/parent_id/);
  });

  it('reads the closure only when the tree root does not tell', async () => {
    const statements = async (name: string) => (await t.countStatements(() => t.gql(viewers[name].token, PAGE))).statements;
    // the session with the grants, then the page: SUBSIDIARY from the tree root is "in the tree, not the root"
    expect(await statements('holding administrator (SUBSIDIARY from a tree root)')).toHaveLength(2);
    expect(await statements('deep member (own tickets)')).toHaveLength(2);
    // SUBSIDIARY from inside the tree, and FAMILY, ask the closure once for the whole page
    const middle = await statements('middle administrator (SUBSIDIARY from inside the tree)');
    expect(middle).toHaveLength(3);
    expect(middle[2]).toMatch(/FROM company_closure/);
    expect(await statements('sharing moderator (FAMILY)')).toHaveLength(3);
    // ... but not about the granting company's own tickets, nor (FAMILY) its parent's
    const only = async (name: string, company: string) =>
      (
        await t.countStatements(() =>
          t.gql(
            viewers[name].token,
            `{ tickets(first: 100, filter: { companyIds: ["${companyIds[company]}"] }) { edges { node { viewerAccess } } } }`,
          ),
        )
      ).statements;
    expect(await only('middle administrator (SUBSIDIARY from inside the tree)', 'middle')).toHaveLength(2);
    expect(await only('sharing moderator (FAMILY)', 'sharing')).toHaveLength(2);
    expect(await only('sharing moderator (FAMILY)', 'holding')).toHaveLength(2);
  });
});
