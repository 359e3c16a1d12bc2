import { Role } from '../../src/modules/membership/membership.entity';
import { GqlResult, startTestApp, TestApp } from '../support/test-app';

/**
 * Operations are interpreted by graphql-js the first time a document is executed and run compiled
 * (graphql-jit) from its second execution on (src/graphql/executor.ts). Clients must not be able to
 * tell: every answer here — data, nulls, interfaces, fragments, directives, errors with their codes,
 * paths and locations, refused variables, mutation payloads — is the same from both.
 */

let documentSerial = 0;

describe('compiled execution answers exactly as interpreted execution', () => {
  let t: TestApp;
  let staff: string;
  let customer: string;
  let ticketId: string;
  let companyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    const holding = await t.factories.company({ name: 'Holding', settings: { subsidiaryTicketsVisible: true } });
    const subsidiary = await t.factories.company({ name: 'Subsidiary', parent: holding });
    const { account: administrator } = await t.factories.member(holding, Role.ADMINISTRATOR);
    const { account: requester } = await t.factories.member(subsidiary, Role.MEMBER);
    const agent = await t.factories.staffAgent();
    customer = await t.factories.signIn(administrator);
    for (let i = 0; i < 6; i++) {
      const ticket = await t.factories.ticket({
        company: i % 2 ? holding : subsidiary,
        requester,
        assignee: i % 3 ? agent : null,
        title: `Printer ${i} says "PC LOAD LETTER" \u2014 ünïcödé`,
        createdAt: new Date(Date.UTC(2026, 0, 1 + i, 8, 30, 0, 123)),
      });
      ticketId = ticket.id;
    }
    companyId = subsidiary.id;
  });

  afterAll(() => t.close());

  /** The same operation run three times as one new document: its first answer (interpreted) and its third (compiled). */
  async function bothWays(token: string | null, query: string, variables?: Record<string, unknown>) {
    const document = `${query}\n# document ${++documentSerial}`; // a new text: Apollo parses it anew, so it starts interpreted
    const interpreted = await t.gql(token, document, variables);
    await t.gql(token, document, variables);
    const compiled = await t.gql(token, document, variables);
    // extensions.cost reports the caller's rate-limit bucket, which refills between requests: not compared
    const answer = ({ data, errors }: GqlResult) => ({ data, errors });
    return { interpreted: answer(interpreted), compiled: answer(compiled) };
  }

  it('a page of tickets with nested objects, nulls, dates and escaped text', async () => {
    const { interpreted, compiled } = await bothWays(
      customer,
      `query Page($first: Int!) { tickets(first: $first) { totalCount
        edges { cursor node { id title status createdAt updatedAt company { id name parent { name } }
          requester { firstName lastName } assignee { firstName } } }
        pageInfo { hasNextPage endCursor } } }`,
      { first: 4 },
    );
    expect(interpreted.errors).toBeUndefined();
    expect(interpreted.data.tickets.edges).toHaveLength(4);
    expect(interpreted.data.tickets.edges.some((e: { node: { assignee: unknown } }) => e.node.assignee === null)).toBe(true);
    expect(compiled).toEqual(interpreted);
  });

  it('the sync page: orderBy (an enum with a default), a DateTime and an id list in the filter, the whole PageInfo', async () => {
    const query = `query Sync($since: DateTime, $ids: [ID!], $after: String, $orderBy: TicketOrder) {
      tickets(first: 2, after: $after, orderBy: $orderBy, filter: { updatedSince: $since, ids: $ids }) { totalCount
        edges { cursor node { id updatedAt company { name } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const since = '2026-01-02T00:00:00.000Z';
    const first = await bothWays(customer, query, { since, orderBy: 'UPDATED_AT_ASC' });
    expect(first.interpreted.errors).toBeUndefined();
    expect(first.interpreted.data.tickets.edges).toHaveLength(2);
    expect(first.compiled).toEqual(first.interpreted);
    const after = first.interpreted.data.tickets.pageInfo.endCursor;
    for (const variables of [{ since, orderBy: 'UPDATED_AT_ASC', after }, { ids: [ticketId, 'nope'] }, { since, after }]) {
      const { interpreted, compiled } = await bothWays(customer, query, variables);
      expect(compiled).toEqual(interpreted);
    }
  });

  it('the Node interface, inline fragments, named fragments, aliases, __typename and directives', async () => {
    const query = `query N($ticket: ID!, $company: ID!, $details: Boolean!) {
      t: node(id: $ticket) { __typename id ... on Ticket { title ...Who @include(if: $details) } }
      c: node(id: $company) { __typename ... on Company { name children @skip(if: $details) { name } } }
      missing: node(id: "tkt_00000000000000000000000000000000") { id } }
      fragment Who on Ticket { requester { lastName } company { name } }`;
    for (const details of [true, false]) {
      const { interpreted, compiled } = await bothWays(staff, query, { ticket: ticketId, company: companyId, details });
      expect(interpreted.errors).toBeUndefined();
      expect(interpreted.data.t.__typename).toBe('Ticket');
      expect(interpreted.data.c.__typename).toBe('Company');
      expect(interpreted.data.missing).toBeNull();
      expect(compiled).toEqual(interpreted);
    }
  });

  it('errors of a field: code, message, path and locations', async () => {
    const { interpreted, compiled } = await bothWays(null, `query { viewer { id } tickets(first: 1) { totalCount } }`);
    expect(interpreted.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
    expect(interpreted.errors?.[0].path).toBeDefined();
    expect(interpreted.errors?.[0].locations).toBeDefined();
    expect(compiled).toEqual(interpreted);
  });

  it('variables of the wrong type are refused the same way (BAD_USER_INPUT) and nothing runs', async () => {
    const query = `query Page($first: Int!, $statuses: [TicketStatus!]) { tickets(first: $first, filter: { statuses: $statuses }) { totalCount } }`;
    for (const variables of [{ first: 'ten' }, { first: 1, statuses: ['OPN'] }, {}]) {
      const { interpreted, compiled } = await bothWays(customer, query, variables);
      expect(interpreted.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(interpreted.data).toBeUndefined();
      expect(compiled).toEqual(interpreted);
    }
  });

  it('mutation payloads, with user errors and without', async () => {
    const query = `mutation Rename($input: UpdateViewerInput!) {
      updateViewer(input: $input) { account { firstName lastName language } userErrors { code message field } } }`;
    for (const input of [{ firstName: '' }, { firstName: 'Renée', lastName: 'Ölçer' }]) {
      const { interpreted, compiled } = await bothWays(customer, query, { input });
      expect(interpreted.errors).toBeUndefined();
      expect(compiled).toEqual(interpreted);
    }
    const { interpreted } = await bothWays(customer, query, { input: { firstName: '' } });
    expect(interpreted.data.updateViewer.userErrors[0].code).toBe('INVALID_INPUT');
  });
});
