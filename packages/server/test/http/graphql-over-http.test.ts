import http from 'node:http';
import { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { createHttpServer } from '../../src/http/server';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * GraphQL over HTTP (https://graphql.github.io/graphql-over-http/): the `graphql-http` package's
 * server audits against the real HTTP server, as a plain client (no CSRF preflight header). Every
 * MUST passes. SHOULDs and MAYs are reported; the ones this server does not meet are listed with
 * the reason (docs/decisions.md "GraphQL over HTTP").
 */

/** Audits that are not met on purpose, by id. */
const KNOWN_DEVIATIONS: Record<string, string> = {
  // Apollo's CSRF prevention refuses a GET without a preflight-forcing header (400); with
  // `apollo-require-preflight: 1` (or content-type: application/json) GET queries work, see below
  '5A70': 'GET needs apollo-require-preflight',
  D6D5: 'GET needs apollo-require-preflight',
  '6A70': 'GET needs apollo-require-preflight',
  // Apollo answers 400 for documents that do not parse or validate and for bad variables, whatever
  // the accepted media type; clients get the errors all the same
  '572B': 'Apollo: 400 on parse errors with application/json',
  FDE2: 'Apollo: 400 on validation errors with application/json',
  '7B9B': 'Apollo: 400 on variable coercion errors with application/json',
};

let t: TestApp;
let server: http.Server;
let url = '';

beforeAll(async () => {
  t = await startTestApp();
  server = createHttpServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describe('GraphQL-over-HTTP server audits', () => {
  const audits = serverAudits({ url: () => url });

  it.each(audits.filter((a) => a.name.startsWith('MUST')).map((a) => [a.id, a.name, a] as const))('%s %s', async (_id, _name, audit) => {
    const result = await audit.fn();
    expect(result).toMatchObject({ status: 'ok' });
  });

  it('SHOULDs and MAYs: all met but the known deviations', async () => {
    const unmet: string[] = [];
    for (const audit of audits.filter((a) => !a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') unmet.push(audit.id);
    }
    expect(unmet.sort()).toEqual(Object.keys(KNOWN_DEVIATIONS).sort());
  });

  it('GET queries work with the preflight header, and every audit is met apart from the 400s', async () => {
    const withPreflight = serverAudits({
      url: () => url,
      fetchFn: (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'apollo-require-preflight': '1' } }),
    });
    const unmet: string[] = [];
    for (const audit of withPreflight) {
      const result = await audit.fn();
      if (result.status !== 'ok') unmet.push(audit.id);
    }
    expect(unmet.sort()).toEqual(['572B', '7B9B', 'FDE2']);
  });
});

describe('media types and status codes', () => {
  it('answers application/graphql-response+json when the client accepts it, application/json otherwise', async () => {
    const query = encodeURIComponent('{ __typename }');
    const graphqlResponse = await fetch(`${url}?query=${query}`, {
      headers: { accept: 'application/graphql-response+json, application/json;q=0.9', 'apollo-require-preflight': '1' },
    });
    expect(graphqlResponse.status).toBe(200);
    expect(graphqlResponse.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(await graphqlResponse.json()).toMatchObject({ data: { __typename: 'Query' } });
    const json = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('a mutation over GET is 405 with Allow: POST', async () => {
    const mutation = encodeURIComponent('mutation { signOut }');
    const response = await fetch(`${url}?query=${mutation}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('with application/graphql-response+json: a request error is 4xx without data; a field error is 200 with data', async () => {
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
    const invalid = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: '{ nope }' }) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).not.toHaveProperty('data');
    const unauthenticated = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: '{ viewer { id } tickets { totalCount } }' }),
    });
    expect(unauthenticated.status).toBe(200);
    const body = (await unauthenticated.json()) as any;
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
