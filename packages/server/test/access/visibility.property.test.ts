/**
 * Property: for random small worlds (company forests with random settings, customers with random
 * memberships, staff, tickets) and a few random changes made through the API, everything a viewer
 * can read through GraphQL matches the independent reference model of access-model.md
 * (test/reference-model.ts): ticket lists (set, order, totalCount, keyset pages), ticket(id),
 * node(id) for tickets, companies and accounts, companies (also `topLevel`), accounts (set, order
 * by name with case-only differences and ties, totalCount, `kind` and `includeDisabled`, and keyset
 * pages through the session and both tokens), Account.memberships (of the viewer and
 * of every account it sees), Ticket.company/requester/assignee, Company.parent/children,
 * ticketAudience and accountVisibility (as staff, and as the account itself). Disabled accounts'
 * sessions must yield UNAUTHENTICATED. Changes (moveCompany, updateCompany, updateMembership)
 * go through the API as a staff ADMIN and are mirrored in the model; CYCLE exactly when the
 * model says so.
 *
 * Through API tokens (issue 4): before the changes, a sample of the viewers (customers and staff,
 * up to PROPERTY_TOKEN_VIEWERS, default 2, per run) each create, through their session, a token
 * with all read scopes and one restricted to a random company they see (staff: any). After the
 * changes, the same reads are compared through both tokens: the unrestricted one against the same
 * model sets as the session; the restricted one against the model's *Within functions (what the account
 * sees, narrowed to the restriction company and its descendants as they are after the moves), and
 * is refused (FORBIDDEN) ticketAudience, accountVisibility and auditEvents. The keyset walk goes
 * through a session, a token or a restricted token.
 *
 * One app (one database) for the file; every run wipes all rows first, so a leak of any row of
 * any earlier state would show.
 *
 * Runs: PROPERTY_RUNS, else 200 on either database (about 30 s on SQLite and 45 s on MariaDB before
 * the tokens, which add some 40 % of CPU time; PROPERTY_TOKEN_VIEWERS=0 leaves them out; the accounts
 * page walks, one per viewer and way of reading, add about a third more). Worlds are
 * 3-8 companies, 1-5 customers, 2 staff, up to 10 tickets and 4 changes. A failure prints
 * fast-check's seed and path; replay with PROPERTY_SEED=<seed> PROPERTY_PATH=<path>.
 */
import fc from 'fast-check';
import { StaffRole } from '../../src/modules/account/account.entity';
import { newId } from '../../src/shared/ids';
import * as model from '../reference-model';
import {
  assertWorlds,
  grantKeys,
  PROPERTY_TIMEOUT,
  propertyRuns,
  same,
  serverErrors,
  serverLogger,
  sortedIds,
} from '../support/property-runs';
import * as worlds from '../support/property-worlds';
import { startTestApp, TestApp } from '../support/test-app';

const NUM_RUNS = propertyRuns('PROPERTY_RUNS');
/** At most this many viewers per run also read through API tokens (an unrestricted and a restricted one). */
const TOKEN_VIEWERS = Number(process.env.PROPERTY_TOKEN_VIEWERS ?? 2);

/** Account names: few, differing in case only (the accounts list orders case-insensitively, then by id). */
const FIRST_NAMES = ['Eva', 'EVA', 'jan'];
const LAST_NAMES = ['Novak', 'novak', 'Adams'];

/** Ticket creation times: few slots, so equal createdAt (ordered by id) happens often. */
const BASE_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);
const TIME_SLOTS = 6;

/** Ticket titles and search terms: case differences, LIKE wildcards matched literally, no match. */
const TITLES = ['Printer jam', 'PRINTER offline', '100% CPU', 'vpn_down', 'Mail'];
const SEARCHES = ['printer', ' JAM ', '%', '_', 'n', 'zzz', '   '];

/** The search rule of `tickets(filter: { search })`: trimmed, case-insensitive part of the title, or the ticket's id. */
function matchesSearch(b: Built, ticketId: string, search: string): boolean {
  const text = search.trim();
  return text === '' || b.titles.get(ticketId)!.toLowerCase().includes(text.toLowerCase()) || ticketId === text;
}

// ---------------------------------------------------------------------------------------
// Random worlds (indices, resolved to ids when built)
// ---------------------------------------------------------------------------------------

