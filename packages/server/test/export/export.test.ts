import { parse } from 'csv-parse/sync';
import express from 'express';
import http from 'node:http';
import { exportRoute } from '../../src/http/export-route';
import { listenOnLoopback, serveOverHttp, type ServedApp } from '../support/http-server';
import { MemoryBucketStore } from '../../src/infrastructure/rate-limit/leaky-bucket';
import { RateLimiter } from '../../src/infrastructure/rate-limit/rate-limiter';
import { StaffRole } from '../../src/modules/account/account.entity';
import type { CompanyEntity } from '../../src/modules/company/company.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { TicketStatus } from '../../src/modules/ticket/ticket.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * GET /export/{tickets,accounts,audit}.csv (src/http/export-route.ts, src/modules/export): staff
 * only, by the session cookie; every row the filters match, equal to what the GraphQL list pages
 * out for the same filters; RFC 4180 with a BOM; formulas defused; bounded; charged.
 */

/** What a spreadsheet would run: the export prefixes such a cell with '. */
const guarded = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : guarded(String(v)));
const dateCell = (iso: string) => iso.slice(0, 19).replace('T', ' ');
/** The `extensions` of a refusal's first error. */
const extensionsOf = async (response: Response) =>
  ((await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> }).errors[0].extensions;
const nameOf = (a: { firstName: string; lastName: string } | null) => (a ? `${a.firstName} ${a.lastName}`.trim() : null);

