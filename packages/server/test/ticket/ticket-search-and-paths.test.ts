/**
 * `tickets(filter: { search })`, `Company.viewerCan.createTicket` and `Company.path`: the rules of
 * access-model.md case by case (the property test compares search and createTicket with the
 * reference model on random worlds).
 */
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { Capability } from '../../src/modules/membership/capabilities';
import { Role } from '../../src/modules/membership/membership.entity';
import { TicketEntity } from '../../src/modules/ticket/ticket.entity';
import { startTestApp, TestApp } from '../support/test-app';

const TICKETS = `query($first: Int, $after: String, $filter: TicketFilter) {
  tickets(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id title } }
  }
}`;

describe('ticket search, who may raise tickets where, company paths', () => {
  let t: TestApp;
  let staff: string;
  // H (subsidiaryTicketsVisible) ── S ── SS; P ── F (shareTicketsWithFamily), P ── B; Off (portal disabled)
  let h: CompanyEntity, s: CompanyEntity, ss: CompanyEntity, p: CompanyEntity, f: CompanyEntity, b: CompanyEntity, off: CompanyEntity;
  let ticketsOfS: TicketEntity[];
  let special: TicketEntity[];
  let hidden: TicketEntity;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    h = await t.factories.company({ name: 'Holding', settings: { subsidiaryTicketsVisible: true } });
    s = await t.factories.company({ name: 'Sub', parent: h });
    ss = await t.factories.company({ name: 'Sub-sub', parent: s });
    p = await t.factories.company({ name: 'Parent' });
    f = await t.factories.company({ name: 'Family', parent: p, settings: { shareTicketsWithFamily: true } });
    b = await t.factories.company({ name: 'Brother', parent: p });
    off = await t.factories.company({ name: 'Off', settings: { portalEnabled: false } });
    const start = Date.now() - 1_000_000;
    ticketsOfS = [];
    for (let i = 0; i < 7; i++) {
      ticketsOfS.push(await t.factories.ticket({ company: s, title: `Printer jam ${i}`, createdAt: new Date(start + i * 1000) }));
    }
    special = [
      await t.factories.ticket({ company: s, title: '100% broken', createdAt: new Date(start + 10_000) }),
      await t.factories.ticket({ company: s, title: 'snake_case error', createdAt: new Date(start + 11_000) }),
      await t.factories.ticket({ company: s, title: 'C:\\path missing', createdAt: new Date(start + 12_000) }),
    ];
    hidden = await t.factories.ticket({ company: p, title: 'Printer jam in the parent', createdAt: new Date(start + 13_000) });
  });
  afterAll(() => t.close());

  async function list(token: string, variables: Record<string, unknown>) {
    const result = await t.gql(token, TICKETS, { first: 100, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data!.tickets as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: any[] };
  }
  const found = async (token: string, search: string) => (await list(token, { filter: { search } })).edges.map((e) => e.node.id);

  describe('tickets(filter: { search })', () => {
    it('matches part of the title, case-insensitively, trimmed, newest first', async () => {
      expect(await found(staff, '  PRINTER jam  ')).toEqual([hidden, ...[...ticketsOfS].reverse()].map((x) => x.id));
      expect(await found(staff, 'jam 3')).toEqual([ticketsOfS[3].id]);
    });

    it('treats %, _ and \\ literally; hostile input finds nothing', async () => {
      expect(await found(staff, '%')).toEqual([special[0].id]);
      expect(await found(staff, '_')).toEqual([special[1].id]);
      expect(await found(staff, '\\')).toEqual([special[2].id]);
      expect(await found(staff, "' OR '1'='1")).toEqual([]);
      expect(await found(staff, '%" OR 1=1 --')).toEqual([]);
    });

    it('over 100 characters is INVALID_INPUT at filter.search; blank lists everything', async () => {
      const result = await t.gql(staff, TICKETS, { filter: { search: 'a'.repeat(101) } });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'INVALID_INPUT', field: ['filter', 'search'] }]);
      const all = await list(staff, { first: 0 });
      expect((await list(staff, { first: 0, filter: { search: '   ' } })).totalCount).toBe(all.totalCount);
      expect((await list(staff, { first: 0, filter: { search: 'a'.repeat(100) } })).totalCount).toBe(0);
    });

    it('a ticket id finds that ticket, only when the viewer sees it', async () => {
      expect(await found(staff, ` ${hidden.id} `)).toEqual([hidden.id]);
      const moderator = await t.factories.member(s, Role.MODERATOR);
      expect(await found(moderator.token, ticketsOfS[2].id)).toEqual([ticketsOfS[2].id]);
      expect(await found(moderator.token, hidden.id)).toEqual([]);
      expect(await found(moderator.token, 'parent')).toEqual([]);
    });

    it('pages with a search follow the same keyset order, with the filters combined', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await list(staff, { first: 3, after, filter: { search: 'printer', companyIds: [s.id] } });
        expect(page.totalCount).toBe(7);
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual([...ticketsOfS].reverse().map((x) => x.id));
    });

    it('the number of statements does not depend on the page size', async () => {
      const counts: number[] = [];
      for (const first of [1, 5, 100]) {
        const { result, statements } = await t.countStatements(() => t.gql(staff, TICKETS, { first, filter: { search: 'jam' } }));
        expect(result.errors).toBeUndefined();
        counts.push(statements.length);
      }
      expect(new Set(counts).size).toBe(1);
    });
  });

  describe('Company.viewerCan.createTicket', () => {
    async function mayRaise(token: string, companies: CompanyEntity[]) {
      const query = `{ ${companies.map((c, i) => `c${i}: company(id: "${c.id}") { viewerCan { createTicket } }`).join(' ')} }`;
      const result = await t.gql(token, query);
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(companies.map((c, i) => [c.name, result.data![`c${i}`]?.viewerCan.createTicket ?? 'hidden']));
    }

    /** What the permission says is what createTicket does. */
    async function creates(token: string, company: CompanyEntity) {
      const result = await t.gql(
        token,
        `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } userErrors { code } } }`,
        { input: { companyId: company.id, title: 'Raised' } },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.createTicket.userErrors.map((e: { code: string }) => e.code);
    }

    it('a live membership: yes; active without TICKETS: no, and createTicket refuses', async () => {
      const live = await t.factories.member(b, Role.MEMBER);
      expect(await mayRaise(live.token, [b])).toEqual({ Brother: true });
      expect(await creates(live.token, b)).toEqual([]);
      const noTickets = await t.factories.member(b, Role.ADMINISTRATOR, [Capability.SOLVER, Capability.BILLING]);
      expect(await mayRaise(noTickets.token, [b])).toEqual({ Brother: false });
      expect(await creates(noTickets.token, b)).toEqual(['FORBIDDEN']);
    });

    it('company-wide through SUBSIDIARY and FAMILY: yes there; a MEMBER of the holding sees only its own company', async () => {
      const holdingAdmin = await t.factories.member(h, Role.ADMINISTRATOR);
      expect(await mayRaise(holdingAdmin.token, [h, s, ss, p])).toEqual({ Holding: true, Sub: true, 'Sub-sub': true, Parent: 'hidden' });
      expect(await creates(holdingAdmin.token, ss)).toEqual([]);
      const holdingMember = await t.factories.member(h, Role.MEMBER);
      expect(await mayRaise(holdingMember.token, [h, s])).toEqual({ Holding: true, Sub: 'hidden' });
      const familyModerator = await t.factories.member(f, Role.MODERATOR);
      expect(await mayRaise(familyModerator.token, [f, p, b, h])).toEqual({ Family: true, Parent: true, Brother: true, Holding: 'hidden' });
      expect(await creates(familyModerator.token, b)).toEqual([]);
    });

    it('an active membership with TICKETS in one company and company-wide nowhere: only there', async () => {
      const account = await t.factories.account();
      await t.factories.membership(account, s, Role.MEMBER);
      await t.factories.membership(account, p, Role.MEMBER, [Capability.KNOWLEDGE_BASE]);
      const token = await t.factories.signIn(account);
      expect(await mayRaise(token, [s, p, ss])).toEqual({ Sub: true, Parent: false, 'Sub-sub': 'hidden' });
      expect(await creates(token, p)).toEqual(['FORBIDDEN']);
    });

    it('a disabled portal grants nothing', async () => {
      const administrator = await t.factories.member(off, Role.ADMINISTRATOR);
      expect(await mayRaise(administrator.token, [off])).toEqual({ Off: 'hidden' });
      expect(await creates(administrator.token, off)).toEqual(['NOT_FOUND']);
    });

    it('staff ADMIN and AGENT: every company, the disabled portal too', async () => {
      const agent = await t.factories.signIn(await t.factories.staffAgent());
      for (const token of [staff, agent]) {
        expect(await mayRaise(token, [h, ss, p, off])).toEqual({ Holding: true, 'Sub-sub': true, Parent: true, Off: true });
      }
    });

    it('is batched: the statement count does not depend on the number of companies', async () => {
      const holdingAdmin = await t.factories.member(h, Role.ADMINISTRATOR);
      const LIST = (first: number) => `{ companies(first: ${first}) { edges { node { id viewerCan { createTicket invite } } } } }`;
      const counts: number[] = [];
      for (const first of [2, 3]) {
        const { result, statements } = await t.countStatements(() => t.gql(holdingAdmin.token, LIST(first)));
        expect(result.errors).toBeUndefined();
        expect(result.data!.companies.edges).toHaveLength(first);
        counts.push(statements.length);
      }
      expect(counts[1]).toBe(counts[0]);
    });
  });

  describe('Company.path', () => {
    const PATH = `query($id: ID!) { company(id: $id) { path { id name } } }`;
    const pathOf = async (token: string, company: CompanyEntity) => {
      const result = await t.gql(token, PATH, { id: company.id });
      expect(result.errors).toBeUndefined();
      return result.data!.company?.path.map((c: { name: string }) => c.name);
    };

    it('lists the ancestors root first, without the company itself', async () => {
      expect(await pathOf(staff, ss)).toEqual(['Holding', 'Sub']);
      expect(await pathOf(staff, s)).toEqual(['Holding']);
      expect(await pathOf(staff, h)).toEqual([]);
    });

    it('leaves out ancestors a customer does not see', async () => {
      const member = await t.factories.member(ss, Role.MEMBER);
      expect(await pathOf(member.token, ss)).toEqual([]);
      const account = await t.factories.account();
      await t.factories.membership(account, h, Role.MEMBER);
      await t.factories.membership(account, ss, Role.MEMBER);
      expect(await pathOf(await t.factories.signIn(account), ss)).toEqual(['Holding']);
      const familyModerator = await t.factories.member(f, Role.MODERATOR);
      expect(await pathOf(familyModerator.token, f)).toEqual(['Parent']);
    });

    it('is one batched query whatever the depth and the number of companies', async () => {
      const chain: CompanyEntity[] = [];
      for (let i = 0; i < 8; i++) chain.push(await t.factories.company({ name: `Level ${i}`, parent: chain[i - 1] ?? null }));
      const count = async (companies: CompanyEntity[]) => {
        const query = `{ ${companies.map((c, i) => `c${i}: company(id: "${c.id}") { path { id } }`).join(' ')} }`;
        const { result, statements } = await t.countStatements(() => t.gql(staff, query));
        expect(result.errors).toBeUndefined();
        companies.forEach((c, i) => expect(result.data![`c${i}`].path).toHaveLength(chain.indexOf(c)));
        return statements.length;
      };
      const shallow = await count([chain[1]]);
      expect(await count([chain[7]])).toBe(shallow);
      expect(await count(chain)).toBe(shallow);
    });
  });
});
