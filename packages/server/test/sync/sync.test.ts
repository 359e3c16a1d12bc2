import { Role } from '../../src/modules/membership/membership.entity';
import { TicketEntity, TicketStatus } from '../../src/modules/ticket/ticket.entity';
import { newId } from '../../src/shared/ids';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Incremental sync (integration.md "Incremental sync"): every change of a ticket moves its
 * updatedAt, `tickets(orderBy: UPDATED_AT_ASC, filter: { updatedSince })` lists changed tickets
 * oldest change first with keyset cursors, once they have settled (SYNC_SETTLE_MS, short here),
 * `filter.ids` re-reads known tickets, and PageInfo is Relay's whole.
 */

const SETTLE_MS = 200;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 30));

const LIST = `query($first: Int, $after: String, $filter: TicketFilter, $orderBy: TicketOrder) {
  tickets(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id title status createdAt updatedAt company { id name } requester { id } assignee { id } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id createdAt updatedAt } userErrors { code } } }`;
const UPDATE = `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id status updatedAt } userErrors { code } } }`;
const COMMENT = `mutation($input: AddTicketCommentInput!) { addTicketComment(input: $input) { ticket { id status updatedAt } userErrors { code } } }`;

interface Node {
  id: string;
  title: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  company: { id: string; name: string };
  requester: { id: string } | null;
  assignee: { id: string } | null;
}

