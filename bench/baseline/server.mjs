// The raw baseline of `pnpm bench`: node:http + mysql2 with the best hand-written SQL we could
// write for each benchmark question, the same visibility semantics (shared/spec/access-model.md)
// and the same JSON as the GraphQL responses. It is no GraphQL server: it routes on the
// operationName of the harness's requests and reads their variables (S7 alone parses its document:
// the refusal is decided by the document's cost). Used only by the benchmark.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import mysql from 'mysql2/promise';
import { DATABASE_URL, mysqlOptions, serverRequire, sha256hex, ticketCursor } from '../lib/common.mjs';

const argon2 = serverRequire('argon2');
const { Kind, parse } = serverRequire('graphql');
const port = Number(process.env.PORT ?? 4101);
const IDLE_MINUTES = 480;
const SESSION_HOURS = 168;
const pool = mysql.createPool({ ...mysqlOptions(process.env.DATABASE_URL ?? DATABASE_URL), connectionLimit: 10 });

const truthy = (v) => v === 1 || v === true || v === '1';
const iso = (d) => new Date(d).toISOString();
const list = (ids) => ids.map((id) => pool.escape(id)).join(', ');

/** Session, account and the grants of its live memberships: one statement. */
async function viewerOf(req) {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return null;
  const [rows] = await pool.query(
    `SELECT a.id, a.staff_role, m.company_id, m.role, m.capabilities, c.parent_id, c.root_id,
            c.members_see_company_tickets, c.subsidiary_tickets_visible, c.share_tickets_with_family
       FROM session s
       JOIN account a ON a.id = s.account_id AND a.disabled = 0
       LEFT JOIN (membership m JOIN company c ON c.id = m.company_id AND c.portal_enabled = 1) ON m.account_id = a.id
      WHERE s.token_hash = ? AND s.expires_at > NOW(3) AND s.last_seen_at > NOW(3) - INTERVAL ${IDLE_MINUTES} MINUTE`,
    [sha256hex(header.slice(7).trim())],
  );
  if (rows.length === 0) return null;
  const me = rows[0].id;
  if (rows[0].staff_role) return { id: me, staff: true };
  const g = { id: me, staff: false, live: [], solver: [], wide: [], subRoots: [], wholeTrees: [], famParents: new Set(), trees: new Set() };
  for (const r of rows) {
    if (r.company_id) g.trees.add(r.root_id);
    if (!r.company_id || (r.capabilities & 1) === 0) continue;
    g.live.push(r.company_id);
    if (r.capabilities & 2) g.solver.push(r.company_id);
    if (r.role === 'MEMBER' && !truthy(r.members_see_company_tickets)) continue;
    g.wide.push(r.company_id);
    if (truthy(r.subsidiary_tickets_visible)) (r.parent_id === null ? g.wholeTrees : g.subRoots).push(r.company_id);
    if (truthy(r.share_tickets_with_family) && r.parent_id) g.famParents.add(r.parent_id);
  }
  return g;
}

/**
 * access-model.md's ticket visibility for a customer, as one OR of indexed conditions on `t`. A
 * viewer who sees whole companies of one tree pages along that tree's ticket index, where
 * SUBSIDIARY from the tree's root is the whole tree; otherwise SUBSIDIARY reads the closure.
 */
function ticketScope(g) {
  if (g.staff) return '1 = 1';
  const me = pool.escape(g.id);
  const oneTree = g.trees.size === 1 && g.wide.length > 0;
  const wholeTrees = oneTree ? g.wholeTrees : [];
  const subRoots = oneTree ? g.subRoots : [...g.subRoots, ...g.wholeTrees];
  const parts = [];
  if (g.live.length) parts.push(`(t.requester_id = ${me} AND t.company_id IN (${list(g.live)}))`);
  if (g.solver.length) parts.push(`(t.assignee_id = ${me} AND t.company_id IN (${list(g.solver)}))`);
  const whole = [...g.wide, ...g.famParents];
  if (whole.length) parts.push(`t.company_id IN (${list(whole)})`);
  if (subRoots.length)
    parts.push(`t.company_id IN (SELECT descendant_id FROM company_closure WHERE ancestor_id IN (${list(subRoots)}) AND depth > 0)`);
  if (g.famParents.size) parts.push(`t.company_id IN (SELECT id FROM company WHERE parent_id IN (${list([...g.famParents])}))`);
  if (wholeTrees.length) parts.push(`t.root_company_id IN (${list(wholeTrees)})`);
  const granted = parts.length ? `(${parts.join(' OR ')})` : '1 = 0';
  return oneTree ? `(t.root_company_id = ${pool.escape([...g.trees][0])} AND ${granted})` : granted;
}