interface WorldSpec {
  companies: worlds.CompanySpec[];
  customers: Array<{ disabled: boolean; memberships: worlds.MembershipSpec[] }>;
  agentDisabled: boolean;
  /** requester / assignee: index into all accounts (customers, then staff ADMIN, staff AGENT), modulo */
  tickets: Array<{ company: number; requester: number | null; assignee: number | null; slot: number; title: number }>;
  /** `tickets(filter: { search })`: an index into SEARCHES, or a ticket's id (index into tickets, modulo); null: no search */
  search: { term: number } | { ticket: number } | null;
  changes: ChangeSpec[];
  /** page size of the keyset walk, and whose list is walked (index into viewers, modulo) and how */
  pageSize: number;
  pagedViewer: number;
  pagedThrough: Through;
  /**
   * API tokens (issue 4): which viewers get two tokens (indices into viewers, modulo), and for
   * each the company of the restricted one (index into the companies it sees, modulo)
   */
  tokenViewers: Array<{ viewer: number; company: number }>;
}

/** How a viewer reads: its session, its unrestricted API token, or its company-restricted token. */
type Through = 'session' | 'token' | 'restricted';

type ChangeSpec =
  | { kind: 'move'; company: number; parent: number | null }
  | { kind: 'update'; company: number; settings: Partial<worlds.Settings> }
  | { kind: 'membership'; membership: number; role: model.Role | null; capabilities: model.Capability[] | null };

function worldArb(maxCompanies: number): fc.Arbitrary<WorldSpec> {
  return fc.integer({ min: 3, max: maxCompanies }).chain((n) => {
    const companyIndex = fc.nat({ max: n - 1 });
    const companies = worlds.companyForestArb(n, worlds.settingsArb(4));
    const customers = fc.array(
      fc.record({
        disabled: worlds.weighted(false, true, 6),
        // the role's defaults half of the time
        memberships: worlds.membershipsArb(n, { minLength: 0, defaultsOneIn: 2 }),
      }),
      { minLength: 1, maxLength: 5 },
    );
    const tickets = fc.array(
      fc.record({
        company: companyIndex,
        requester: fc.option(fc.nat({ max: 20 }), { freq: 8, nil: null }),
        assignee: fc.option(fc.nat({ max: 20 }), { freq: 2, nil: null }),
        slot: fc.nat({ max: TIME_SLOTS - 1 }),
        title: fc.nat({ max: TITLES.length - 1 }),
      }),
      { maxLength: 10 },
    );
    const change: fc.Arbitrary<ChangeSpec> = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('move' as const),
          company: companyIndex,
          parent: fc.option(companyIndex, { freq: 4, nil: null }),
        }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('update' as const),
          company: companyIndex,
          settings: worlds.settingsChangeArb,
        }),
      },
      { weight: 1, arbitrary: worlds.membershipChangeArb(fc.nat({ max: 20 })) },
    );
    return fc.record({
      companies,
      customers,
      agentDisabled: worlds.weighted(false, true, 4),
      tickets,
      changes: fc.array(change, { maxLength: 4 }),
      search: fc.option(fc.oneof(fc.record({ term: fc.nat({ max: SEARCHES.length - 1 }) }), fc.record({ ticket: fc.nat({ max: 20 }) })), {
        freq: 2,
        nil: null,
      }),
      pageSize: fc.integer({ min: 1, max: 5 }),
      pagedViewer: fc.nat({ max: 20 }),
      pagedThrough: fc.constantFrom<Through>('session', 'token', 'restricted'),
      tokenViewers: fc.array(fc.record({ viewer: fc.nat({ max: 20 }), company: fc.nat({ max: 20 }) }), {
        minLength: Math.min(1, TOKEN_VIEWERS),
        maxLength: TOKEN_VIEWERS,
      }),
    });
  });
}

// ---------------------------------------------------------------------------------------
// Building a world in the database and in the reference model
// ---------------------------------------------------------------------------------------

interface Built {
  world: model.RefWorld;
  admin: string;
  agent: string;
  customers: string[];
  /** session tokens */
  tokens: Map<string, string>;
  /** API tokens of the viewers picked by `tokenViewers`: all read scopes, unrestricted and restricted */
  apiTokens: Map<string, { token: string; restricted: { token: string; companyId: string } | null }>;
  createdAt: Map<string, number>;
  titles: Map<string, string>;
  /** the search term of this run's searched ticket lists (null: none) */
  search: string | null;
  /** first and last name of every account: few, differing in case only, so ties are common */
  names: Map<string, { firstName: string; lastName: string }>;
  /** readable names for failure messages: C0, U1, ADMIN, T3, M2, ... */
  label: Map<string, string>;
}

