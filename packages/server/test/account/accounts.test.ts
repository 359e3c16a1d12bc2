/**
 * `accounts(first, after, filter)`: the account scope of node(id) as a list (the property test
 * test/access/visibility.property.test.ts compares it with the reference model on random worlds),
 * its order, search, kind and includeDisabled filters, API token scopes, cost and statements.
 */
import { parse } from 'graphql';
import { AccountEntity, StaffRole } from '../../src/modules/account/account.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { requestedCost } from '../../src/graphql/limits';
import { onMysql, startTestApp, TestApp } from '../support/test-app';

const LIST = `query($first: Int, $after: String, $filter: AccountFilter) {
  accounts(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id email firstName lastName staffRole disabled } }
  }
}`;

type Node = { id: string; email: string; firstName: string; lastName: string; staffRole: string | null; disabled: boolean };

/** The list order: last name, first name (case-insensitive; these tests use ASCII names for it), then id. */
const byName = (a: Pick<Node, 'id' | 'firstName' | 'lastName'>, b: Pick<Node, 'id' | 'firstName' | 'lastName'>) =>
  a.lastName.toLowerCase().localeCompare(b.lastName.toLowerCase(), 'en') ||
  a.firstName.toLowerCase().localeCompare(b.firstName.toLowerCase(), 'en') ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('accounts', () => {
  let t: TestApp;
  let staff: string;
  let staffAccount: AccountEntity;
  beforeAll(async () => {
    t = await startTestApp();
    staffAccount = await t.factories.staffAdmin({ email: 'root@provider.test' });
    staff = await t.factories.signIn(staffAccount);
  });
  afterAll(() => t.close());

  async function list(token: string, variables: Record<string, unknown> = {}) {
    const result = await t.gql(token, LIST, { first: 100, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data!.accounts as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ cursor: string; node: Node }>;
    };
  }
  const ids = (connection: { edges: Array<{ node: { id: string } }> }) => connection.edges.map((e) => e.node.id);

  /** Every page of `filter` at `pageSize`, following endCursor. */
  async function walk(token: string, pageSize: number, filter: Record<string, unknown>) {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const connection = await list(token, { first: pageSize, after, filter });
      seen.push(...ids(connection));
      if (!connection.pageInfo.hasNextPage) return seen;
      expect(connection.edges).toHaveLength(pageSize);
      after = connection.pageInfo.endCursor;
    }
    throw new Error('more than 100 pages');
  }

  describe('who is listed', () => {
    it('a customer: itself, colleagues, and the people on tickets it sees; staff: everyone; node(id) agrees', async () => {
      const company = await t.factories.company({ name: 'Visible Co' });
      const other = await t.factories.company({ name: 'Other Co' });
      const me = await t.factories.account({ email: 'me@visible.test' });
      await t.factories.membership(me, company, Role.MEMBER);
      const colleague = await t.factories.account({ email: 'colleague@visible.test', disabled: true });
      await t.factories.membership(colleague, company, Role.ADMINISTRATOR);
      const agent = await t.factories.account({ email: 'agent@provider.test', staffRole: StaffRole.AGENT });
      const outsider = await t.factories.account({ email: 'outsider@other.test' });
      await t.factories.membership(outsider, other, Role.ADMINISTRATOR);
      const otherAgent = await t.factories.account({ email: 'other-agent@provider.test', staffRole: StaffRole.AGENT });
      // my own ticket, assigned to the agent (visible: OWN_TICKET); another company's ticket with another agent
      await t.factories.ticket({ company, requester: me, assignee: agent });
      await t.factories.ticket({ company: other, requester: outsider, assignee: otherAgent });
      // a colleague's ticket the MEMBER does not see: its requester is a colleague anyway, its assignee is not listed
      const hiddenAssignee = await t.factories.account({ email: 'hidden@provider.test', staffRole: StaffRole.AGENT });
      await t.factories.ticket({ company, requester: colleague, assignee: hiddenAssignee });

      const token = await t.factories.signIn(me);
      const expected = [me, colleague, agent].sort(byName).map((a) => a.id);
      const connection = await list(token);
      expect(ids(connection)).toEqual(expected);
      expect(connection.totalCount).toBe(3);
      expect(connection.pageInfo.hasNextPage).toBe(false);

      const everyone = [me, colleague, agent, outsider, otherAgent, hiddenAssignee];
      for (const account of everyone) {
        const { data } = await t.gql(token, `query($id: ID!) { node(id: $id) { id } }`, { id: account.id });
        expect(data!.node !== null).toBe(expected.includes(account.id));
      }
      const all = ids(await list(staff));
      for (const account of everyone) expect(all).toContain(account.id);
    });

    it('signed out: UNAUTHENTICATED', async () => {
      const result = await t.gql(null, LIST, {});
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('order and pages', () => {
    let people: AccountEntity[];
    beforeAll(async () => {
      // case differences, equal names (ties broken by id) and prefixes
      const names: Array<[string, string]> = [
        ['eva', 'novak'],
        ['Eva', 'Novak'],
        ['EVA', 'NOVAK'],
        ['Adam', 'novak'],
        ['zoe', 'Adams'],
        ['Zoe', 'adams'],
        ['Al', 'Ad'],
        ['Bea', 'Novakova'],
        ['bea', 'NOVAK'],
        ['Carl', 'Zed'],
      ];
      people = [];
      for (const [i, [firstName, lastName]] of names.entries()) {
        people.push(await t.factories.account({ firstName, lastName, email: `p${i}@order.test` }));
      }
      // three more exact ties
      for (let i = 0; i < 3; i++)
        people.push(await t.factories.account({ firstName: 'Tie', lastName: 'Same', email: `tie${i}@order.test` }));
    });

    it('by last name, first name, then id, case-insensitively', async () => {
      const connection = await list(staff, { filter: { search: '@order.test' } });
      expect(ids(connection)).toEqual([...people].sort(byName).map((a) => a.id));
      expect(connection.totalCount).toBe(people.length);
    });

    it.each([1, 2, 3, 5])('pages of %i walk the same order, ties across page boundaries included', async (size) => {
      expect(await walk(staff, size, { search: '@order.test' })).toEqual([...people].sort(byName).map((a) => a.id));
    });

    it('a page does not shift when an account is added before its cursor', async () => {
      const first = await list(staff, { first: 4, filter: { search: '@order.test' } });
      await t.factories.account({ firstName: 'Aaron', lastName: 'Aaronson', email: 'late@order.test' });
      const second = await list(staff, { first: 100, after: first.pageInfo.endCursor, filter: { search: '@order.test' } });
      expect([...ids(first), ...ids(second)]).toEqual([...people].sort(byName).map((a) => a.id));
    });

    it('first: 0 answers only the count; bad cursors and page sizes are INVALID_INPUT', async () => {
      const empty = await list(staff, { first: 0, filter: { search: 'tie' } });
      expect(empty).toEqual({ totalCount: 3, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
      const companies = await t.gql(staff, `{ companies(first: 1) { pageInfo { endCursor } } }`);
      for (const [first, after] of [
        [101, null],
        [-1, null],
        [10, 'not a cursor'],
        [10, companies.data!.companies.pageInfo.endCursor], // a cursor of another list (two values, not three)
        [10, Buffer.from(JSON.stringify([{}, 1, null])).toString('base64url')],
      ]) {
        const result = await t.gql(staff, LIST, { first, after });
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_INPUT']);
      }
    });
  });

  describe('search', () => {
    let hostile: Record<string, AccountEntity>;
    beforeAll(async () => {
      hostile = {
        percent: await t.factories.account({ firstName: '100%', lastName: 'Sure', email: 'percent@search.test' }),
        underscore: await t.factories.account({ firstName: 'Under_score', lastName: 'Smith', email: 'under@search.test' }),
        backslash: await t.factories.account({ firstName: 'Back\\slash', lastName: 'Smith', email: 'back@search.test' }),
        bang: await t.factories.account({ firstName: 'Bang!', lastName: 'Smith', email: 'bang@search.test' }),
        quote: await t.factories.account({ firstName: "O'Brien", lastName: 'Smith', email: 'quote@search.test' }),
        unicode: await t.factories.account({ firstName: 'Žofia', lastName: 'Šťastná', email: 'zofia@search.test' }),
        emoji: await t.factories.account({ firstName: 'Rocket🚀', lastName: 'Man', email: 'rocket@search.test' }),
        alice: await t.factories.account({ firstName: 'Alice', lastName: 'Novakova', email: 'alice.n@search.test' }),
      };
    });

    const found = async (search: string, token = staff) => ids(await list(token, { filter: { search } }));

    it('matches email, first name, last name and "first last", case-insensitively, trimmed', async () => {
      const alice = hostile.alice.id;
      for (const search of ['alice.n@search', 'ALICE', 'novakova', 'NoVaKoVa', 'Alice Nov', 'alice novakova', '  ice Nova  ', 'e n']) {
        expect(await found(search)).toContain(alice);
      }
      for (const search of ['Novakova Alice', 'alice  novakova', 'xalice']) expect(await found(search)).not.toContain(alice);
    });

    it('treats %, _, \\ and ! as literal characters, and quotes as text', async () => {
      expect(await found('%')).toEqual([hostile.percent.id]);
      expect(await found('0%')).toEqual([hostile.percent.id]);
      expect(await found('_')).toEqual([hostile.underscore.id]);
      expect(await found('r_s')).toEqual([hostile.underscore.id]);
      expect(await found('\\')).toEqual([hostile.backslash.id]);
      expect(await found('k\\s')).toEqual([hostile.backslash.id]);
      expect(await found('!')).toEqual([hostile.bang.id]);
      expect(await found('!%')).toEqual([]);
      expect(await found("O'Brien")).toEqual([hostile.quote.id]);
      expect(await found("' OR 1=1 --")).toEqual([]);
      expect(await found('%%%%')).toEqual([]);
    });

    it('finds unicode names (case folding of non-ASCII letters: MariaDB only)', async () => {
      expect(await found('Šťastná')).toEqual([hostile.unicode.id]);
      expect(await found('Žofia Šť')).toEqual([hostile.unicode.id]);
      expect(await found('🚀')).toEqual([hostile.emoji.id]);
      // SQLite's LIKE folds ASCII letters only; MariaDB's utf8mb4_unicode_ci folds every letter (and accents)
      expect(await found('ŠŤASTNÁ')).toEqual(onMysql ? [hostile.unicode.id] : []);
    });

    it('blank search lists everything; over 100 characters is INVALID_INPUT at filter.search', async () => {
      const all = await list(staff, { first: 0 });
      expect((await list(staff, { first: 0, filter: { search: '   ' } })).totalCount).toBe(all.totalCount);
      expect((await list(staff, { first: 0, filter: { search: '' } })).totalCount).toBe(all.totalCount);
      // 100 characters (code points, not UTF-16 units) are fine
      expect(await found('x'.repeat(100))).toEqual([]);
      expect(await found('🚀'.repeat(100))).toEqual([]);
      for (const search of ['x'.repeat(101), '🚀'.repeat(101), '%'.repeat(10_000)]) {
        const result = await t.gql(staff, LIST, { filter: { search } });
        expect(result.data ?? null).toBeNull();
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: ['filter', 'search'] });
        expect(result.errors![0].message).toBe('search must be at most 100 characters');
      }
    });

    it('searches only within what the viewer sees', async () => {
      const company = await t.factories.company();
      const member = await t.factories.member(company, Role.MEMBER);
      expect(await found('search.test', member.token)).toEqual([]);
      expect(await found('alice', member.token)).toEqual([]);
    });
  });

  describe('kind and includeDisabled', () => {
    it('filters staff or customers, and leaves out disabled accounts on request', async () => {
      const company = await t.factories.company();
      const admin = await t.factories.member(company, Role.ADMINISTRATOR);
      const disabled = await t.factories.account({ disabled: true, email: 'disabled@kind.test' });
      await t.factories.membership(disabled, company, Role.MEMBER);
      const agent = await t.factories.account({ staffRole: StaffRole.AGENT, email: 'agent@kind.test' });
      const disabledAgent = await t.factories.account({ staffRole: StaffRole.AGENT, disabled: true, email: 'gone@kind.test' });
      await t.factories.ticket({ company, requester: admin.account, assignee: agent });
      await t.factories.ticket({ company, requester: disabledAgent });

      const seen = (filter: Record<string, unknown>, token = admin.token) => list(token, { filter }).then(ids);
      const sorted = (...accounts: AccountEntity[]) => [...accounts].sort(byName).map((a) => a.id);
      expect(await seen({})).toEqual(sorted(admin.account, disabled, agent, disabledAgent));
      expect(await seen({ includeDisabled: true })).toEqual(sorted(admin.account, disabled, agent, disabledAgent));
      expect(await seen({ includeDisabled: null })).toEqual(sorted(admin.account, disabled, agent, disabledAgent));
      expect(await seen({ includeDisabled: false })).toEqual(sorted(admin.account, agent));
      expect(await seen({ kind: 'STAFF' })).toEqual(sorted(agent, disabledAgent));
      expect(await seen({ kind: 'CUSTOMER' })).toEqual(sorted(admin.account, disabled));
      expect(await seen({ kind: 'STAFF', includeDisabled: false })).toEqual(sorted(agent));
      expect(await seen({ kind: 'CUSTOMER', search: 'disabled@' })).toEqual(sorted(disabled));
      expect((await list(admin.token, { filter: { kind: 'STAFF' } })).totalCount).toBe(2);

      const staffOnly = (await list(staff, { filter: { kind: 'STAFF' } })).edges.map((e) => e.node);
      expect(staffOnly.every((n) => n.staffRole !== null)).toBe(true);
      expect(staffOnly.map((n) => n.id)).toEqual(expect.arrayContaining([agent.id, disabledAgent.id]));
      const customersOnly = (await list(staff, { filter: { kind: 'CUSTOMER', includeDisabled: false } })).edges.map((e) => e.node);
      expect(customersOnly.every((n) => n.staffRole === null && !n.disabled)).toBe(true);
      expect(customersOnly.map((n) => n.id)).toContain(admin.account.id);
    });

    it('an unknown kind is refused before anything runs', async () => {
      const result = await t.gql(staff, LIST, { filter: { kind: 'ROBOT' } });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('API tokens', () => {
    async function token(session: string, scopes: string[], companyId: string | null = null) {
      const result = await t.gql(
        session,
        `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token userErrors { code } } }`,
        { input: { name: 'reader', scopes, companyId } },
      );
      expect(result.data?.createApiToken.userErrors).toEqual([]);
      return result.data!.createApiToken.token as string;
    }

    it('needs MEMBERS_READ, like node(id) of an account', async () => {
      const company = await t.factories.company();
      const admin = await t.factories.member(company, Role.ADMINISTRATOR);
      const without = await t.gql(await token(admin.token, ['COMPANIES_READ', 'TICKETS_READ']), LIST, {});
      expect(without.data ?? null).toBeNull();
      expect(without.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['FORBIDDEN', 'This API token lacks the MEMBERS_READ scope'],
      ]);
      expect(ids(await list(await token(admin.token, ['MEMBERS_READ'])))).toEqual([admin.account.id]);
    });

    it('a company-restricted token lists only the people of that subtree (and itself)', async () => {
      const holding = await t.factories.company({ settings: { subsidiaryTicketsVisible: true } });
      const child = await t.factories.company({ parent: holding });
      const sibling = await t.factories.company({ parent: holding });
      const admin = await t.factories.member(holding, Role.ADMINISTRATOR);
      const inChild = await t.factories.account();
      await t.factories.membership(inChild, child, Role.MEMBER);
      const inSibling = await t.factories.account();
      await t.factories.membership(inSibling, sibling, Role.MEMBER);
      const agent = await t.factories.staffAgent();
      await t.factories.ticket({ company: child, requester: inSibling, assignee: agent }); // people on a ticket of the subtree

      expect(new Set(ids(await list(admin.token)))).toEqual(new Set([admin.account.id, inChild.id, inSibling.id, agent.id]));
      const restricted = await token(admin.token, ['MEMBERS_READ'], child.id);
      expect(ids(await list(restricted))).toEqual([admin.account, inChild, inSibling, agent].sort(byName).map((a) => a.id));
      const restrictedToSibling = await token(admin.token, ['MEMBERS_READ'], sibling.id);
      expect(ids(await list(restrictedToSibling))).toEqual([admin.account, inSibling].sort(byName).map((a) => a.id));

      // a staff token restricted to a company sees accounts the way a customer does
      const staffRestricted = await token(staff, ['MEMBERS_READ'], sibling.id);
      expect(ids(await list(staffRestricted))).toEqual([staffAccount, inSibling].sort(byName).map((a) => a.id));
    });
  });

  describe('cost and statements', () => {
    it('costs like the other connections: 2 + first × edge', () => {
      const cost = (query: string) => requestedCost(t.app.schema, parse(query), {}, undefined);
      expect(cost(`{ accounts { edges { node { id } } } }`)).toBe(2 + 20);
      // a search scans: 100 for the page query, and its count 100 + 100
      expect(cost(`{ accounts(first: 50, filter: { search: "x" }) { totalCount edges { node { id } } } }`)).toBe(2 + 100 + 50 + 200);
      expect(cost(`{ accounts(first: 100) { edges { node { id memberships { company { name } } } } } }`)).toBe(2 + 100 * (1 + 10 * 2));
      expect(cost(`{ accounts(first: 500) { edges { node { id } } } }`)).toBe(2 + 100);
    });

    it('accounts(first: 10) and accounts(first: 100) issue the same number of statements', async () => {
      // 120 people in a company tree, so that the pages really differ, with their memberships
      const holding = await t.factories.company({ name: 'Statements holding', settings: { subsidiaryTicketsVisible: true } });
      const subsidiaries = [holding];
      for (let i = 0; i < 3; i++) subsidiaries.push(await t.factories.company({ name: `Statements ${i}`, parent: holding }));
      const administrator = await t.factories.account();
      await t.factories.membership(administrator, holding, Role.ADMINISTRATOR);
      for (let i = 0; i < 120; i++) {
        const account = await t.factories.account({ lastName: `Counted ${String(i % 7)}` });
        await t.factories.membership(account, subsidiaries[i % subsidiaries.length], Role.MEMBER);
      }
      const customer = await t.factories.signIn(administrator);
      const query = (first: number) =>
        `{ accounts(first: ${first}) { totalCount edges { node { id firstName memberships { id role company { id name } } } } } }`;
      for (const [who, token] of [
        ['staff', staff],
        ['customer', customer],
      ] as const) {
        const counts: number[] = [];
        for (const first of [10, 100]) {
          const { result, statements } = await t.countStatements(() => t.gql(token, query(first)));
          expect(result.errors).toBeUndefined();
          expect(result.data.accounts.edges).toHaveLength(first);
          counts.push(statements.length);
        }
        expect({ who, first100: counts[1] }).toEqual({ who, first100: counts[0] });
      }
    });
  });
});