describe('incremental sync', () => {
  let t: TestApp;
  let staff: string;
  let agentId: string;
  let companyId: string;
  let otherCompanyId: string;
  let requester: { token: string; id: string };
  let admin: { token: string; id: string };

  beforeAll(async () => {
    t = await startTestApp({ env: { SYNC_SETTLE_MS: String(SETTLE_MS) } });
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    agentId = (await t.factories.staffAgent()).id;
    const company = await t.factories.company({ name: 'Acme' });
    const other = await t.factories.company({ name: 'Other' });
    companyId = company.id;
    otherCompanyId = other.id;
    const m = await t.factories.member(company, Role.MEMBER);
    requester = { token: m.token, id: m.account.id };
    const a = await t.factories.member(company, Role.ADMINISTRATOR);
    admin = { token: a.token, id: a.account.id };
  });
  afterAll(() => t?.close());

  async function list(token: string, variables: Record<string, unknown>) {
    const result = await t.gql(token, LIST, variables);
    expect(result.errors).toBeUndefined();
    return result.data.tickets as {
      totalCount: number;
      edges: Array<{ cursor: string; node: Node }>;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    };
  }

  /** Every page of the sync since `since` (a client storing its last endCursor), after the changes have settled. */
  async function syncSince(token: string, since: string | null, extra: Record<string, unknown> = {}): Promise<Node[]> {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await list(token, { first: 2, after, orderBy: 'UPDATED_AT_ASC', filter: { updatedSince: since, ...extra } });
      nodes.push(...page.edges.map((e) => e.node));
      expect(page.pageInfo.hasPreviousPage).toBe(false);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  }

  describe('updatedAt moves with every change of a ticket, for every viewer', () => {
    let ticketId: string;
    let last: string;

    /** The change moved updatedAt past the one before, and a sync since just after that lists the ticket, as it is now. */
    async function expectMoved(updatedAt: string, viewer: string) {
      expect(new Date(updatedAt).getTime()).toBeGreaterThan(new Date(last).getTime());
      await settle();
      const since = new Date(new Date(last).getTime() + 1).toISOString();
      const seen = await syncSince(viewer, since);
      expect(seen.map((n) => [n.id, n.updatedAt])).toEqual([[ticketId, updatedAt]]);
      last = updatedAt;
    }

    it('creation: updatedAt is createdAt, and the new ticket is listed', async () => {
      const before = new Date(Date.now() - 1).toISOString();
      const created = await t.gql(requester.token, CREATE, { input: { companyId, title: 'Printer on fire' } });
      const ticket = created.data.createTicket.ticket;
      ticketId = ticket.id;
      expect(ticket.updatedAt).toBe(ticket.createdAt);
      await settle();
      expect((await syncSince(requester.token, before)).map((n) => n.id)).toEqual([ticketId]);
      last = ticket.updatedAt;
    });

    it.each([
      ['title', () => ({ title: 'Printer on fire, really' })],
      ['status', () => ({ status: TicketStatus.OPEN })],
      ['assignee', () => ({ assigneeId: agentId })],
      ['unassigned', () => ({ assigneeId: null })],
    ])('%s changed (by staff): the requester sees updatedAt moved', async (_kind, change) => {
      const updated = await t.gql(staff, UPDATE, { input: { id: ticketId, ...change() } });
      expect(updated.data.updateTicket.userErrors).toEqual([]);
      await expectMoved(updated.data.updateTicket.ticket.updatedAt, requester.token);
    });

    it.each([
      ['a public reply by staff', 'PUBLIC'],
      ['an INTERNAL note, which the requester may not read', 'INTERNAL'],
    ])('%s: the requester sees updatedAt moved', async (_kind, visibility) => {
      const added = await t.gql(staff, COMMENT, { input: { ticketId, body: 'On it.', visibility } });
      expect(added.data.addTicketComment.userErrors).toEqual([]);
      await expectMoved(added.data.addTicketComment.ticket.updatedAt, requester.token);
    });

    it("a status change through another mutation: a customer's reply reopens a RESOLVED ticket", async () => {
      const resolved = await t.gql(staff, UPDATE, { input: { id: ticketId, status: TicketStatus.RESOLVED } });
      await expectMoved(resolved.data.updateTicket.ticket.updatedAt, admin.token);
      const reply = await t.gql(requester.token, COMMENT, { input: { ticketId, body: 'Still burning.' } });
      expect(reply.data.addTicketComment.ticket.status).toBe(TicketStatus.OPEN);
      await expectMoved(reply.data.addTicketComment.ticket.updatedAt, admin.token);
    });

    it('an update that changes nothing is no change: updatedAt stays, the sync lists nothing new', async () => {
      const same = await t.gql(staff, UPDATE, { input: { id: ticketId, status: TicketStatus.OPEN } });
      expect(same.data.updateTicket.ticket.updatedAt).toBe(last);
      await settle();
      expect(await syncSince(requester.token, new Date(new Date(last).getTime() + 1).toISOString())).toEqual([]);
    });
  });

  describe('UPDATED_AT_ASC', () => {
    const ids: string[] = [];
    const base = Date.UTC(2025, 0, 1);

    beforeAll(async () => {
      // ten tickets changed at five moments, two at each (ties by id), in two companies, in three states
      for (let i = 0; i < 10; i++) {
        const ticket = await t.factories.ticket({
          id: newId('Ticket'),
          company: i % 3 === 0 ? otherCompanyId : companyId,
          requester: i % 2 ? requester.id : admin.id,
          assignee: i % 4 === 0 ? agentId : null,
          title: i % 2 ? `Sync odd ${i}` : `Sync even ${i}`,
          status: [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.CLOSED][i % 3],
          createdAt: new Date(base - i * 60_000),
        });
        await t.app.database.dataSource.manager.update(
          TicketEntity,
          { id: ticket.id },
          { updatedAt: new Date(base + Math.floor(i / 2) * 60_000) },
        );
        ids.push(ticket.id);
      }
    });

    const inRange = { updatedSince: new Date(base).toISOString() };
    const byUpdate = (a: Node, b: Node) => a.updatedAt.localeCompare(b.updatedAt) || (a.id < b.id ? -1 : 1);

    it('lists oldest change first, ties by id, every ticket once across pages; staff sees all ten', async () => {
      const nodes = (await syncSince(staff, inRange.updatedSince)).filter((n) => ids.includes(n.id));
      expect(nodes.map((n) => n.id).sort()).toEqual([...ids].sort());
      expect(nodes).toEqual([...nodes].sort(byUpdate));
    });

    it('filters, search, totalCount and relations answer alike in both orders, inside the viewer scope', async () => {
      const filters = [
        {},
        { statuses: [TicketStatus.OPEN, TicketStatus.CLOSED] },
        { companyIds: [companyId] },
        { search: 'odd' },
        { search: 'even', statuses: [TicketStatus.NEW] },
      ];
      for (const token of [staff, admin.token, requester.token]) {
        for (const filter of filters) {
          const f = { ...filter, ...inRange };
          const newest = await list(token, { first: 100, filter: f });
          const synced = await list(token, { first: 100, filter: f, orderBy: 'UPDATED_AT_ASC' });
          expect(synced.totalCount).toBe(newest.totalCount);
          expect(synced.edges.map((e) => e.node)).toEqual(newest.edges.map((e) => e.node).sort(byUpdate));
          // and newest first is what it was: createdAt, then id, descending
          const created = newest.edges.map((e) => e.node);
          expect(created).toEqual([...created].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1)));
        }
      }
      // the scope holds in both orders: a customer of Acme never sees Other's tickets
      const requesterSees = await syncSince(requester.token, inRange.updatedSince);
      expect(requesterSees.length).toBeGreaterThan(0);
      expect(requesterSees.every((n) => n.company.id === companyId && n.requester?.id === requester.id)).toBe(true);
    });

    it('the orders for people (CREATED_AT_ASC, UPDATED_AT_DESC): every ticket once across pages, in order, inside the scope', async () => {
      const orders: Array<[string, (a: Node, b: Node) => number]> = [
        ['CREATED_AT_ASC', (a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1)],
        ['UPDATED_AT_DESC', (a, b) => b.updatedAt.localeCompare(a.updatedAt) || (a.id < b.id ? 1 : -1)],
      ];
      for (const token of [staff, admin.token, requester.token]) {
        const all = (await list(token, { first: 100, filter: inRange })).edges.map((e) => e.node);
        for (const [orderBy, compare] of orders) {
          const nodes: Node[] = [];
          const cursors: string[] = [];
          let after: string | null = null;
          for (;;) {
            const page = await list(token, { first: 3, after, orderBy, filter: inRange });
            nodes.push(...page.edges.map((e) => e.node));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
            cursors.push(after!);
          }
          expect(nodes).toEqual([...all].sort(compare));
          // a cursor of these orders is theirs alone
          if (cursors[0]) {
            for (const other of ['CREATED_AT_DESC', 'UPDATED_AT_ASC', ...orders.map(([o]) => o).filter((o) => o !== orderBy)]) {
              const refused = await t.gql(token, LIST, { first: 1, after: cursors[0], orderBy: other, filter: inRange });
              expect(refused.errors?.[0].extensions?.code).toBe('INVALID_INPUT');
            }
          }
        }
      }
    });

    it("a cursor of one order is refused by the other, and the default order is CREATED_AT_DESC's", async () => {
      const newest = await list(staff, { first: 1, filter: inRange });
      const synced = await list(staff, { first: 1, filter: inRange, orderBy: 'UPDATED_AT_ASC' });
      for (const [after, orderBy] of [
        [newest.pageInfo.endCursor, 'UPDATED_AT_ASC'],
        [synced.pageInfo.endCursor, 'CREATED_AT_DESC'],
        [synced.pageInfo.endCursor, null],
      ]) {
        const result = await t.gql(staff, LIST, { first: 1, after, orderBy, filter: inRange });
        expect(result.errors?.[0].extensions?.code).toBe('INVALID_INPUT');
      }
      expect(await list(staff, { first: 5, filter: inRange, orderBy: 'CREATED_AT_DESC' })).toEqual(
        await list(staff, { first: 5, filter: inRange }),
      );
    });

    it('a change younger than SYNC_SETTLE_MS waits for a later page; newest first lists it at once', async () => {
      const since = new Date(Date.now() - 1).toISOString();
      const changed = await t.gql(staff, UPDATE, { input: { id: ids[3], title: 'Just now' } });
      const at = changed.data.updateTicket.ticket.updatedAt;
      const early = await list(staff, { first: 10, orderBy: 'UPDATED_AT_ASC', filter: { updatedSince: since } });
      expect({ edges: early.edges, totalCount: early.totalCount, hasNextPage: early.pageInfo.hasNextPage }).toEqual({
        edges: [],
        totalCount: 0,
        hasNextPage: false,
      });
      expect((await list(staff, { first: 10, filter: { updatedSince: since } })).edges.map((e) => e.node.id)).toEqual([ids[3]]);
      await settle();
      expect((await syncSince(staff, since)).map((n) => [n.id, n.updatedAt])).toEqual([[ids[3], at]]);
    });
  });

  describe('filter.ids', () => {
    it('re-reads known tickets: the ones not seen, not existing or not ticket ids are simply absent', async () => {
      const createdAt = new Date(Date.now() - 3_600_000); // settled: UPDATED_AT_ASC lists it
      const own = await t.factories.ticket({ company: companyId, requester: requester.id, createdAt });
      const colleagues = await t.factories.ticket({ company: companyId, requester: admin.id, createdAt });
      const elsewhere = await t.factories.ticket({ company: otherCompanyId, requester: null, createdAt });
      const wanted = [own.id, colleagues.id, elsewhere.id, newId('Ticket'), 'not-an-id', companyId, own.id];
      const seen = async (token: string, orderBy: string) =>
        (await list(token, { first: 100, orderBy, filter: { ids: wanted } })).edges.map((e) => e.node.id).sort();
      for (const orderBy of ['CREATED_AT_DESC', 'UPDATED_AT_ASC']) {
        expect(await seen(requester.token, orderBy)).toEqual([own.id]);
        expect(await seen(admin.token, orderBy)).toEqual([own.id, colleagues.id].sort());
        expect(await seen(staff, orderBy)).toEqual([own.id, colleagues.id, elsewhere.id].sort());
      }
      expect((await list(staff, { filter: { ids: [] } })).totalCount).toBe(0);
      expect((await list(staff, { filter: { ids: ['nope'] } })).totalCount).toBe(0);
    });

    it('takes at most 100 ids: 101 is INVALID_INPUT at filter.ids', async () => {
      const hundred = Array.from({ length: 100 }, () => newId('Ticket'));
      expect((await list(staff, { filter: { ids: hundred } })).totalCount).toBe(0);
      const result = await t.gql(staff, LIST, { filter: { ids: [...hundred, newId('Ticket')] } });
      expect(result.errors?.[0].extensions?.code).toBe('INVALID_INPUT');
      expect(result.errors?.[0].message).toMatch(/ids/);
    });
  });

  it("PageInfo is Relay's: startCursor, and hasPreviousPage false, on every connection", async () => {
    const companies = await t.gql(
      staff,
      `{ companies(first: 1) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    );
    const page = companies.data.companies;
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page.edges[0].cursor,
      endCursor: page.edges[0].cursor,
    });
  });

  it('a customer who gains access to an old ticket does not get it through updatedSince, but through a full sync (documented)', async () => {
    const old = await t.factories.ticket({ company: otherCompanyId, requester: null, createdAt: new Date(Date.now() - 3_600_000) });
    const newcomer = await t.factories.member(await t.factories.company({ name: 'Newcomer Co' }), Role.MEMBER);
    const since = new Date(Date.now() - 60_000).toISOString();
    await t.factories.membership(newcomer.account, otherCompanyId, Role.ADMINISTRATOR);
    await settle();
    expect((await syncSince(newcomer.token, since)).map((n) => n.id)).not.toContain(old.id);
    expect((await syncSince(newcomer.token, null)).map((n) => n.id)).toContain(old.id);
  });
});
