import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { createHttpServer } from '../../src/http/server';
import { TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The HTTP surface: security headers, CORS allow-list, request ids and structured logs, the body
 * limit, errors outside GraphQL as JSON without stacks, and the query limits over HTTP counted as
 * whole requests.
 */

const PARTNER = 'https://partner.example';
const STRANGER = 'https://evil.example';
const MAX_BODY_BYTES = 4096;

describe('HTTP hardening', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  const logLines: Array<Record<string, any>> = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    t = await startTestApp({
      env: { CORS_ORIGINS: `${PARTNER}, https://other.partner.example`, MAX_BODY_BYTES: String(MAX_BODY_BYTES), NODE_ENV: 'development' },
      logger: pino({ level: 'info' }, sink),
    });
    server = createHttpServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  describe('security headers', () => {
    it('are on every response: the SPA, the API and the probes', async () => {
      for (const response of [await fetch(`${base}/`), await post({ query: '{ __typename }' }), await fetch(`${base}/healthz`)]) {
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe/);
        expect(csp).toContain("connect-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain('upgrade-insecure-requests'); // PUBLIC_URL is http here
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
        expect(response.headers.get('strict-transport-security')).toBeNull(); // only over https
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('HSTS and upgrade-insecure-requests when PUBLIC_URL is https', async () => {
      const { securityHeaders } = await import('../../src/http/hardening');
      const headers = new Map<string, string>();
      const res = { setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value), removeHeader: () => undefined };
      await new Promise<void>((resolve) =>
        securityHeaders({ publicUrl: 'https://portal.example' })({} as never, res as never, () => resolve()),
      );
      expect(headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      expect(headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    });
  });

  describe('CORS', () => {
    it('an allowed origin may call the API with credentials, after a preflight', async () => {
      const preflight = await fetch(`${base}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: PARTNER,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(PARTNER);
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect(preflight.headers.get('vary')).toMatch(/origin/i);

      const response = await post({ query: '{ __typename }' }, { origin: PARTNER });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-expose-headers')).toMatch(/x-request-id/i);
    });

    it('any other origin gets no CORS headers, so browsers keep it out', async () => {
      const preflight = await fetch(`${base}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: STRANGER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      const response = await post({ query: '{ __typename }' }, { origin: STRANGER });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      // a prefix or a different scheme is not the same origin
      for (const origin of [`${PARTNER}.evil.example`, 'http://partner.example', 'null']) {
        expect((await post({ query: '{ __typename }' }, { origin })).headers.get('access-control-allow-origin')).toBeNull();
      }
    });

    it('by default (CORS_ORIGINS unset) no origin is allowed: same-origin only', async () => {
      const { corsForAllowedOrigins } = await import('../../src/http/hardening');
      const headers = new Map<string, string>();
      const res = {
        setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
        getHeader: () => undefined,
        statusCode: 200,
        end: () => undefined,
      };
      await new Promise<void>((resolve) =>
        corsForAllowedOrigins([])({ method: 'GET', headers: { origin: PARTNER } } as never, res as never, () => resolve()),
      );
      expect(headers.get('access-control-allow-origin')).toBeUndefined();
    });
  });

  describe('request ids and logs', () => {
    it('every response has an X-Request-Id; a GraphQL request logs one JSON line with it', async () => {
      const staffAccount = await t.factories.staffAdmin();
      const staff = await t.factories.signIn(staffAccount);
      logLines.length = 0;
      const response = await post(
        { query: 'query TicketsPage { tickets(first: 10) { totalCount edges { node { id company { name } } } } }' },
        { authorization: `Bearer ${staff}` },
      );
      expect(response.status).toBe(200);
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const line = logLines.find((l) => l.msg === 'graphql request');
      expect(line).toMatchObject({
        level: 30,
        requestId,
        viewerId: staffAccount.id,
        operationName: 'TicketsPage',
        operationType: 'query',
        cost: 2 + 10 * 2 + 100, // the page, ten tickets with their company, the count
        status: 200,
      });
      expect(typeof line!.durationMs).toBe('number');
      expect(JSON.stringify(logLines)).not.toContain(staff); // the bearer token is never logged

      // a proxy's request id is kept when it looks like one
      const traced = await post({ query: '{ __typename }' }, { 'x-request-id': 'edge-7f3a9c1e-0001' });
      expect(traced.headers.get('x-request-id')).toBe('edge-7f3a9c1e-0001');
      const odd = await post({ query: '{ __typename }' }, { 'x-request-id': 'not an id; drop table' });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect((await fetch(`${base}/healthz`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('an unexpected error: masked for the caller, its correlation id in the log with the request id', async () => {
      const staff = await t.factories.signIn(await t.factories.staffAdmin());
      const boom = jest.spyOn(t.app.services.tickets, 'list').mockRejectedValue(new Error('secret internals /srv/x.ts:1'));
      try {
        logLines.length = 0;
        const response = await post({ query: '{ tickets { totalCount } }' }, { authorization: `Bearer ${staff}` });
        const text = await response.text();
        expect(text).not.toContain('secret');
        expect(text).not.toMatch(/\bat \S+ \(|stacktrace/i);
        const { errors } = JSON.parse(text);
        const correlationId = errors[0].extensions.correlationId;
        expect(errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', correlationId });
        const errorLine = logLines.find((l) => l.msg === 'unexpected error');
        expect(errorLine).toMatchObject({ level: 50, correlationId, err: { message: 'secret internals /srv/x.ts:1' } });
        expect(errorLine!.err.stack).toContain('Error: secret internals'); // the stack goes to the log only
        const requestLine = logLines.find((l) => l.msg === 'graphql request');
        expect(requestLine).toMatchObject({ requestId: response.headers.get('x-request-id'), correlationIds: [correlationId] });
      } finally {
        boom.mockRestore();
      }
    });
  });

  describe('errors outside GraphQL are JSON, never a stack', () => {
    it(`a body over MAX_BODY_BYTES is 413 BODY_TOO_LARGE, with the limit and the declared length`, async () => {
      const body = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(MAX_BODY_BYTES) } });
      const response = await post(body);
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: `The request body is larger than ${MAX_BODY_BYTES} bytes, the maximum`,
            extensions: { code: 'BODY_TOO_LARGE', limit: MAX_BODY_BYTES, value: Buffer.byteLength(body) },
          },
        ],
      });
      expect((await post({ query: '{ __typename }', variables: { pad: 'x'.repeat(MAX_BODY_BYTES - 100) } })).status).toBe(200);
    });

    it('a body that is not JSON is 400 BAD_REQUEST, without a stack (NODE_ENV=development here)', async () => {
      const response = await post('{"query": "{ __typename }"');
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).not.toMatch(/\bat \S+ \(|node_modules|<pre>|SyntaxError/);
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
    });

    it('HTTP batching is off', async () => {
      const response = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).not.toContain('"__typename":"Query"');
    });
  });

  describe('POST /graphql: the fast route and Express’s answer alike', () => {
    // application/json goes the fast route (src/http/graphql-route.ts); a gzip-encoded body is Express's
    const viaExpress = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...headers },
        body: gzipSync(JSON.stringify(body)),
      });

    it('same status, body, security and CORS headers, request id and client address', async () => {
      const staffAccount = await t.factories.staffAdmin();
      const staff = await t.factories.signIn(staffAccount);
      const company = await t.factories.company({ name: 'Route Check Ltd' });
      const query = { query: `{ viewer { id } company(id: "${company.id}") { name } }` };
      const headers = {
        authorization: `Bearer ${staff}`,
        origin: PARTNER,
        'x-forwarded-for': '203.0.113.9',
        'x-request-id': 'route-check-0001',
      };
      const seen: Array<string | null | undefined> = [];
      const contextFor = t.app.contextFor;
      const spy = jest.spyOn(t.app, 'contextFor').mockImplementation((token, info) => {
        seen.push(info?.clientIp);
        return contextFor(token, info);
      });
      try {
        const [fast, express] = [await post(query, headers), await viaExpress(query, headers)];
        for (const response of [fast, express]) {
          expect(response.status).toBe(200);
          expect(await response.json()).toMatchObject({ data: { viewer: { id: staffAccount.id }, company: { name: 'Route Check Ltd' } } });
          expect(response.headers.get('x-request-id')).toBe('route-check-0001');
          expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
          expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        }
        const names = (r: Response) => [...r.headers.keys()].filter((name) => !['date', 'content-length', 'etag'].includes(name)).sort();
        expect(names(fast)).toEqual(names(express));
        // the proxy header counts: the request came from loopback, as from a local reverse proxy
        expect(seen).toEqual(['203.0.113.9', '203.0.113.9']);
      } finally {
        spy.mockRestore();
      }
    });

    it('the session cookie is written on both routes', async () => {
      const account = await t.factories.account();
      const signIn = {
        query: 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }',
        variables: { email: account.email, password: TEST_PASSWORD },
      };
      for (const response of [await post(signIn), await viaExpress(signIn)]) {
        expect(response.status).toBe(200);
        expect(response.headers.getSetCookie()).toEqual([
          expect.stringMatching(/^clientele_session=[A-Za-z0-9_-]{22,}; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/),
        ]);
      }
    });

    it('a query string, another path or another media type: only /graphql with JSON is served fast, the rest as before', async () => {
      const withSearch = await fetch(`${base}/graphql?trace=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(await withSearch.json()).toMatchObject({ data: { __typename: 'Query' } });
      const text = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{"query":"{ __typename }"}',
      });
      expect(text.status).toBe(400); // CSRF prevention refuses simple requests (Express's route, Apollo's answer)
      const scalar = await post('42');
      expect(scalar.status).toBe(400);
      expect(await scalar.json()).toEqual({
        errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
      const elsewhere = await fetch(`${base}/graphqlx`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(elsewhere.status).toBe(404);
    });
  });

  describe('limits over HTTP', () => {
    const DEEP = `{ company(id: "cmp_x") { ${'parent { '.repeat(12)}name${' }'.repeat(12)} } }`;

    it('an anonymous request over a limit runs no statement at all', async () => {
      const { result: response, statements } = await t.countStatements(() => post({ query: DEEP }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('QUERY_TOO_DEEP');
      expect(statements).toEqual([]);
    });

    it('a signed-in request over a limit runs only the session lookup, as one that fails to parse does', async () => {
      const staff = await t.factories.signIn(await t.factories.staffAdmin());
      const auth = { authorization: `Bearer ${staff}` };
      const unparsable = await t.countStatements(() => post({ query: '{ viewer {' }, auth));
      expect(unparsable.result.status).toBe(400);
      const refused = await t.countStatements(() => post({ query: DEEP }, auth));
      expect(refused.result.status).toBe(400);
      expect(((await refused.result.json()) as any).errors[0].extensions.code).toBe('QUERY_TOO_DEEP');
      expect(refused.statements.length).toBeGreaterThan(0);
      expect(refused.statements).toEqual(unparsable.statements);
    });
  });
});