async function build(t: TestApp, spec: WorldSpec): Promise<Built> {
  const label = new Map<string, string>();
  const world: model.RefWorld = { companies: [], accounts: [], memberships: [], tickets: [] };
  const companyIds = await worlds.buildCompanies(t, { world, label }, spec.companies);

  const names = new Map<string, { firstName: string; lastName: string }>();
  const nameOf = (i: number) => ({ firstName: FIRST_NAMES[i % FIRST_NAMES.length], lastName: LAST_NAMES[(i >> 1) % LAST_NAMES.length] });
  const customers: string[] = [];
  for (const [i, c] of spec.customers.entries()) {
    const account = await t.factories.account({ disabled: c.disabled, ...nameOf(i) });
    names.set(account.id, nameOf(i));
    customers.push(account.id);
    world.accounts.push({ id: account.id, staffRole: null, disabled: c.disabled });
    label.set(account.id, `U${i}${c.disabled ? '(disabled)' : ''}`);
  }
  const admin = await t.factories.account({ staffRole: StaffRole.ADMIN, ...nameOf(5) });
  const agent = await t.factories.account({ staffRole: StaffRole.AGENT, disabled: spec.agentDisabled, ...nameOf(6) });
  names.set(admin.id, nameOf(5));
  names.set(agent.id, nameOf(6));
  world.accounts.push(
    { id: admin.id, staffRole: 'ADMIN', disabled: false },
    { id: agent.id, staffRole: 'AGENT', disabled: spec.agentDisabled },
  );
  label.set(admin.id, 'ADMIN');
  label.set(agent.id, `AGENT${spec.agentDisabled ? '(disabled)' : ''}`);
  const allAccounts = world.accounts.map((a) => a.id);

  await worlds.buildMemberships(t, { world, label }, companyIds, customers, spec.customers);

  const createdAt = new Map<string, number>();
  const titles = new Map<string, string>();
  for (const [i, s] of spec.tickets.entries()) {
    const id = newId('Ticket');
    const requesterId = s.requester === null ? null : allAccounts[s.requester % allAccounts.length];
    const assigneeId = s.assignee === null ? null : allAccounts[s.assignee % allAccounts.length];
    const time = BASE_TIME + s.slot * 1000;
    await t.factories.ticket({
      id,
      company: companyIds[s.company],
      requester: requesterId,
      assignee: assigneeId,
      createdAt: new Date(time),
      title: TITLES[s.title],
    });
    titles.set(id, TITLES[s.title]);
    world.tickets.push({ id, companyId: companyIds[s.company], requesterId, assigneeId });
    createdAt.set(id, time);
    label.set(id, `T${i}`);
  }

  const tokens = await worlds.signInAll(t, allAccounts);
  const search =
    spec.search === null
      ? null
      : 'term' in spec.search
        ? SEARCHES[spec.search.term]
        : world.tickets.length === 0
          ? SEARCHES[0]
          : world.tickets[spec.search.ticket % world.tickets.length].id;
  return { world, admin: admin.id, agent: agent.id, customers, tokens, apiTokens: new Map(), createdAt, titles, search, names, label };
}

// ---------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------

type GrantsOf<K extends string> = Array<{ [key in K]: { id: string } } & { grants: Array<{ reason: string; via: { id: string } }> }>;

function grantMap<K extends string>(rows: GrantsOf<K>, key: K): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const row of rows) {
    const id = row[key].id;
    expect(result[id]).toBeUndefined(); // one entry per account / company
    result[id] = grantKeys(row.grants.map((g) => ({ reason: g.reason, via: g.via.id })));
  }
  return result;
}

function modelGrantMap(map: Map<string, model.RefGrant[]>): Record<string, string[]> {
  return Object.fromEntries([...map].map(([id, grants]) => [id, grantKeys(grants)]));
}

/** Visible tickets (through a token restricted to `restrictTo`, if any) in list order: newest first, then id descending. */
function expectedTicketOrder(b: Built, viewerId: string, restrictTo: string | null = null, search: string | null = null): string[] {
  const visible = [...model.visibleTicketIdsWithin(b.world, viewerId, restrictTo)];
  return visible
    .filter((id) => search === null || matchesSearch(b, id, search))
    .sort((x, y) => {
      const byTime = b.createdAt.get(y)! - b.createdAt.get(x)!;
      return byTime !== 0 ? byTime : x < y ? 1 : x > y ? -1 : 0;
    });
}