async function ticket(g, { id }) {
  const [rows] = await pool.query(
    `SELECT t.id, t.title, t.status, t.created_at, t.updated_at FROM ticket t WHERE t.id = ? AND ${ticketScope(g)}`,
    [id],
  );
  const t = rows[0];
  return { ticket: t ? { id: t.id, title: t.title, status: t.status, createdAt: iso(t.created_at), updatedAt: iso(t.updated_at) } : null };
}

/**
 * One page newest first by keyset, with company, requester and assignee joined: one statement.
 * STRAIGHT_JOIN keeps the ticket table first, read backwards along ix_ticket_created (or the
 * requester's index): left to itself MariaDB 10.11 may start from company and sort every visible ticket.
 */
async function tickets(g, { first = 20, after = null }) {
  let keyset = '';
  if (after) {
    const [createdAt, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    const at = pool.escape(new Date(createdAt));
    keyset = ` AND (t.created_at < ${at} OR (t.created_at = ${at} AND t.id < ${pool.escape(id)}))`;
  }
  const [rows] = await pool.query(
    `SELECT t.id, t.title, t.status, t.created_at, c.name AS company_name,
            r.first_name AS r_first, r.last_name AS r_last, a.first_name AS a_first, a.last_name AS a_last
       FROM ticket t
       STRAIGHT_JOIN company c ON c.id = t.company_id
       LEFT JOIN account r ON r.id = t.requester_id
       LEFT JOIN account a ON a.id = t.assignee_id
      WHERE ${ticketScope(g)}${keyset}
      ORDER BY t.created_at DESC, t.id DESC
      LIMIT ?`,
    [first + 1],
  );
  const edges = rows.slice(0, first).map((t) => ({
    cursor: ticketCursor(t.created_at, t.id),
    node: {
      id: t.id,
      title: t.title,
      status: t.status,
      createdAt: iso(t.created_at),
      company: { name: t.company_name },
      requester: t.r_first === null ? null : { firstName: t.r_first, lastName: t.r_last },
      assignee: t.a_first === null ? null : { firstName: t.a_first, lastName: t.a_last },
    },
  }));
  return {
    tickets: { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null } },
  };
}

/** Everyone who sees a ticket and why: the ticket with its ancestors, then the candidate memberships. */
async function ticketAudience(g, { ticketId }) {
  if (!g.staff) throw Object.assign(new Error('Only staff can list who sees a ticket'), { code: 'FORBIDDEN' });
  const [path] = await pool.query(
    `SELECT t.company_id, t.requester_id, t.assignee_id, cc.ancestor_id, cc.depth
       FROM ticket t JOIN company_closure cc ON cc.descendant_id = t.company_id WHERE t.id = ?`,
    [ticketId],
  );
  if (path.length === 0) throw Object.assign(new Error('Ticket not found'), { code: 'NOT_FOUND' });
  const { company_id: x, requester_id: requester, assignee_id: assignee } = path[0];
  const ancestors = path.filter((r) => r.depth > 0).map((r) => r.ancestor_id);
  const parent = path.find((r) => r.depth === 1)?.ancestor_id ?? null;
  const [rows] = await pool.query(
    `SELECT m.account_id, a.first_name, a.last_name, m.company_id, c.name, m.role, m.capabilities, c.parent_id,
            c.members_see_company_tickets, c.subsidiary_tickets_visible, c.share_tickets_with_family
       FROM company c
       JOIN membership m ON m.company_id = c.id AND (m.capabilities & 1) <> 0
       JOIN account a ON a.id = m.account_id AND a.disabled = 0 AND a.staff_role IS NULL
      WHERE c.portal_enabled = 1 AND (c.id IN (${list([x, ...ancestors])}) OR c.parent_id IN (${list(parent ? [x, parent] : [x])}))`,
  );
  const ancestorSet = new Set(ancestors);
  const byAccount = new Map();
  for (const r of rows) {
    const wide = r.role !== 'MEMBER' || truthy(r.members_see_company_tickets);
    const via = { id: r.company_id, name: r.name };
    const grants = [];
    if (r.company_id === x) {
      if (requester === r.account_id) grants.push({ reason: 'OWN_TICKET', via });
      if (assignee === r.account_id && r.capabilities & 2) grants.push({ reason: 'ASSIGNED_SOLVER', via });
      if (wide) grants.push({ reason: 'COMPANY_WIDE', via });
    }
    if (wide && ancestorSet.has(r.company_id) && truthy(r.subsidiary_tickets_visible)) grants.push({ reason: 'SUBSIDIARY', via });
    if (wide && truthy(r.share_tickets_with_family) && r.parent_id && (x === r.parent_id || (parent === r.parent_id && x !== r.company_id)))
      grants.push({ reason: 'FAMILY', via });
    if (grants.length === 0) continue;
    const entry = byAccount.get(r.account_id) ?? {
      account: { id: r.account_id, firstName: r.first_name, lastName: r.last_name },
      grants: [],
    };
    entry.grants.push(...grants);
    byAccount.set(r.account_id, entry);
  }
  return { ticketAudience: [...byAccount.values()] };
}

