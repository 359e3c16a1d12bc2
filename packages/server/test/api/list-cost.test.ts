import { parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { requestedCost } from '../../src/graphql/limits';
import { MemoryBucketStore } from '../../src/infrastructure/rate-limit/leaky-bucket';
import { RateLimiter } from '../../src/infrastructure/rate-limit/rate-limiter';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What counts and searches cost (docs/api.md "Requested cost"): a `totalCount` is a COUNT over
 * every matching row (100, like the largest page), a search scans (100 more for the page, 100 more
 * for its count). Neither returns objects, so the rate limiter keeps their work after execution.
 */

const searchedCounts = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `c${i}: tickets(filter: { search: "printer ${i}" }) { totalCount }`).join(' ')} }`;

interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { currentlyAvailable: number };
}
const costOf = (result: unknown) => (result as { extensions: { cost: Cost } }).extensions.cost;

describe('the cost of counts and searches', () => {
  let t: TestApp;
  let roomy: TestApp;
  let now = 1_000_000;
  let member: string;
  let roomyMember: string;

  beforeAll(async () => {
    t = await startTestApp();
    // a limit above thirty searched counts, and a bucket that never refills by itself
    roomy = await startTestApp({
      env: { MAX_QUERY_COST: '20000' },
      limiter: new RateLimiter(
        new MemoryBucketStore(() => now),
        loadConfig({ RATE_LIMIT_CAPACITY: '40000', RATE_LIMIT_RESTORE_RATE: '1' }).rateLimits,
      ),
    });
    for (const [app, set] of [
      [t, (token: string) => (member = token)],
      [roomy, (token: string) => (roomyMember = token)],
    ] as const) {
      const company = await app.factories.company();
      const m = await app.factories.member(company, Role.MEMBER);
      for (let i = 0; i < 3; i++) await app.factories.ticket({ company, requester: m.account, title: `printer ${i} jams` });
      set(m.token);
    }
  });
  afterAll(async () => {
    await t?.close();
    await roomy?.close();
  });

  it('30 aliased searched totalCounts cost 30 × (2 + 100 + 200) and are refused over MAX_QUERY_COST before any statement', async () => {
    const query = searchedCounts(30);
    expect(requestedCost(t.app.schema, parse(query), {}, undefined)).toBe(30 * 302);
    const { result, statements } = await t.countStatements(() => t.gql(member, query));
    expect(result.errors).toEqual([
      {
        message: "The query's requested cost is 9060; the maximum cost is 5000",
        extensions: { code: 'QUERY_TOO_COSTLY', limit: 5000, value: 9060 },
      },
    ]);
    expect(statements.filter((s) => /count\(/i.test(s))).toEqual([]);
  });

  it('when allowed, their work is charged, not refunded: the bucket loses 30 × 300 plus the 30 page queries', async () => {
    const result = await roomy.gql(roomyMember, searchedCounts(30));
    expect(result.errors).toBeUndefined();
    expect(result.data!.c1.totalCount).toBe(1);
    const cost = costOf(result);
    expect(cost.requestedQueryCost).toBe(9060);
    expect(cost.actualQueryCost).toBe(30 * (2 + 100 + 200));
    now += 60_000_000; // refill
  });

  it('a count without search costs 100 more than the list; aliases of it inside one list share one count', async () => {
    const cases: Array<[string, number, number]> = [
      // query, requested, actual (the same formula over what came back: 3 tickets, no edge beyond them)
      [`{ tickets(first: 0) { totalCount } }`, 2 + 100, 2 + 100],
      [`{ tickets { a: totalCount b: totalCount } }`, 2 + 100, 2 + 100],
      [`{ tickets { ...Counted } } fragment Counted on TicketConnection { totalCount }`, 2 + 100, 2 + 100],
      [`{ tickets { ... on TicketConnection { totalCount } } }`, 2 + 100, 2 + 100],
      [`{ tickets(first: 10) { edges { node { id } } } }`, 2 + 10 * 1, 2 + 3 * 1],
      // a blank search is no search (containsPattern ignores it)
      [`{ tickets(first: 0, filter: { search: "  " }) { totalCount } }`, 2 + 100, 2 + 100],
      // a search without its count: the page query's scan
      [`{ tickets(first: 10, filter: { search: "printer" }) { edges { node { id } } } }`, 2 + 100 + 10, 2 + 100 + 3 * 1],
      [`{ companies(first: 0, filter: { search: "x" }) { totalCount } }`, 2 + 100 + 200, 2 + 300],
      [`{ accounts(first: 0, filter: { search: "x" }) { totalCount } }`, 2 + 100 + 200, 2 + 300],
    ];
    for (const [query, requested, actual] of cases) {
      const result = await roomy.gql(roomyMember, query);
      expect(result.errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN')).toBeFalsy();
      const cost = costOf(result);
      expect([query, cost.requestedQueryCost]).toEqual([query, requested]);
      if (!result.errors) expect([query, cost.actualQueryCost]).toEqual([query, actual]);
    }
  });

  it('a count inside a list is charged per list that ran it', async () => {
    const staff = await roomy.factories.signIn(await roomy.factories.staffAdmin());
    const query = `{ companies(first: 5) { edges { node { memberships(first: 0) { totalCount } } } } }`;
    // requested: 2 + 5 × (node 1 + memberships (2 + 100)); actual: the same per company returned
    const result = await roomy.gql(staff, query);
    expect(result.errors).toBeUndefined();
    const companies = (result.data as { companies: { edges: unknown[] } }).companies.edges.length;
    const cost = costOf(result);
    expect(cost.requestedQueryCost).toBe(2 + 5 * (1 + 102));
    expect(companies).toBeGreaterThan(0);
    expect(cost.actualQueryCost).toBe(2 + companies * (1 + 2 + 100));
  });
});