/** Accounts in list order: last name, first name (case-insensitive: the names are ASCII), then id. */
function expectedAccountOrder(b: Built, ids: Iterable<string>): string[] {
  const key = (id: string) => b.names.get(id)!;
  return [...ids].sort((x, y) => {
    const [a, c] = [key(x), key(y)];
    const byName =
      a.lastName.toLowerCase().localeCompare(c.lastName.toLowerCase()) ||
      a.firstName.toLowerCase().localeCompare(c.firstName.toLowerCase());
    return byName !== 0 ? byName : x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Companies the viewer sees whose parent is null or not seen by it (`companies(filter: { topLevel: true })`). */
function topLevelCompanies(b: Built, companies: Set<string>): string[] {
  return b.world.companies.filter((c) => companies.has(c.id) && (c.parentId === null || !companies.has(c.parentId))).map((c) => c.id);
}

const GRANTS = `grants { reason via { id } }`;

async function ok<T = any>(t: TestApp, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await t.gql<T>(token, query, variables);
  if (result.errors)
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}\nfor ${query.slice(0, 300)}\nserver log:\n${serverErrors.join('')}`);
  return result.data as T;
}

// ---------------------------------------------------------------------------------------
// API tokens (issue 4)
// ---------------------------------------------------------------------------------------

const READ_SCOPES = ['TICKETS_READ', 'COMPANIES_READ', 'MEMBERS_READ', 'AUDIT_READ'];

/** Creates a read token through the viewer's session; `companyId` restricts it. */
async function createReadToken(t: TestApp, b: Built, viewerId: string, companyId: string | null): Promise<string> {
  const data = await ok(
    t,
    b.tokens.get(viewerId)!,
    `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { company { id } } userErrors { code } } }`,
    { input: { name: companyId === null ? 'reader' : 'restricted reader', scopes: READ_SCOPES, companyId } },
  );
  const { token, apiToken, userErrors } = data.createApiToken;
  same(
    b,
    `${b.label.get(viewerId)}: createApiToken(${companyId})`,
    { company: apiToken?.company ?? null, userErrors },
    {
      company: companyId === null ? null : { id: companyId },
      userErrors: [],
    },
  );
  expect(token).toMatch(/^cltl_/);
  return token;
}

/**
 * Before the changes: for each picked viewer, one unrestricted token and one restricted to a
 * company it sees now (staff: any company); the changes may then move that company's subtree.
 */
async function createTokens(t: TestApp, b: Built, spec: WorldSpec, viewers: string[]): Promise<void> {
  for (const pick of spec.tokenViewers) {
    const viewerId = viewers[pick.viewer % viewers.length];
    if (b.apiTokens.has(viewerId)) continue;
    const sees = model.visibleCompanyIds(b.world, viewerId);
    const candidates = b.world.companies.map((c) => c.id).filter((id) => sees.has(id));
    const companyId = candidates.length === 0 ? null : candidates[pick.company % candidates.length];
    const token = await createReadToken(t, b, viewerId, null);
    const restricted = companyId === null ? null : { token: await createReadToken(t, b, viewerId, companyId), companyId };
    b.apiTokens.set(viewerId, { token, restricted });
  }
}

interface Access {
  token: string;
  /** the company restriction of the token, null for a session or an unrestricted token */
  restrictTo: string | null;
  /** readable, for failure messages */
  who: string;
}

/** How the viewer reads `through` (null: it has no such token in this run). */
function accessOf(b: Built, viewerId: string, through: Through): Access | null {
  const name = b.label.get(viewerId)!;
  if (through === 'session') return { token: b.tokens.get(viewerId)!, restrictTo: null, who: name };
  const tokens = b.apiTokens.get(viewerId);
  if (through === 'token') return tokens ? { token: tokens.token, restrictTo: null, who: `${name} (API token)` } : null;
  const restricted = tokens?.restricted;
  if (!restricted) return null;
  return { ...restricted, restrictTo: restricted.companyId, who: `${name} (API token restricted to ${restricted.companyId})` };
}

/** A company-restricted token cannot use the staff-wide operations, whoever its account is. */
async function expectRestrictedForbidden(t: TestApp, b: Built, viewerId: string, access: Access): Promise<void> {
  const ticketId = b.world.tickets[0]?.id ?? newId('Ticket');
  // one request each: a non-null root field's error nulls the whole response at the first error
  const operations = {
    ticketAudience: `{ ticketAudience(ticketId: "${ticketId}") { account { id } } }`,
    accountVisibility: `{ accountVisibility(accountId: "${viewerId}") { company { id } } }`,
    auditEvents: `{ auditEvents(first: 5) { totalCount } }`,
  };
  const codes: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(operations)) {
    const result = await t.gql(access.token, query);
    codes[name] = { data: result.data ?? null, codes: (result.errors ?? []).map((e) => e.extensions?.code) };
  }
  const refused = { data: null, codes: ['FORBIDDEN'] };
  same(b, `${access.who}: staff-wide operations`, codes, { ticketAudience: refused, accountVisibility: refused, auditEvents: refused });
}

/**
 * Everything one (not disabled) viewer reads, in one request, through its session or one of its
 * API tokens; DataLoaders batch the by-id reads. Through a restricted token, every set is the
 * model's restricted one, and the staff-wide operations are refused instead.
 */
async function compareViewer(t: TestApp, b: Built, viewerId: string, access: Access): Promise<void> {
  const w = b.world;
  const isStaff = viewerId === b.admin || viewerId === b.agent;
  const { who, restrictTo } = access;
  const restricted = restrictTo !== null;
  const parts = [
    `viewer { id memberships { id } }`,
    `tickets(first: 100) { totalCount pageInfo { hasNextPage } edges { node { id company { id } requester { id } assignee { id } } } }`,
    `companies(first: 100) { totalCount pageInfo { hasNextPage } edges { node { id parent { id } children { id } viewerCan { createTicket } } } }`,
    `topCompanies: companies(first: 100, filter: { topLevel: true }) { totalCount edges { node { id } } }`,
    `accounts(first: 100) { totalCount pageInfo { hasNextPage } edges { node { id } } }`,
    `enabledAccounts: accounts(first: 100, filter: { includeDisabled: false }) { totalCount edges { node { id } } }`,
    `staffAccounts: accounts(first: 100, filter: { kind: STAFF }) { edges { node { id } } }`,
    `customerAccounts: accounts(first: 100, filter: { kind: CUSTOMER, includeDisabled: false }) { edges { node { id } } }`,
  ];
  if (b.search !== null)
    parts.push(`searched: tickets(first: 100, filter: { search: ${JSON.stringify(b.search)} }) { totalCount edges { node { id } } }`);
  w.tickets.forEach((x, i) => parts.push(`t${i}: ticket(id: "${x.id}") { id }`, `tn${i}: node(id: "${x.id}") { id }`));
  w.companies.forEach((x, i) => parts.push(`cn${i}: node(id: "${x.id}") { id }`));
  w.accounts.forEach((x, i) => parts.push(`an${i}: node(id: "${x.id}") { id ... on Account { memberships { id } } }`));
  if (restricted) {
    // refused as a whole (expectRestrictedForbidden)
  } else if (isStaff) {
    w.tickets.forEach((x, i) => parts.push(`aud${i}: ticketAudience(ticketId: "${x.id}") { account { id } ${GRANTS} }`));
    w.accounts.forEach((x, i) => parts.push(`vis${i}: accountVisibility(accountId: "${x.id}") { company { id } ${GRANTS} }`));
  } else {
    parts.push(`self: accountVisibility(accountId: "${viewerId}") { company { id } ${GRANTS} }`);
  }
  const data = await ok(t, access.token, `{ ${parts.join('\n')} }`);

  // tickets: the set, the order, the count
  const tickets = model.visibleTicketIdsWithin(w, viewerId, restrictTo);
  expect(data.tickets.pageInfo.hasNextPage).toBe(false);
  same(
    b,
    `${who}: tickets in order`,
    data.tickets.edges.map((e: any) => e.node.id),
    expectedTicketOrder(b, viewerId, restrictTo),
  );
  same(b, `${who}: tickets.totalCount`, data.tickets.totalCount, tickets.size);
  // a search narrows the same list by the same rule, never widens it
  if (b.search !== null) {
    const searched = expectedTicketOrder(b, viewerId, restrictTo, b.search);
    same(
      b,
      `${who}: tickets(search: ${JSON.stringify(b.search)})`,
      data.searched.edges.map((e: any) => e.node.id),
      searched,
    );
    same(b, `${who}: tickets(search: ${JSON.stringify(b.search)}).totalCount`, data.searched.totalCount, searched.length);
  }
  // the company and the people of a visible ticket are visible too (access-model.md)
  const ref = (id: string | null) => (id === null ? null : { id });
  for (const { node } of data.tickets.edges) {
    const x = w.tickets.find((y) => y.id === node.id)!;
    same(b, `${who}: company and people of ${x.id}`, node, {
      id: x.id,
      company: { id: x.companyId },
      requester: ref(x.requesterId),
      assignee: ref(x.assigneeId),
    });
  }
  w.tickets.forEach((x, i) => {
    const expected = tickets.has(x.id) ? { id: x.id } : null;
    same(b, `${who}: ticket(${x.id})`, data[`t${i}`], expected);
    same(b, `${who}: node(${x.id})`, data[`tn${i}`], expected);
  });

  // companies
  const companies = model.visibleCompanyIdsWithin(w, viewerId, restrictTo);
  expect(data.companies.pageInfo.hasNextPage).toBe(false);
  same(b, `${who}: companies`, sortedIds(data.companies.edges.map((e: any) => e.node.id)), sortedIds(companies));
  same(b, `${who}: companies.totalCount`, data.companies.totalCount, companies.size);
  // Company.parent and Company.children leave out companies the viewer does not see
  for (const { node } of data.companies.edges) {
    const x = w.companies.find((y) => y.id === node.id)!;
    const children = w.companies.filter((y) => y.parentId === x.id && companies.has(y.id)).map((y) => y.id);
    same(
      b,
      `${who}: parent, children and createTicket of ${x.id}`,
      {
        parent: node.parent?.id ?? null,
        children: sortedIds(node.children.map((c: { id: string }) => c.id)),
        createTicket: node.viewerCan.createTicket,
      },
      {
        parent: x.parentId !== null && companies.has(x.parentId) ? x.parentId : null,
        children: sortedIds(children),
        createTicket: model.canCreateTicketIn(w, viewerId, x.id),
      },
    );
  }
  w.companies.forEach((x, i) => same(b, `${who}: node(${x.id})`, data[`cn${i}`], companies.has(x.id) ? { id: x.id } : null));
  const topLevel = topLevelCompanies(b, companies);
  same(b, `${who}: companies(topLevel: true)`, sortedIds(data.topCompanies.edges.map((e: any) => e.node.id)), sortedIds(topLevel));
  same(b, `${who}: companies(topLevel: true).totalCount`, data.topCompanies.totalCount, topLevel.length);

  // accounts, and the memberships listed on each
  const accounts = model.visibleAccountIdsWithin(w, viewerId, restrictTo);
  const listed = (connection: any) => connection.edges.map((e: any) => e.node.id);
  const account = (id: string) => w.accounts.find((a) => a.id === id)!;
  expect(data.accounts.pageInfo.hasNextPage).toBe(false);
  same(b, `${who}: accounts in order`, listed(data.accounts), expectedAccountOrder(b, accounts));
  same(b, `${who}: accounts.totalCount`, data.accounts.totalCount, accounts.size);
  const enabled = expectedAccountOrder(
    b,
    [...accounts].filter((id) => !account(id).disabled),
  );
  same(b, `${who}: accounts(includeDisabled: false)`, listed(data.enabledAccounts), enabled);
  same(b, `${who}: accounts(includeDisabled: false).totalCount`, data.enabledAccounts.totalCount, enabled.length);
  same(
    b,
    `${who}: accounts(kind: STAFF)`,
    listed(data.staffAccounts),
    expectedAccountOrder(
      b,
      [...accounts].filter((id) => account(id).staffRole !== null),
    ),
  );
  same(
    b,
    `${who}: accounts(kind: CUSTOMER, includeDisabled: false)`,
    listed(data.customerAccounts),
    expectedAccountOrder(
      b,
      [...accounts].filter((id) => account(id).staffRole === null && !account(id).disabled),
    ),
  );
  w.accounts.forEach((x, i) => {
    const node = data[`an${i}`];
    same(b, `${who}: node(${x.id}) is visible`, node !== null, accounts.has(x.id));
    if (node) {
      same(
        b,
        `${who}: memberships of ${x.id}`,
        sortedIds(node.memberships.map((m: { id: string }) => m.id)),
        sortedIds(model.visibleMembershipIdsOfAccountWithin(w, viewerId, x.id, restrictTo)),
      );
    }
  });
  same(b, `${who}: viewer.id`, data.viewer.id, viewerId);
  same(
    b,
    `${who}: viewer.memberships`,
    sortedIds(data.viewer.memberships.map((m: { id: string }) => m.id)),
    sortedIds(model.visibleMembershipIdsOfAccountWithin(w, viewerId, viewerId, restrictTo)),
  );

  if (restricted) {
    await expectRestrictedForbidden(t, b, viewerId, access);
  } else if (isStaff) {
    w.tickets.forEach((x, i) =>
      same(b, `${who}: ticketAudience(${x.id})`, grantMap(data[`aud${i}`], 'account'), modelGrantMap(model.ticketAudience(w, x.id))),
    );
    w.accounts.forEach((x, i) =>
      same(b, `${who}: accountVisibility(${x.id})`, grantMap(data[`vis${i}`], 'company'), modelGrantMap(model.accountVisibility(w, x.id))),
    );
  } else {
    same(b, `${who}: own accountVisibility`, grantMap(data.self, 'company'), modelGrantMap(model.accountVisibility(w, viewerId)));
  }
}

/** Walks `tickets` page by page (keyset cursors) and compares with the model's order. */
async function compareTicketPages(t: TestApp, b: Built, viewerId: string, access: Access, pageSize: number): Promise<void> {
  const { who } = access;
  const expected = expectedTicketOrder(b, viewerId, access.restrictTo, b.search);
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page <= expected.length; page++) {
    const data: any = await ok(
      t,
      access.token,
      `query($first: Int!, $after: String, $search: String) { tickets(first: $first, after: $after, filter: { search: $search }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
      { first: pageSize, after, search: b.search },
    );
    const { edges, pageInfo, totalCount } = data.tickets;
    same(b, `${who}: totalCount on page ${page}`, totalCount, expected.length);
    seen.push(...edges.map((e: any) => e.node.id));
    if (!pageInfo.hasNextPage) break;
    expect(edges).toHaveLength(pageSize);
    after = pageInfo.endCursor;
  }
  same(b, `${who}: tickets paged by ${pageSize}, search ${JSON.stringify(b.search)}`, seen, expected);
}

