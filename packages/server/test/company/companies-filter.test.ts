/**
 * `companies(filter: { search, topLevel })`: one scope, keyset pages by name then id. topLevel is
 * what the staff tree loads page by page (its children then come through Company.children): the
 * companies whose parent is null or not seen by the viewer.
 */
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

const LIST = `query($first: Int, $after: String, $filter: CompanyFilter) {
  companies(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id name parent { id } } }
  }
}`;

const byName = (a: CompanyEntity, b: CompanyEntity) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);

describe('companies(filter)', () => {
  let t: TestApp;
  let staff: string;
  // Roots A (subsidiaryTicketsVisible) and Z; A ── A1 ── A11, A ── A2; Z ── Z1 (shareTicketsWithFamily) and Z2
  let a: CompanyEntity, a1: CompanyEntity, a11: CompanyEntity, a2: CompanyEntity;
  let z: CompanyEntity, z1: CompanyEntity, z2: CompanyEntity;
  let special: CompanyEntity[];

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    a = await t.factories.company({ name: 'Alpha Holding', settings: { subsidiaryTicketsVisible: true } });
    a1 = await t.factories.company({ name: 'Alpha One', parent: a });
    a11 = await t.factories.company({ name: 'Alpha One Eleven', parent: a1 });
    a2 = await t.factories.company({ name: 'Alpha Two', parent: a });
    z = await t.factories.company({ name: 'Zulu Group' });
    z1 = await t.factories.company({ name: 'Zulu One', parent: z, settings: { shareTicketsWithFamily: true } });
    z2 = await t.factories.company({ name: 'Zulu Two', parent: z });
    special = [
      await t.factories.company({ name: '100% Pure' }),
      await t.factories.company({ name: 'Snake_case Ltd', parent: z2 }),
      await t.factories.company({ name: 'Back\\slash s.r.o.' }),
      await t.factories.company({ name: 'Šťastná Dental' }),
    ];
  });
  afterAll(() => t.close());

  async function list(token: string, variables: Record<string, unknown> = {}) {
    const result = await t.gql(token, LIST, { first: 100, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data!.companies as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: { id: string; name: string; parent: { id: string } | null } }>;
    };
  }
  const ids = (connection: { edges: Array<{ node: { id: string } }> }) => connection.edges.map((e) => e.node.id);
  const idsOf = (...companies: CompanyEntity[]) => [...companies].sort(byName).map((c) => c.id);

  async function walk(token: string, pageSize: number, filter: Record<string, unknown>) {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const connection = await list(token, { first: pageSize, after, filter });
      seen.push(...ids(connection));
      if (!connection.pageInfo.hasNextPage) return seen;
      after = connection.pageInfo.endCursor;
    }
  }

  describe('search', () => {
    const found = async (search: string, token = staff) => ids(await list(token, { filter: { search } }));

    it('matches part of the name, case-insensitively, trimmed, in name order', async () => {
      expect(await found('alpha')).toEqual(idsOf(a, a1, a11, a2));
      expect(await found('  ONE  ')).toEqual(idsOf(a1, a11, z1));
      expect(await found('pha One E')).toEqual(idsOf(a11));
      expect((await list(staff, { filter: { search: 'zulu' } })).totalCount).toBe(3);
    });

    it('treats %, _ and \\ literally', async () => {
      expect(await found('%')).toEqual([special[0].id]);
      expect(await found('_')).toEqual([special[1].id]);
      expect(await found('\\')).toEqual([special[2].id]);
      expect(await found('Šťast')).toEqual([special[3].id]);
      expect(await found("' OR '1'='1")).toEqual([]);
    });

    it('over 100 characters is INVALID_INPUT at filter.search; blank lists everything', async () => {
      const result = await t.gql(staff, LIST, { filter: { search: 'a'.repeat(101) } });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'INVALID_INPUT', field: ['filter', 'search'] }]);
      const all = await list(staff, { first: 0 });
      expect((await list(staff, { first: 0, filter: { search: ' ' } })).totalCount).toBe(all.totalCount);
      expect((await list(staff, { first: 0, filter: { search: null, topLevel: null } })).totalCount).toBe(all.totalCount);
    });
  });

  describe('topLevel', () => {
    it('staff: true lists the roots, false the others, in pages', async () => {
      // in the database's name order (accented letters sort differently on SQLite and MariaDB)
      const everything = ids(await list(staff));
      const rootSet = new Set([a, z, special[0], special[2], special[3]].map((c) => c.id));
      const roots = everything.filter((id) => rootSet.has(id));
      expect(roots).toHaveLength(5);
      expect(ids(await list(staff, { filter: { topLevel: true } }))).toEqual(roots);
      expect((await list(staff, { filter: { topLevel: true } })).totalCount).toBe(roots.length);
      for (const size of [1, 2, 3]) expect(await walk(staff, size, { topLevel: true })).toEqual(roots);
      expect(ids(await list(staff, { filter: { topLevel: false } }))).toEqual(idsOf(a1, a11, a2, z1, z2, special[1]));
      expect(ids(await list(staff, { filter: { topLevel: true, search: 'alpha' } }))).toEqual([a.id]);
      expect(ids(await list(staff, { filter: { topLevel: false, search: 'alpha' } }))).toEqual(idsOf(a1, a11, a2));
    });

    it('a customer of a subsidiary sees its company as top-level when it does not see the parent', async () => {
      const member = await t.factories.member(a1, Role.MEMBER);
      expect(ids(await list(member.token))).toEqual([a1.id]);
      const top = await list(member.token, { filter: { topLevel: true } });
      expect(ids(top)).toEqual([a1.id]);
      expect(top.edges[0].node.parent).toBeNull(); // the parent is hidden, as Company.parent says
      expect(ids(await list(member.token, { filter: { topLevel: false } }))).toEqual([]);
    });

    it('a customer with SUBSIDIARY visibility: its holding is top-level, the subsidiaries hang below it', async () => {
      const admin = await t.factories.member(a, Role.ADMINISTRATOR);
      expect(ids(await list(admin.token))).toEqual(idsOf(a, a1, a11, a2));
      expect(ids(await list(admin.token, { filter: { topLevel: true } }))).toEqual([a.id]);
      expect(ids(await list(admin.token, { filter: { topLevel: false } }))).toEqual(idsOf(a1, a11, a2));
      // and the tree loads lazily from there
      const { data } = await t.gql(admin.token, `query($id: ID!) { company(id: $id) { children { id } } }`, { id: a.id });
      expect(data!.company.children.map((c: { id: string }) => c.id)).toEqual(idsOf(a1, a2));
    });

    it('a customer with FAMILY visibility sees the parent, so its own company is not top-level', async () => {
      const moderator = await t.factories.member(z1, Role.MODERATOR);
      expect(ids(await list(moderator.token))).toEqual(idsOf(z, z1, z2));
      expect(ids(await list(moderator.token, { filter: { topLevel: true } }))).toEqual([z.id]);
      expect(ids(await list(moderator.token, { filter: { topLevel: false } }))).toEqual(idsOf(z1, z2));
    });

    it('members of two unrelated subsidiaries: both are top-level; search narrows within them', async () => {
      const account = await t.factories.account();
      await t.factories.membership(account, a11, Role.MEMBER);
      await t.factories.membership(account, z2, Role.MEMBER);
      const token = await t.factories.signIn(account);
      expect(ids(await list(token, { filter: { topLevel: true } }))).toEqual(idsOf(a11, z2));
      expect(ids(await list(token, { filter: { topLevel: true, search: 'zulu' } }))).toEqual([z2.id]);
      expect(await walk(token, 1, { topLevel: true })).toEqual(idsOf(a11, z2));
    });

    it('a token restricted to a subsidiary: that subsidiary is its only top-level company', async () => {
      const created = await t.gql(
        staff,
        `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token userErrors { code } } }`,
        { input: { name: 'restricted', scopes: ['COMPANIES_READ'], companyId: a1.id } },
      );
      const token = created.data!.createApiToken.token;
      expect(ids(await list(token))).toEqual(idsOf(a1, a11));
      expect(ids(await list(token, { filter: { topLevel: true } }))).toEqual([a1.id]);
      expect(ids(await list(token, { filter: { topLevel: false } }))).toEqual([a11.id]);
    });
  });

  describe('outsideSubtreeOf (where a company may move)', () => {
    it('leaves out the company itself and every descendant, at any depth; combines with search and pages', async () => {
      const everything = ids(await list(staff));
      const without = (...gone: CompanyEntity[]) => everything.filter((id) => !gone.some((c) => c.id === id));
      expect(ids(await list(staff, { filter: { outsideSubtreeOf: a.id } }))).toEqual(without(a, a1, a11, a2));
      expect((await list(staff, { filter: { outsideSubtreeOf: a.id } })).totalCount).toBe(everything.length - 4);
      expect(ids(await list(staff, { filter: { outsideSubtreeOf: a1.id } }))).toEqual(without(a1, a11));
      expect(ids(await list(staff, { filter: { outsideSubtreeOf: a11.id } }))).toEqual(without(a11));
      expect(ids(await list(staff, { filter: { outsideSubtreeOf: a1.id, search: 'alpha' } }))).toEqual(idsOf(a, a2));
      expect(await walk(staff, 2, { outsideSubtreeOf: z.id })).toEqual(without(z, z1, z2, special[1]));
    });

    it('follows a move: the moved subtree is left out under its new parent too', async () => {
      const p = await t.factories.company({ name: 'Papa Mover' });
      const c = await t.factories.company({ name: 'Papa Child', parent: p });
      const moved = await t.gql(
        staff,
        `mutation($id: ID!, $parentId: ID) { moveCompany(id: $id, parentId: $parentId) { userErrors { code } } }`,
        {
          id: p.id,
          parentId: a2.id,
        },
      );
      expect(moved.data!.moveCompany.userErrors).toEqual([]);
      expect(ids(await list(staff, { filter: { outsideSubtreeOf: a2.id, search: 'papa' } }))).toEqual([]);
      expect(ids(await list(staff, { filter: { outsideSubtreeOf: p.id, search: 'alpha' } }))).toEqual(idsOf(a, a1, a11, a2));
      expect(ids(await list(staff, { filter: { outsideSubtreeOf: c.id, search: 'papa' } }))).toEqual([p.id]);
    });

    it('a company the viewer does not see is NOT_FOUND, a malformed id INVALID_INPUT', async () => {
      const member = await t.factories.member(a1, Role.MEMBER);
      for (const [token, id, code] of [
        [member.token, z.id, 'NOT_FOUND'],
        [staff, 'not-an-id', 'INVALID_INPUT'],
      ] as const) {
        const result = await t.gql(token, LIST, { filter: { outsideSubtreeOf: id } });
        expect(result.errors?.map((e) => e.extensions)).toEqual([{ code, field: ['filter', 'outsideSubtreeOf'] }]);
      }
    });
  });

  it('the number of statements does not depend on the page size, with any filter', async () => {
    for (const filter of [null, { search: 'a' }, { topLevel: false }, { topLevel: true, search: 'u' }, { outsideSubtreeOf: a.id }]) {
      const counts: number[] = [];
      for (const first of [3, 100]) {
        const { result, statements } = await t.countStatements(() => t.gql(staff, LIST, { first, filter }));
        expect(result.errors).toBeUndefined();
        counts.push(statements.length);
      }
      expect({ filter, first100: counts[1] }).toEqual({ filter, first100: counts[0] });
    }
  });
});
