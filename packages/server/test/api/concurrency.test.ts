import { CompanyEntity } from '../../src/modules/company/company.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The invariants of access-model.md under concurrent requests: "Last administrator" and "No cycles".
 * Requests are started together with Promise.all, so on MySQL/MariaDB they run in separate
 * transactions on separate connections at the same time.
 */

const UPDATE_MEMBERSHIP = `mutation($input: UpdateMembershipInput!) {
  r: updateMembership(input: $input) { membership { id role } userErrors { code message field } } }`;
const REMOVE_MEMBERSHIP = `mutation($id: ID!) { r: removeMembership(id: $id) { deletedId userErrors { code message field } } }`;
const MOVE_COMPANY = `mutation($id: ID!, $parentId: ID) {
  r: moveCompany(id: $id, parentId: $parentId) { company { id parent { id } } userErrors { code message field } } }`;

const CREATE_TICKET = `mutation($input: CreateTicketInput!) {
  r: createTicket(input: $input) { ticket { id } userErrors { code message field } } }`;

const ROUNDS = 10;

describe('concurrency: invariants hold when requests race', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
  });
  afterAll(() => t.close());

  async function mutate(token: string, query: string, variables: Record<string, unknown>) {
    const result = await t.gql(token, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data.r as { userErrors: Array<{ code: string; field: string[] | null }>; [key: string]: any };
  }

  const outcome = (payload: { userErrors: Array<{ code: string }> }) =>
    payload.userErrors.length === 0 ? 'ok' : payload.userErrors[0].code;

  describe('last administrator', () => {
    /** ADMINISTRATOR memberships of the company whose account is not disabled. */
    async function enabledAdministrators(companyId: string): Promise<number> {
      const [row] = await t.app.deps.reader.query(
        `SELECT COUNT(*) AS n FROM membership m JOIN account a ON a.id = m.account_id
          WHERE m.company_id = ? AND m.role = 'ADMINISTRATOR' AND a.disabled = 0`,
        [companyId],
      );
      return Number(row.n);
    }

    async function companyWithAdministrators(n: number) {
      const company = await t.factories.company();
      const admins = [];
      for (let i = 0; i < n; i++) admins.push(await t.factories.member(company, Role.ADMINISTRATOR));
      return { company, admins };
    }

    const demote = (token: string, membershipId: string) =>
      mutate(token, UPDATE_MEMBERSHIP, { input: { id: membershipId, role: 'MEMBER' } });
    const remove = (token: string, membershipId: string) => mutate(token, REMOVE_MEMBERSHIP, { id: membershipId });

    it(`A demotes B while B demotes A: one wins, the other is refused (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const {
          company,
          admins: [a, b],
        } = await companyWithAdministrators(2);
        const results = await Promise.all([demote(a.token, b.membership.id), demote(b.token, a.membership.id)]);
        const outcomes = results.map(outcome).sort();
        expect(outcomes[0]).toMatch(/^(FORBIDDEN|LAST_ADMINISTRATOR)$/);
        expect(outcomes[1]).toBe('ok');
        for (const r of results) if (r.userErrors.length) expect(r.membership).toBeNull();
        expect(await enabledAdministrators(company.id)).toBe(1);
      }
    });

    it(`A removes B while B removes A (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const {
          company,
          admins: [a, b],
        } = await companyWithAdministrators(2);
        const results = await Promise.all([remove(a.token, b.membership.id), remove(b.token, a.membership.id)]);
        // the loser was removed from the company: it may no longer see the company at all (NOT_FOUND)
        expect(results.map(outcome).sort()).toEqual([expect.stringMatching(/^(FORBIDDEN|LAST_ADMINISTRATOR|NOT_FOUND)$/), 'ok'].sort());
        expect(await enabledAdministrators(company.id)).toBe(1);
        expect(await t.app.deps.reader.query('SELECT id FROM membership WHERE company_id = ?', [company.id])).toHaveLength(1);
      }
    });

    it(`A and B both step down at once (write skew): exactly one stays administrator (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const {
          company,
          admins: [a, b],
        } = await companyWithAdministrators(2);
        // alternate between demoting oneself and leaving the company
        const step = round % 2 === 0 ? demote : remove;
        const results = await Promise.all([step(a.token, a.membership.id), step(b.token, b.membership.id)]);
        expect(results.map(outcome).sort()).toEqual(['LAST_ADMINISTRATOR', 'ok']);
        expect(await enabledAdministrators(company.id)).toBe(1);
      }
    });

    it(`three administrators demote each other in a ring: at least one remains (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { company, admins } = await companyWithAdministrators(3);
        const results = await Promise.all(admins.map((admin, i) => demote(admin.token, admins[(i + 1) % 3].membership.id)));
        for (const o of results.map(outcome)) expect(o).toMatch(/^(ok|FORBIDDEN|LAST_ADMINISTRATOR)$/);
        const remaining = await enabledAdministrators(company.id);
        expect(remaining).toBeGreaterThanOrEqual(1);
        expect(remaining).toBe(3 - results.filter((r) => r.userErrors.length === 0).length);
      }
    });

    it('a single administrator cannot demote or remove itself; nothing changes', async () => {
      const {
        company,
        admins: [a],
      } = await companyWithAdministrators(1);
      await t.factories.member(company, Role.MEMBER);
      for (const result of [await demote(a.token, a.membership.id), await remove(a.token, a.membership.id)]) {
        expect(result.userErrors).toEqual([expect.objectContaining({ code: 'LAST_ADMINISTRATOR' })]);
      }
      // changing capabilities or keeping the role is no demotion
      const keep = await mutate(a.token, UPDATE_MEMBERSHIP, {
        input: { id: a.membership.id, role: 'ADMINISTRATOR', capabilities: ['TICKETS'] },
      });
      expect(keep.userErrors).toEqual([]);
      expect(await enabledAdministrators(company.id)).toBe(1);
      const members = await t.gql(a.token, `query($id: ID!) { company(id: $id) { memberships { totalCount } } }`, { id: company.id });
      expect(members.data.company.memberships.totalCount).toBe(2);
    });

    it('staff ADMIN may demote and remove the last administrator', async () => {
      const {
        company,
        admins: [a],
      } = await companyWithAdministrators(1);
      expect(outcome(await demote(staff, a.membership.id))).toBe('ok');
      expect(await enabledAdministrators(company.id)).toBe(0);
      await mutate(staff, UPDATE_MEMBERSHIP, { input: { id: a.membership.id, role: 'ADMINISTRATOR' } });
      const removed = await remove(staff, a.membership.id);
      expect(removed).toEqual({ deletedId: a.membership.id, userErrors: [] });
      expect(await enabledAdministrators(company.id)).toBe(0);
    });

    it('a disabled administrator does not count', async () => {
      const {
        company,
        admins: [a, b],
      } = await companyWithAdministrators(2);
      const disabled = await mutate(
        staff,
        `mutation($id: ID!) { r: setAccountDisabled(id: $id, disabled: true) { account { id } userErrors { code } } }`,
        {
          id: b.account.id,
        },
      );
      expect(disabled.userErrors).toEqual([]);
      expect(await enabledAdministrators(company.id)).toBe(1);
      expect(outcome(await demote(a.token, a.membership.id))).toBe('LAST_ADMINISTRATOR');
      expect(outcome(await remove(a.token, a.membership.id))).toBe('LAST_ADMINISTRATOR');
      // the disabled administrator's own membership may go: it is not the last enabled one
      expect(outcome(await demote(a.token, b.membership.id))).toBe('ok');
      expect(outcome(await remove(a.token, b.membership.id))).toBe('ok');
      expect(await enabledAdministrators(company.id)).toBe(1);
    });

    it('an administrator demoted by a concurrent request can no longer act', async () => {
      for (let round = 0; round < ROUNDS / 2; round++) {
        const {
          company,
          admins: [a, b, c],
        } = await companyWithAdministrators(3);
        // A demotes B while B removes C: if A wins, B is no administrator any more when its turn comes
        const [first, second] = await Promise.all([demote(a.token, b.membership.id), remove(b.token, c.membership.id)]);
        expect(outcome(first)).toBe('ok');
        const rows = await t.app.deps.reader.query('SELECT id FROM membership WHERE id = ?', [c.membership.id]);
        if (outcome(second) === 'ok') expect(rows).toHaveLength(0);
        else {
          expect(outcome(second)).toBe('FORBIDDEN');
          expect(rows).toHaveLength(1);
        }
        expect(await enabledAdministrators(company.id)).toBeGreaterThanOrEqual(1);
      }
    });
  });

  describe('no cycles', () => {
    /**
     * The closure table equals what walking parent_id gives, for every company; parent_id has no
     * cycle; every company and every ticket records the root that walk ends at.
     */
    async function expectForestConsistent() {
      const companies: Array<{ id: string; parent_id: string | null }> = await t.app.deps.reader.query('SELECT id, parent_id FROM company');
      const closure: Array<{ ancestor_id: string; descendant_id: string; depth: number | string }> = await t.app.deps.reader.query(
        'SELECT ancestor_id, descendant_id, depth FROM company_closure',
      );
      const parentOf = new Map(companies.map((c) => [c.id, c.parent_id]));
      const expected: string[] = [];
      for (const company of companies) {
        const seen = new Set<string>();
        let current: string | null = company.id;
        for (let depth = 0; current !== null; depth++) {
          if (seen.has(current)) throw new Error(`cycle through ${current}`);
          seen.add(current);
          expected.push(`${current} > ${company.id} @ ${depth}`);
          current = parentOf.get(current) ?? null;
        }
      }
      const actual = closure.map((r) => `${r.ancestor_id} > ${r.descendant_id} @ ${Number(r.depth)}`);
      expect(actual.sort()).toEqual(expected.sort());

      const rootOf = (id: string): string => {
        let current = id;
        while (parentOf.get(current)) current = parentOf.get(current)!;
        return current;
      };
      const recorded: Array<{ id: string; root_id: string }> = await t.app.deps.reader.query('SELECT id, root_id FROM company');
      expect(recorded.filter((c) => c.root_id !== rootOf(c.id))).toEqual([]);
      const tickets: Array<{ id: string; company_id: string; root_company_id: string }> = await t.app.deps.reader.query(
        'SELECT id, company_id, root_company_id FROM ticket',
      );
      expect(tickets.filter((r) => r.root_company_id !== rootOf(r.company_id))).toEqual([]);
    }

    async function parents(ids: string[]): Promise<Map<string, string | null>> {
      const rows: Array<{ id: string; parent_id: string | null }> = await t.app.deps.reader.query(
        `SELECT id, parent_id FROM company WHERE id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      );
      return new Map(rows.map((r) => [r.id, r.parent_id]));
    }

    const move = (id: string, parentId: string | null) => mutate(staff, MOVE_COMPANY, { id, parentId });

    type Move = [string, string | null];

    /** Applies moves one after another as the spec says: refused (CYCLE) when the target is the company or below it. */
    function simulate(start: Map<string, string | null>, moves: Move[]) {
      const parent = new Map(start);
      const outcomes = moves.map(([id, target]) => {
        for (let c: string | null = target; c !== null; c = parent.get(c) ?? null) if (c === id) return 'CYCLE';
        parent.set(id, target);
        return 'ok';
      });
      return { parent, outcomes };
    }

    function permutations<T>(items: T[]): T[][] {
      if (items.length <= 1) return [items];
      return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
    }

    /** Runs the moves at once; the outcome must equal running them one by one in some order. */
    async function raceMoves(companies: CompanyEntity[], moves: Move[]) {
      const ids = companies.map((c) => c.id);
      const start = await parents(ids);
      const results = await Promise.all(moves.map(([id, parentId]) => move(id, parentId)));
      const outcomes = results.map(outcome);
      for (const o of outcomes) expect(o).toMatch(/^(ok|CYCLE)$/);
      results.forEach((r, i) => {
        if (r.userErrors.length > 0) {
          expect(r.company).toBeNull();
          expect(r.userErrors[0].field).toEqual(['parentId']);
        } else expect(r.company).toEqual({ id: moves[i][0], parent: moves[i][1] === null ? null : { id: moves[i][1] } });
      });
      const end = await parents(ids);
      const order = permutations(moves.map((_, i) => i)).find((p) => {
        const run = simulate(
          start,
          p.map((i) => moves[i]),
        );
        return p.every((i, k) => run.outcomes[k] === outcomes[i]) && ids.every((id) => run.parent.get(id) === end.get(id));
      });
      expect({ outcomes, serializable: order !== undefined }).toEqual({ outcomes, serializable: true });
      await expectForestConsistent();
      return outcomes;
    }

    it(`tickets raised while their company moves to another tree land in the new tree (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const from = await t.factories.company({ settings: { subsidiaryTicketsVisible: true } });
        const company = await t.factories.company({ parent: from });
        const to = await t.factories.company({ settings: { subsidiaryTicketsVisible: true } });
        const [oldHolding, newHolding] = [
          await t.factories.member(from, Role.ADMINISTRATOR),
          await t.factories.member(to, Role.ADMINISTRATOR),
        ];
        const raise = (n: number) => mutate(staff, CREATE_TICKET, { input: { companyId: company.id, title: `Raced ${round}.${n}` } });
        const results = await Promise.all([raise(1), raise(2), move(company.id, to.id), raise(3), raise(4)]);
        expect(results.map(outcome)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
        await expectForestConsistent();
        // the holdings' lists page along the tree index: the new one sees all four, the old one none
        const seen = async (token: string) => {
          const result = await t.gql(token, `{ tickets(first: 10, filter: { companyIds: ["${company.id}"] }) { totalCount } }`);
          return result.data.tickets.totalCount;
        };
        expect([await seen(newHolding.token), await seen(oldHolding.token)]).toEqual([4, 0]);
      }
    });

    it(`X under Y while Y under X: exactly one succeeds, the other is CYCLE (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const x = await t.factories.company();
        const y = await t.factories.company();
        const outcomes = await raceMoves(
          [x, y],
          [
            [x.id, y.id],
            [y.id, x.id],
          ],
        );
        expect([...outcomes].sort()).toEqual(['CYCLE', 'ok']);
      }
    });

    it(`a chain X > Y > Z: moving an ancestor under Z races with re-hanging Z (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const w = await t.factories.company();
        const x = await t.factories.company();
        const y = await t.factories.company({ parent: x });
        const z = await t.factories.company({ parent: y });
        const scenarios: Move[][] = [
          [
            [x.id, z.id],
            [z.id, null],
          ],
          [
            [y.id, z.id],
            [z.id, x.id],
          ],
          [
            [x.id, z.id],
            [z.id, w.id],
            [w.id, x.id],
          ],
          [
            [y.id, w.id],
            [w.id, z.id],
            [x.id, y.id],
            [z.id, null],
          ],
        ];
        await raceMoves([w, x, y, z], scenarios[round % scenarios.length]);
      }
    });

    it('random concurrent moves inside a small forest stay serializable and acyclic', async () => {
      let seed = 7;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let round = 0; round < ROUNDS; round++) {
        const root = await t.factories.company();
        const a = await t.factories.company({ parent: root });
        const b = await t.factories.company({ parent: a });
        const c = await t.factories.company({ parent: root });
        const d = await t.factories.company();
        const group = [root, a, b, c, d];
        const moves: Move[] = [];
        while (moves.length < 4) {
          const id = group[random(group.length)].id;
          if (moves.some(([m]) => m === id)) continue;
          const target = random(group.length + 1);
          moves.push([id, target === group.length ? null : group[target].id]);
        }
        await raceMoves(group, moves);
      }
    });

    it('moving a company into itself or into a descendant is CYCLE and changes nothing', async () => {
      const x = await t.factories.company();
      const y = await t.factories.company({ parent: x });
      const z = await t.factories.company({ parent: y });
      const snapshot = async () => ({
        companies: await t.app.deps.reader.query('SELECT * FROM company ORDER BY id'),
        closure: await t.app.deps.reader.query('SELECT * FROM company_closure ORDER BY ancestor_id, descendant_id'),
        audit: await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM audit_event'),
      });
      const before = await snapshot();
      for (const [id, parentId] of [
        [x.id, x.id],
        [x.id, y.id],
        [x.id, z.id],
        [y.id, z.id],
        [z.id, z.id],
      ]) {
        const result = await move(id, parentId);
        expect(result).toEqual({ company: null, userErrors: [expect.objectContaining({ code: 'CYCLE', field: ['parentId'] })] });
      }
      expect(await snapshot()).toEqual(before);
      await expectForestConsistent();
    });
  });
});