/** Walks `accounts` page by page (keyset cursors over last name, first name, id) and compares with the model. */
async function compareAccountPages(t: TestApp, b: Built, viewerId: string, access: Access, pageSize: number): Promise<void> {
  const { who } = access;
  const expected = expectedAccountOrder(b, model.visibleAccountIdsWithin(b.world, viewerId, access.restrictTo));
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page <= expected.length; page++) {
    const data: any = await ok(
      t,
      access.token,
      `query($first: Int!, $after: String) { accounts(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
      { first: pageSize, after },
    );
    const { edges, pageInfo } = data.accounts;
    seen.push(...edges.map((e: any) => e.node.id));
    if (!pageInfo.hasNextPage) break;
    expect(edges).toHaveLength(pageSize);
    after = pageInfo.endCursor;
  }
  same(b, `${who}: accounts paged by ${pageSize}`, seen, expected);
}

/** A disabled account's session yields no viewer. */
async function expectUnauthenticated(t: TestApp, b: Built, accountId: string): Promise<void> {
  const result = await t.gql(b.tokens.get(accountId)!, `{ tickets(first: 1) { totalCount } }`);
  same(
    b,
    `${b.label.get(accountId)}: error codes`,
    (result.errors ?? []).map((e) => e.extensions?.code),
    ['UNAUTHENTICATED'],
  );
  expect(result.data ?? null).toBeNull();
}

// ---------------------------------------------------------------------------------------
// Changes through the API, mirrored in the model
// ---------------------------------------------------------------------------------------

const SETTINGS_FIELDS = `settings { ${worlds.SETTING_KEYS.join(' ')} }`;

async function applyChange(t: TestApp, b: Built, change: ChangeSpec): Promise<void> {
  const w = b.world;
  const token = b.tokens.get(b.admin)!;
  if (change.kind === 'move') {
    const company = w.companies[change.company];
    const parentId = change.parent === null ? null : w.companies[change.parent].id;
    const before = structuredClone(w.companies);
    const outcome = model.moveCompany(w, company.id, parentId);
    const data = await ok(
      t,
      token,
      `mutation($id: ID!, $parentId: ID) { moveCompany(id: $id, parentId: $parentId) { company { id parent { id } } userErrors { code } } }`,
      { id: company.id, parentId },
    );
    const what = `moveCompany(${company.id}, ${parentId})`;
    if (outcome === 'CYCLE') {
      expect(w.companies).toEqual(before);
      same(b, what, data.moveCompany, { company: null, userErrors: [{ code: 'CYCLE' }] });
    } else {
      same(b, what, data.moveCompany, { company: { id: company.id, parent: parentId === null ? null : { id: parentId } }, userErrors: [] });
    }
  } else if (change.kind === 'update') {
    const company = w.companies[change.company];
    Object.assign(company, change.settings);
    const data = await ok(
      t,
      token,
      `mutation($input: UpdateCompanyInput!) { updateCompany(input: $input) { company { id ${SETTINGS_FIELDS} } userErrors { code } } }`,
      { input: { id: company.id, settings: change.settings } },
    );
    const settings = Object.fromEntries(worlds.SETTING_KEYS.map((k) => [k, company[k]]));
    same(b, `updateCompany(${company.id}, ${JSON.stringify(change.settings)})`, data.updateCompany, {
      company: { id: company.id, settings },
      userErrors: [],
    });
  } else {
    if (w.memberships.length === 0) return;
    const membership = w.memberships[change.membership % w.memberships.length];
    if (change.role !== null) membership.role = change.role;
    if (change.capabilities !== null) membership.capabilities = [...change.capabilities];
    const data = await ok(
      t,
      token,
      `mutation($input: UpdateMembershipInput!) { updateMembership(input: $input) { membership { id role capabilities } userErrors { code } } }`,
      { input: { id: membership.id, role: change.role, capabilities: change.capabilities } },
    );
    const actual = data.updateMembership;
    same(
      b,
      `updateMembership(${membership.id})`,
      { ...actual, membership: actual.membership && { ...actual.membership, capabilities: [...actual.membership.capabilities].sort() } },
      {
        membership: { id: membership.id, role: membership.role, capabilities: [...membership.capabilities].sort() },
        userErrors: [],
      },
    );
  }
}

// ---------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------

describe('visibility matches the reference model (property)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // the worlds' one-request reads are far over the public API's limits (aliases, tokens, cost)
    t = await startTestApp({
      logger: serverLogger,
      env: { MAX_QUERY_ALIASES: '100000', MAX_QUERY_TOKENS: '1000000', MAX_QUERY_COST: '1000000000' },
    });
  });
  afterAll(() => t?.close());

  it(
    `holds for random worlds and changes (${NUM_RUNS} runs)`,
    async () => {
      await assertWorlds(t, worldArb(8), NUM_RUNS, async (spec) => {
        const b = await build(t, spec);
        const viewers = b.world.accounts.filter((a) => !a.disabled).map((a) => a.id);
        const disabled = b.world.accounts.filter((a) => a.disabled).map((a) => a.id);

        // before the changes (if any): the lists, which also warms anything a request might cache
        for (const viewerId of spec.changes.length > 0 ? viewers : []) {
          const data = await ok(t, b.tokens.get(viewerId)!, `{ tickets(first: 100) { edges { node { id } } } }`);
          same(
            b,
            `${b.label.get(viewerId)}: tickets before changes`,
            data.tickets.edges.map((e: any) => e.node.id),
            expectedTicketOrder(b, viewerId),
          );
        }

        await createTokens(t, b, spec, viewers);

        for (const change of spec.changes) await applyChange(t, b, change);

        for (const viewerId of viewers) {
          for (const through of ['session', 'token', 'restricted'] as const) {
            const access = accessOf(b, viewerId, through);
            if (!access) continue;
            await compareViewer(t, b, viewerId, access);
            await compareAccountPages(t, b, viewerId, access, spec.pageSize);
          }
        }
        for (const accountId of disabled) await expectUnauthenticated(t, b, accountId);
        // through a token: the pages of one of the token holders
        const holders = [...b.apiTokens.keys()];
        const pagedViewer =
          spec.pagedThrough === 'session' || holders.length === 0
            ? viewers[spec.pagedViewer % viewers.length]
            : holders[spec.pagedViewer % holders.length];
        const paged =
          accessOf(b, pagedViewer, spec.pagedThrough) ?? accessOf(b, pagedViewer, 'token') ?? accessOf(b, pagedViewer, 'session')!;
        await compareTicketPages(t, b, pagedViewer, paged, spec.pageSize);
      });
    },
    PROPERTY_TIMEOUT,
  );
});
