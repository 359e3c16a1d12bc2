import { parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { requestedCost } from '../../src/graphql/limits';
import { MemoryBucketStore } from '../../src/infrastructure/rate-limit/leaky-bucket';
import { RateLimiter } from '../../src/infrastructure/rate-limit/rate-limiter';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The refund (docs/api.md "Requested cost" and "Rate limits"): what a request actually used is the
 * requested cost's formula over what came back, so an answer as large as asked costs exactly the
 * requested cost, and every row, object or page that did not come back is refunded.
 */

interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}
const costOf = (result: unknown) => (result as { extensions: { cost: Cost } }).extensions.cost;

describe('actualQueryCost and the refund', () => {
  let t: TestApp;
  const now = 7_000_000; // the bucket never refills by itself: what it lost is what was charged
  let admin: string;
  let full: { company: string; ticket: string };
  let sparse: { token: string; ticket: string };

  beforeAll(async () => {
    t = await startTestApp({
      limiter: new RateLimiter(
        new MemoryBucketStore(() => now),
        loadConfig({ RATE_LIMIT_CAPACITY: '100000', RATE_LIMIT_RESTORE_RATE: '1' }).rateLimits,
      ),
    });
    // 60 tickets, each with company, requester and assignee: lists of up to 50 come back full
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.ADMINISTRATOR);
    admin = member.token;
    let ticket = '';
    for (let i = 0; i < 60; i++) ticket = (await t.factories.ticket({ company, requester: member.account, assignee: member.account })).id;
    full = { company: company.id, ticket };
    // 80 tickets without an assignee, in a company of their own
    const other = await t.factories.company();
    const alone = await t.factories.member(other, Role.ADMINISTRATOR);
    let lone = '';
    for (let i = 0; i < 80; i++) lone = (await t.factories.ticket({ company: other, requester: alone.account })).id;
    sparse = { token: alone.token, ticket: lone };
  });
  afterAll(() => t?.close());

  const run = async (token: string, query: string) => {
    const result = await t.gql(token, query);
    expect(result.errors).toBeUndefined();
    const cost = costOf(result);
    expect(cost.requestedQueryCost).toBe(requestedCost(t.app.schema, parse(query), {}, undefined));
    return cost;
  };

  it('a page of 80 of 100 tickets with their companies is charged 2 + 80 × 2 of its 202, and the bucket gets the 40 back', async () => {
    const before = costOf(await t.gql(sparse.token, `{ viewer { id } }`)).throttleStatus.currentlyAvailable;
    const cost = await run(
      sparse.token,
      `{ tickets(first: 100) { edges { cursor node { id company { name } } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(cost.requestedQueryCost).toBe(2 + 100 * 2);
    expect(cost.actualQueryCost).toBe(2 + 80 * 2);
    expect(cost.throttleStatus.currentlyAvailable).toBe(before - (2 + 80 * 2));
  });

  it('an answer as large as asked costs exactly what was requested, through aliases, fragments and interfaces', async () => {
    const queries = [
      `{ tickets(first: 50) { totalCount edges { cursor node { id company { name } requester { email } assignee { email } } } pageInfo { endCursor } } }`,
      `{ a: tickets(first: 10) { ...Page } b: tickets(first: 20) { ...Page } } fragment Page on TicketConnection { edges { node { ...T } } }
       fragment T on Ticket { company { name } requester { email } assignee { email } }`,
      `{ ticket(id: "${full.ticket}") { id company { name } requester { email } assignee { email } } }`,
      `{ node(id: "${full.ticket}") { id ... on Ticket { company { name } assignee { email } } } }`,
      `{ company(id: "${full.company}") { name memberships(first: 1) { totalCount edges { node { account { email } } } } } }`,
      `{ viewer { id } __schema { types { name } } }`,
    ];
    for (const query of queries) {
      const cost = await run(admin, query);
      expect([query, cost.actualQueryCost]).toEqual([query, cost.requestedQueryCost]);
    }
  });

  it('objects that are null and rows that are missing are refunded', async () => {
    // no assignee: 1 of the 3 objects asked for is null
    expect(await run(sparse.token, `{ ticket(id: "${sparse.ticket}") { company { name } assignee { email } } }`)).toMatchObject({
      requestedQueryCost: 3,
      actualQueryCost: 2,
    });
    // 20 of 50 rows, each without an assignee
    expect(await run(sparse.token, `{ tickets(first: 20) { edges { node { company { name } assignee { email } } } } }`)).toMatchObject({
      requestedQueryCost: 2 + 20 * 3,
      actualQueryCost: 2 + 20 * 2,
    });
    // a ticket the viewer does not see: nothing came back
    expect(await run(sparse.token, `{ ticket(id: "${full.ticket}") { company { name } } }`)).toMatchObject({
      requestedQueryCost: 2,
      actualQueryCost: 0,
    });
  });

  it('a mutation costs its 10 and the objects of its payload', async () => {
    const result = await t.gql(
      admin,
      `mutation { createTicket(input: { companyId: "${full.company}", title: "Printer" }) { ticket { id company { name } } userErrors { code } } }`,
    );
    expect(result.errors).toBeUndefined();
    // requested: 10 + ticket (1 + company 1) + userErrors (10 × 1); actual: no userErrors came back
    expect(costOf(result)).toMatchObject({ requestedQueryCost: 10 + 2 + 10, actualQueryCost: 10 + 2 });
  });

  it('every answer tells the budget in extensions.cost, refusals before execution included (charging them nothing)', async () => {
    const refusals: Array<[string, string, Record<string, unknown>?]> = [
      ['GRAPHQL_PARSE_FAILED', `{ viewer { id `],
      ['GRAPHQL_VALIDATION_FAILED', `{ viewr { id } }`],
      ['BAD_USER_INPUT', `query($n: Int) { tickets(first: $n) { totalCount } }`, { n: 'many' }],
      ['QUERY_TOO_LONG', `{ viewer { ${'id '.repeat(2000)}} }`],
      ['QUERY_TOO_DEEP', `{ company(id: "x") { ${'parent { '.repeat(11)}name${' }'.repeat(11)} } }`],
      ['TOO_MANY_ALIASES', `{ ${Array.from({ length: 31 }, (_, i) => `v${i}: viewer { id }`).join(' ')} }`],
      ['QUERY_TOO_COSTLY', `{ companies(first: 100) { edges { node { memberships(first: 100) { edges { node { id } } } } } } }`],
      [
        'QUERY_TOO_COSTLY',
        `mutation { ${Array.from({ length: 25 }, (_, i) => `m${i}: createTicket(input: { companyId: "${full.company}", title: "t" }) { ticket { company { children { children { children { id } } } } } }`).join(' ')} }`,
      ],
    ];
    for (const token of [admin, null]) {
      for (const [code, query, variables] of refusals) {
        const result = await t.gql(token, query, variables);
        expect([code, result.errors?.[0].extensions?.code]).toEqual([code, code]);
        const cost = costOf(result);
        expect([code, cost?.actualQueryCost]).toEqual([code, 0]);
        expect(cost.throttleStatus).toEqual({ maximumAvailable: 100000, currentlyAvailable: expect.any(Number), restoreRate: 1 });
        // nothing was taken: the next answer shows the same budget
        const next = costOf(await t.gql(token, `{ __typename }`)).throttleStatus.currentlyAvailable;
        expect([code, next]).toEqual([code, cost.throttleStatus.currentlyAvailable]);
      }
    }
  });
});