describe('CSV export', () => {
  let t: TestApp;
  let served: ServedApp;
  let base: string;
  let admin: string;
  let agent: string;
  let customer: string;
  let northwind: CompanyEntity;
  let cafe: CompanyEntity;
  let cookieName: string;

  const listen = (handler: http.RequestListener) => listenOnLoopback(http.createServer(handler));
  const get = (path: string, token: string | null, headers: Record<string, string> = {}, at = base) =>
    fetch(`${at}${path}`, { headers: { ...(token ? { cookie: `${cookieName}=${token}` } : {}), ...headers } });
  const csv = async (path: string, token: string, at = base): Promise<string[][]> => {
    const response = await get(path, token, {}, at);
    expect(response.status).toBe(200);
    return parse(Buffer.from(await response.arrayBuffer()), { bom: true }) as string[][];
  };

  /** Every node of a GraphQL list, paged 100 at a time as a client would. */
  async function allNodes<T>(field: string, query: string, variables: Record<string, unknown>): Promise<T[]> {
    const nodes: T[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await t.gql(admin, query, { ...variables, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data[field] as { edges: Array<{ node: T }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
      nodes.push(...connection.edges.map((e) => e.node));
      if (!connection.pageInfo.hasNextPage) return nodes;
      after = connection.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    cookieName = t.config.session.cookieName;
    served = await serveOverHttp(t.app);
    base = served.base;

    const f = t.factories;
    admin = await f.signIn(await f.staffAdmin());
    const agentAccount = await f.account({ staffRole: StaffRole.AGENT, firstName: 'Ágnes', lastName: 'Kováčová' });
    agent = await f.signIn(agentAccount);
    northwind = await f.company({ name: 'Northwind, Inc.' });
    cafe = await f.company({ name: 'Café "Zürich"' });
    const member = await f.member(northwind, Role.MEMBER);
    customer = member.token;
    const hana = await f.account({ firstName: 'Hana', lastName: 'Kováčová', email: 'hana@example.test' });
    await f.membership(hana, cafe, Role.ADMINISTRATOR);
    await f.membership(hana, northwind, Role.MEMBER);
    await f.account({ firstName: 'Petr', lastName: 'Kovář', disabled: true });
    const formula = await f.account({ firstName: '=HYPERLINK("http://evil.example")', lastName: '@Attacker' });
    // the awkward cells: formulas, separators, quotes, line breaks, other scripts
    const titles = [
      '=1+2',
      '+SUM(A1:A9)',
      '-3 degrees',
      '@mention',
      '\ttabbed',
      '\rcarriage',
      'a, b and "c"',
      'line one\nline two',
      '日本語 ✓ Žluťoučký kůň',
    ];
    for (const [i, title] of titles.entries())
      await f.ticket({
        company: i % 2 ? cafe : northwind,
        title,
        requester: i % 3 ? hana : formula,
        assignee: i % 2 ? agentAccount : null,
      });
    // more than two pages of 100
    for (let i = 0; i < 221; i++)
      await f.ticket({
        company: i % 3 ? northwind : cafe,
        title: `Printer ${i}`,
        status: [TicketStatus.OPEN, TicketStatus.WAITING, TicketStatus.CLOSED][i % 3],
        requester: member.account,
      });
    // audit events, one of them with a company name a spreadsheet would run
    for (const name of ['Audited One', '=Audited Two', 'Audited, Three'])
      expect(
        (await t.gql(admin, `mutation($n: String!) { createCompany(input: { name: $n }) { userErrors { code } } }`, { n: name })).data
          .createCompany.userErrors,
      ).toEqual([]);
  });

  afterAll(async () => {
    await served?.close();
    await t?.close();
  });

  describe('who may export', () => {
    it('refuses anonymous callers (401), customers (403), a session sent as a bearer token (401), other sites (403)', async () => {
      for (const list of ['tickets', 'accounts', 'audit']) {
        const anonymous = await get(`/export/${list}.csv`, null);
        expect(anonymous.status).toBe(401);
        expect((await extensionsOf(anonymous)).code).toBe('UNAUTHENTICATED');
        const refused = await get(`/export/${list}.csv`, customer);
        expect(refused.status).toBe(403);
        expect((await extensionsOf(refused)).code).toBe('FORBIDDEN');
        // the export reads the session cookie only: API clients page the GraphQL list
        expect((await get(`/export/${list}.csv`, null, { authorization: `Bearer ${admin}` })).status).toBe(401);
        for (const site of ['cross-site', 'same-site'])
          expect((await get(`/export/${list}.csv`, admin, { 'sec-fetch-site': site })).status).toBe(403);
        for (const site of ['same-origin', 'none'])
          expect((await get(`/export/${list}.csv`, admin, { 'sec-fetch-site': site })).status).toBe(200);
      }
    });

    it('gives staff AGENTs the same exports, and no CORS headers to anyone', async () => {
      const response = await get('/export/accounts.csv', agent, { origin: 'https://evil.example' });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      await response.arrayBuffer();
    });

    it('refuses what it does not know: another file, an unknown parameter, a bad value', async () => {
      expect((await get('/export/companies.csv', admin)).status).toBe(404);
      for (const path of [
        '/export/tickets.csv?state=OPEN',
        '/export/tickets.csv?status=LOST',
        '/export/tickets.csv?search=a&search=b',
        '/export/tickets.csv?orderBy=UPDATED_AT_ASC', // the sync order leaves out the last seconds: not a list for people
        '/export/tickets.csv?orderBy=SIDEWAYS',
        '/export/tickets.csv?companyId=acc_x',
        `/export/tickets.csv?search=${'x'.repeat(101)}`,
        '/export/accounts.csv?kind=ROBOT',
        '/export/accounts.csv?includeDisabled=maybe',
        '/export/audit.csv?since=yesterday',
        '/export/audit.csv?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z',
      ]) {
        const response = await get(path, admin);
        expect([path, response.status]).toEqual([path, 400]);
        expect((await extensionsOf(response)).code).toBe('INVALID_INPUT');
      }
    });
  });

  describe('the file', () => {
    it('is UTF-8 with a BOM, CRLF, quoted where RFC 4180 needs it, a dated attachment, never cached', async () => {
      const response = await get(`/export/tickets.csv?search=${encodeURIComponent('"c"')}`, admin);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="tickets-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(text.split('\r\n')[0]).toBe(
        'Number,Title,Status,Company,Requester,Requester email,Assignee,Assignee email,Created (UTC),Updated (UTC),ID',
      );
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.split('\r\n')).toHaveLength(3);
      expect(text).toContain(`,"a, b and ""c""",OPEN,"Northwind, Inc.",`);
      const cafeRow = Buffer.from(await (await get(`/export/tickets.csv?companyId=${cafe.id}&search=SUM`, admin)).arrayBuffer()).toString();
      expect(cafeRow).toContain(`,'+SUM(A1:A9),OPEN,"Café ""Zürich""",Hana Kováčová,hana@example.test,Ágnes Kováčová,`);
    });

    it('defuses formulas, keeps line breaks inside their cell, and keeps other scripts intact', async () => {
      const rows = await csv('/export/tickets.csv?status=OPEN', admin);
      const titles = rows.map((r) => r[1]);
      for (const title of [
        "'=1+2",
        "'+SUM(A1:A9)",
        "'-3 degrees",
        "'@mention",
        "'\ttabbed",
        "'\rcarriage",
        'line one\nline two',
        '日本語 ✓ Žluťoučký kůň',
      ])
        expect(titles).toContain(title);
      const formula = rows.find((r) => r[1] === "'=1+2")!;
      expect(formula[4]).toBe('\'=HYPERLINK("http://evil.example") @Attacker');
      const accounts = await csv('/export/accounts.csv?search=attacker', admin);
      expect(accounts[1].slice(0, 2)).toEqual(["'@Attacker", '\'=HYPERLINK("http://evil.example")']);
    });
  });

  describe('equals the GraphQL list for the same filters, every page', () => {
    const TICKETS = `query($after: String, $filter: TicketFilter, $orderBy: TicketOrder) { tickets(first: 100, after: $after, filter: $filter, orderBy: $orderBy) {
      pageInfo { hasNextPage endCursor }
      edges { node { id number title status createdAt updatedAt company { name }
        requester { firstName lastName email } assignee { firstName lastName email } } } } }`;

    it.each([
      ['everything', '', {}],
      ['of one company and two statuses', 'companyId=C&status=OPEN&status=CLOSED', { companyIds: ['C'], statuses: ['OPEN', 'CLOSED'] }],
      ['a search', 'search=printer%201', { search: 'printer 1' }],
      ['a search that matches nothing', 'search=nothing-like-this', { search: 'nothing-like-this' }],
      ['oldest first, as the list sorted', 'orderBy=CREATED_AT_ASC', { orderBy: 'CREATED_AT_ASC' }],
      ['recently changed first, with a status', 'status=OPEN&orderBy=UPDATED_AT_DESC', { statuses: ['OPEN'], orderBy: 'UPDATED_AT_DESC' }],
    ])('tickets: %s', async (_name, query, given: Record<string, unknown>) => {
      const { orderBy, ...filter } = given;
      const companyIds = filter.companyIds ? [northwind.id] : undefined;
      const rows = await csv(`/export/tickets.csv?${query.replace('companyId=C', `companyId=${northwind.id}`)}`, admin);
      const nodes = await allNodes<any>('tickets', TICKETS, { filter: { ...filter, ...(companyIds ? { companyIds } : {}) }, orderBy });
      if (query === '') expect(nodes.length).toBe(230);
      expect(rows.slice(1)).toEqual(
        nodes.map((n) =>
          [
            n.number,
            n.title,
            n.status,
            n.company.name,
            nameOf(n.requester),
            n.requester?.email,
            nameOf(n.assignee),
            n.assignee?.email,
            dateCell(n.createdAt),
            dateCell(n.updatedAt),
            n.id,
          ].map(cell),
        ),
      );
    });

    const ACCOUNTS = `query($after: String, $filter: AccountFilter) { accounts(first: 100, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      edges { node { id firstName lastName email staffRole disabled language notificationLevel memberships { role company { name } } } } } }`;

    it.each([
      ['everyone', '', {}],
      ['staff only', 'kind=STAFF', { kind: 'STAFF' }],
      [
        'customers matching a search, disabled ones left out',
        'kind=CUSTOMER&search=kov&includeDisabled=false',
        { kind: 'CUSTOMER', search: 'kov', includeDisabled: false },
      ],
    ])('accounts: %s', async (_name, query, filter) => {
      const rows = await csv(`/export/accounts.csv?${query}`, admin);
      expect(rows[0]).toEqual([
        'Last name',
        'First name',
        'Email',
        'Staff role',
        'Companies (role)',
        'Disabled',
        'Language',
        'Notifications',
        'ID',
      ]);
      const nodes = await allNodes<any>('accounts', ACCOUNTS, { filter });
      expect(nodes.length).toBeGreaterThan(0);
      // Petr Kovář, a disabled customer: listed unless left out
      expect(rows.some((r) => r[0] === 'Kovář')).toBe(query === '');
      expect(rows.slice(1)).toEqual(
        nodes.map((a) =>
          [
            a.lastName,
            a.firstName,
            a.email,
            a.staffRole,
            a.memberships.map((m: any) => `${m.company.name} (${m.role})`).join('; ') || null,
            a.disabled ? 'yes' : 'no',
            a.language,
            a.notificationLevel,
            a.id,
          ].map(cell),
        ),
      );
    });

    const AUDIT = `query($after: String, $companyId: ID, $filter: AuditEventFilter) { auditEvents(first: 100, after: $after, companyId: $companyId, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      edges { node { id action occurredAt targetType targetId clientIp before after actor { firstName lastName email } company { name } } } } }`;

    it.each([
      ['everything', '', {}],
      [
        'one action in a window',
        'action=company.create&since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z',
        {
          filter: { actions: ['company.create'], since: '2000-01-01T00:00:00Z', until: '2999-01-01T00:00:00Z' },
        },
      ],
    ])('audit: %s', async (_name, query, variables) => {
      const rows = await csv(`/export/audit.csv?${query}`, admin);
      const nodes = await allNodes<any>('auditEvents', AUDIT, variables);
      expect(nodes.length).toBeGreaterThanOrEqual(3);
      expect(rows.slice(1).map((r) => [...r.slice(0, 8), r[8] && JSON.parse(r[8]), r[9] && JSON.parse(r[9]), r[10]])).toEqual(
        nodes.map((e) => [
          ...[dateCell(e.occurredAt), e.action, nameOf(e.actor), e.actor?.email, e.company?.name, e.targetType, e.targetId, e.clientIp].map(
            cell,
          ),
          e.before ?? '',
          e.after ?? '',
          e.id,
        ]),
      );
      expect(rows.map((r) => r[4])).toContain("'=Audited Two");
    });
  });

  describe('bounds and charges', () => {
    let bounded: ServedApp | null = null;
    afterEach(async () => {
      await bounded?.close();
      bounded = null;
    });

    it('refuses a list of more rows than a file takes, saying how many, before the file starts', async () => {
      const web = express();
      web.get('/export/:file', exportRoute(t.app, { maxRows: 50 }));
      bounded = await listen(web);
      const refused = await get('/export/tickets.csv', admin, {}, bounded.base);
      expect(refused.status).toBe(400);
      expect(await extensionsOf(refused)).toEqual({ code: 'INVALID_INPUT', rows: 230, maxRows: 50 });
      expect((await csv(`/export/tickets.csv?companyId=${cafe.id}&status=CLOSED`, admin, bounded.base)).length).toBeLessThanOrEqual(51);
    });

    it('charges the count and the first page up front (429 when the budget is short), then waits for points page by page', async () => {
      let now = 1_000_000;
      const slept: number[] = [];
      const limits = { ...t.config.rateLimits, redisUrl: null, capacity: 400, restorePerSecond: 10 };
      const limiter = new RateLimiter(new MemoryBucketStore(() => now), limits);
      const web = express();
      web.get(
        '/export/:file',
        exportRoute(t.app, {
          limiter,
          sleep: async (ms) => {
            slept.push(ms);
            now += ms;
          },
        }),
      );
      bounded = await listen(web);
      // 202 up front (a count of 100, a page of 102), 102 for each further page: 230 rows wait for points once
      const rows = await csv('/export/tickets.csv', admin, bounded.base);
      expect(rows.length).toBe(231);
      expect(slept.length).toBeGreaterThan(0);
      const refused = await get('/export/tickets.csv', admin, {}, bounded.base);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await extensionsOf(refused)).code).toBe('RATE_LIMITED');
      await limiter.close();
    });
  });
});
