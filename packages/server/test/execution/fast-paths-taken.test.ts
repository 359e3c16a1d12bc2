import { DocumentNode, Kind, print } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import * as clientDocuments from '../../../web/src/gql/graphql';
import { createHttpServer } from '../../src/http/server';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Each fast path of src/execution/README.md is taken where it should be: these tests fail when one
 * silently switches off (the tests beside them — hardening, compiled-execution, statements — show
 * that both ways answer alike).
 */
describe('the fast paths are taken', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  let customer: string;

  beforeAll(async () => {
    t = await startTestApp();
    const company = await t.factories.company({ name: 'Fast paths Ltd' });
    const { account } = await t.factories.member(company, Role.ADMINISTRATOR);
    const agent = await t.factories.staffAgent();
    for (let i = 0; i < 3; i++) await t.factories.ticket({ company, requester: account, assignee: i ? agent : null, title: `Ticket ${i}` });
    customer = await t.factories.signIn(account);
    server = createHttpServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  const counters = () => ({ ...t.app.fastPaths, directResolvers: [...t.app.fastPaths.directResolvers] });

  it('POST /graphql with a JSON body takes the hand-written route; anything else goes to Express', async () => {
    const before = counters();
    const fast = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${customer}` },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(fast.status).toBe(200);
    expect(t.app.fastPaths.fastHttpRoute).toBe(before.fastHttpRoute + 1);
    expect(t.app.fastPaths.expressGraphQLRoute).toBe(before.expressGraphQLRoute);

    const gzipped = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${customer}` },
      body: gzipSync(JSON.stringify({ query: '{ viewer { id } }' })),
    });
    expect(gzipped.status).toBe(200);
    expect(t.app.fastPaths.fastHttpRoute).toBe(before.fastHttpRoute + 1);
    expect(t.app.fastPaths.expressGraphQLRoute).toBe(before.expressGraphQLRoute + 1);
  });

  it('a document sent again runs compiled, from its second execution on', async () => {
    const query = `query Repeated { tickets(first: 10) { edges { node { id title company { name } requester { firstName } assignee { firstName } } } } }`;
    const before = counters();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await t.gql(customer, query));
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined]);
    expect(t.app.fastPaths.interpretedExecutions - before.interpretedExecutions).toBe(1);
    expect(t.app.fastPaths.compiledExecutions - before.compiledExecutions).toBe(2);
    expect(t.app.fastPaths.compileFailures).toBe(before.compileFailures);
  });

  it('every query the web client sends compiles with graphql-jit (none falls back to interpretation)', () => {
    const queries = Object.entries(clientDocuments).filter(
      ([name, value]) =>
        name.endsWith('Document') &&
        (value as DocumentNode).definitions?.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query'),
    );
    expect(queries.length).toBeGreaterThan(10);
    const refused = queries.filter(([, document]) => !isCompiledQuery(compileQuery(t.app.schema, document as DocumentNode)));
    expect(refused.map(([name, document]) => `${name}: ${print(document as DocumentNode).slice(0, 80)}`)).toEqual([]);
  });

  it("a ticket's company, requester and assignee are called directly, never through TypeGraphQL's handler", async () => {
    expect(t.app.fastPaths.directResolvers).toEqual(expect.arrayContaining(['Ticket.company', 'Ticket.requester', 'Ticket.assignee']));
    const before = t.app.fastPaths.directResolverFallbacks;
    const query = `{ tickets(first: 10) { edges { node { company { id } requester { id } assignee { id } } } } }`;
    for (let i = 0; i < 3; i++) expect((await t.gql(customer, query)).errors).toBeUndefined();
    expect(t.app.fastPaths.directResolverFallbacks).toBe(before);
  });
});