/** Sign-in: one argon2id verification on libuv's pool, a session and an audit event. */
async function signIn(_g, { email, password }, req) {
  const [rows] = await pool.query(`SELECT id, password_hash, disabled FROM account WHERE email_normalized = ?`, [
    email.trim().toLowerCase(),
  ]);
  const account = rows[0];
  const valid = account?.password_hash ? await argon2.verify(account.password_hash, password).catch(() => false) : false;
  if (!account || !valid || truthy(account.disabled)) return { signIn: { token: null } };
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const id = (prefix) => `${prefix}_${now.getTime().toString(16).padStart(12, '0')}7${randomBytes(10).toString('hex').slice(0, 19)}`;
  await pool.query(`INSERT INTO session (id, token_hash, account_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`, [
    id('ses'),
    sha256hex(token),
    account.id,
    now,
    now,
    new Date(now.getTime() + SESSION_HOURS * 3_600_000),
  ]);
  await pool.query(
    `INSERT INTO audit_event (id, occurred_at, actor_id, action, target_type, target_id, client_ip) VALUES (?, ?, ?, 'auth.sign_in', 'Account', ?, ?)`,
    [id('aud'), now, account.id, account.id, req.socket.remoteAddress ?? null],
  );
  return { signIn: { token } };
}

const operations = { Ticket: ticket, Tickets: tickets, TicketAudience: ticketAudience, SignIn: signIn };
// S7: refusing a query over the cost limit, as the server must decide it: who asks (the answer reports
// the caller's budget), then the document itself — parsed by graphql-js, the parser every Node GraphQL
// server uses, and its cost estimated by hand in the server's units (docs/api.md "Limits and costs").
const MAX_QUERY_COST = 5000;
const PLAIN_LISTS = new Set(['children', 'path', 'memberships', 'grants', 'companies']);
function costOf(selectionSet) {
  let cost = 0;
  for (const field of selectionSet?.selections ?? []) {
    if (field.kind !== Kind.FIELD || !field.selectionSet) continue; // leaves are free
    const inner = costOf(field.selectionSet);
    const first = field.arguments.find((a) => a.name.value === 'first');
    if (first)
      cost += 2 + Number(first.value.value) * inner; // a connection: page query and count, then `first` edges
    else if (field.name.value === 'edges')
      cost += inner; // counted by its connection's `first`
    else cost += (PLAIN_LISTS.has(field.name.value) ? 10 : 1) * (1 + inner);
  }
  return cost;
}
function refuseIfTooCostly(query) {
  const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const cost = costOf(operation.selectionSet);
  if (cost <= MAX_QUERY_COST) throw new Error('the harness sends Expensive over the limit');
  return {
    errors: [
      {
        message: `The query's requested cost is ${cost}; the maximum cost is ${MAX_QUERY_COST}`,
        extensions: { code: 'QUERY_TOO_COSTLY', limit: MAX_QUERY_COST, value: cost },
      },
    ],
    extensions: { cost: { requestedQueryCost: cost, actualQueryCost: 0 } },
  };
}

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, { error: 'not found' });
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const { operationName, query, variables = {} } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (operationName === 'Expensive') {
        await viewerOf(req); // who asks: the server's answer reports the caller's budget
        return send(res, 400, refuseIfTooCostly(query));
      }
      const operation = operations[operationName];
      if (!operation) return send(res, 400, { errors: [{ message: `unknown operation ${operationName}` }] });
      const viewer = operationName === 'SignIn' ? null : await viewerOf(req);
      if (operationName !== 'SignIn' && !viewer)
        return send(res, 200, { errors: [{ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } }], data: null });
      send(res, 200, { data: await operation(viewer, variables, req) });
    } catch (error) {
      send(res, 200, { errors: [{ message: error.message, extensions: { code: error.code ?? 'INTERNAL' } }], data: null });
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`baseline listening on http://127.0.0.1:${port}/graphql`));
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => pool.end().finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
