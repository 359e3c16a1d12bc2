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
  if (rows[0].staff_role) return { id: me, staff: true, staffRole: rows[0].staff_role };
  const g = {
    id: me,
    staff: false,
    live: [],
    solver: [],
    wide: [],
    subRoots: [],
    wholeTrees: [],
    famParents: new Set(),
    trees: new Set(),
    roles: new Map(), // company -> role, every membership in a portal-enabled company
    families: [], // company-wide memberships that share tickets with their family: [company, parent]
  };
  for (const r of rows) {
    if (r.company_id) g.trees.add(r.root_id);
    if (r.company_id) g.roles.set(r.company_id, r.role);
    if (!r.company_id || (r.capabilities & 1) === 0) continue;
    g.live.push(r.company_id);
    if (r.capabilities & 2) g.solver.push(r.company_id);
    if (r.role === 'MEMBER' && !truthy(r.members_see_company_tickets)) continue;
    g.wide.push(r.company_id);
    if (truthy(r.subsidiary_tickets_visible)) (r.parent_id === null ? g.wholeTrees : g.subRoots).push(r.company_id);
    if (truthy(r.share_tickets_with_family) && r.parent_id) {
      g.famParents.add(r.parent_id);
      g.families.push([r.company_id, r.parent_id]);
    }
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

/** The server's SYNC_SETTLE_MS default: an UPDATED_AT_ASC page lists changes at least this old. */
const SYNC_SETTLE_MS = 10_000;

/**
 * S8: an incremental sync page, oldest change first from `since`, keyset on (updated_at, id), with
 * company, requester and assignee joined: one statement along the tree's (root_company_id,
 * updated_at, id) index. The cursor is the server's: base64url(JSON ['updated', updatedAt, id]).
 */
async function sync(g, { first = 20, after = null, since = null }) {
  const conditions = [ticketScope(g), `t.updated_at <= ${pool.escape(new Date(Date.now() - SYNC_SETTLE_MS))}`];
  if (since) conditions.push(`t.updated_at >= ${pool.escape(new Date(since))}`);
  if (after) {
    const [, updatedAt, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    const at = pool.escape(new Date(updatedAt));
    conditions.push(`(t.updated_at > ${at} OR (t.updated_at = ${at} AND t.id > ${pool.escape(id)}))`);
  }
  const [rows] = await pool.query(
    `SELECT t.id, t.number, t.title, t.status, t.created_at, t.updated_at, t.company_id, c.name AS company_name,
            t.requester_id, r.first_name AS r_first, r.last_name AS r_last, t.assignee_id, a.first_name AS a_first, a.last_name AS a_last
       FROM ticket t
       STRAIGHT_JOIN company c ON c.id = t.company_id
       LEFT JOIN account r ON r.id = t.requester_id
       LEFT JOIN account a ON a.id = t.assignee_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY t.updated_at, t.id
      LIMIT ?`,
    [first + 1],
  );
  const edges = rows.slice(0, first).map((t) => ({
    node: {
      id: t.id,
      number: t.number,
      title: t.title,
      status: t.status,
      createdAt: iso(t.created_at),
      updatedAt: iso(t.updated_at),
      company: { id: t.company_id, name: t.company_name },
      requester: person(t.requester_id, t.r_first, t.r_last),
      assignee: person(t.assignee_id, t.a_first, t.a_last),
    },
  }));
  const last = rows[Math.min(rows.length, first) - 1];
  return {
    tickets: {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? cursor(['updated', iso(last.updated_at), last.id]) : null },
    },
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

// ---------------------------------------------------------------- the web client's pages (C1–C5)
// The same data the server answers to the client's own documents (bench/lib/client-documents.mjs),
// field for field; the harness compares them before any load.
const cursor = (values) => Buffer.from(JSON.stringify(values)).toString('base64url');
const person = (id, first, last) => (id === null ? null : { id, firstName: first, lastName: last });
const CAPABILITIES = ['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE', 'OVERVIEW', 'BILLING', 'INVOICES'];
const capabilitiesOf = (bits) => CAPABILITIES.filter((_, i) => (Number(bits) & (1 << i)) !== 0);
const forbidden = (message) => Object.assign(new Error(message), { code: 'FORBIDDEN' });

/** Companies the customer sees, as a condition on a company row `c` (staff: all). */
function companySeen(g, c = 'c') {
  if (g.staff) return '1 = 1';
  const parts = [];
  const ids = [...g.roles.keys(), ...g.wide, ...g.famParents];
  if (ids.length) parts.push(`${c}.id IN (${list(ids)})`);
  if (g.wholeTrees.length) parts.push(`${c}.root_id IN (${list(g.wholeTrees)})`);
  if (g.subRoots.length)
    parts.push(`${c}.id IN (SELECT descendant_id FROM company_closure WHERE ancestor_id IN (${list(g.subRoots)}) AND depth > 0)`);
  if (g.famParents.size) parts.push(`${c}.parent_id IN (${list([...g.famParents])})`);
  return parts.length ? `(${parts.join(' OR ')})` : '1 = 0';
}

/** Accounts the customer sees (access-model.md), as a condition on an account row `a`: itself, members of companies it sees, people of its tickets, authors of public comments on them. */
function accountSeen(g, a = 'a') {
  if (g.staff) return '1 = 1';
  const scope = (alias) => ticketScope(g).replace(/\bt\./g, `${alias}.`);
  return `(${a}.id = ${pool.escape(g.id)}
    OR EXISTS (SELECT 1 FROM membership sm JOIN company c ON c.id = sm.company_id WHERE sm.account_id = ${a}.id AND ${companySeen(g, 'c')})
    OR EXISTS (SELECT 1 FROM ticket tr WHERE tr.requester_id = ${a}.id AND ${scope('tr')})
    OR EXISTS (SELECT 1 FROM ticket ta WHERE ta.assignee_id = ${a}.id AND ${scope('ta')})
    OR EXISTS (SELECT 1 FROM ticket_comment cc JOIN ticket tc ON tc.id = cc.ticket_id
               WHERE cc.author_id = ${a}.id AND cc.visibility = 'PUBLIC' AND ${scope('tc')}))`;
}

/** Ancestors (strictly above) of each company, with their depth: only when a grant needs more than the ticket's tree root. */
async function ancestryOf(g, companyIds) {
  if (g.staff || (g.subRoots.length === 0 && g.famParents.size === 0) || companyIds.length === 0) return null;
  const [rows] = await pool.query(
    `SELECT descendant_id, ancestor_id, depth FROM company_closure WHERE descendant_id IN (${list([...new Set(companyIds)])}) AND depth > 0`,
  );
  const byCompany = new Map();
  for (const r of rows) {
    if (!byCompany.has(r.descendant_id)) byCompany.set(r.descendant_id, new Map());
    byCompany.get(r.descendant_id).set(r.ancestor_id, r.depth);
  }
  return byCompany;
}

/** access-model.md's grants of the customer on one ticket (`company_id`, `root_company_id`, `requester_id`, `assignee_id`): [reason, via]. */
function grantsOn(g, t, ancestry) {
  if (g.staff) return [];
  const x = t.company_id;
  const above = ancestry?.get(x) ?? new Map();
  const parentOfX = [...above].find(([, depth]) => depth === 1)?.[0] ?? null;
  const grants = [];
  if (t.requester_id === g.id && g.live.includes(x)) grants.push(['OWN_TICKET', x]);
  if (t.assignee_id === g.id && g.solver.includes(x)) grants.push(['ASSIGNED_SOLVER', x]);
  if (g.wide.includes(x)) grants.push(['COMPANY_WIDE', x]);
  for (const root of g.wholeTrees) if (t.root_company_id === root && x !== root) grants.push(['SUBSIDIARY', root]);
  for (const root of g.subRoots) if (above.has(root)) grants.push(['SUBSIDIARY', root]);
  for (const [company, parent] of g.families) if (x === parent || (parentOfX === parent && x !== company)) grants.push(['FAMILY', company]);
  return grants;
}
const reasonsOf = (grants) => [...new Set(grants.map(([reason]) => reason))];

/** Ticket.viewerCan: staff everything; ADMINISTRATOR/MODERATOR through a company-wide grant everything; a requester rename and close. */
function ticketPermissions(g, grants) {
  if (g.staff) return { rename: true, close: true, changeStatus: true, assign: true };
  const manages = grants.some(
    ([reason, via]) => reason !== 'OWN_TICKET' && reason !== 'ASSIGNED_SOLVER' && ['ADMINISTRATOR', 'MODERATOR'].includes(g.roles.get(via)),
  );
  if (manages) return { rename: true, close: true, changeStatus: true, assign: true };
  const own = grants.some(([reason]) => reason === 'OWN_TICKET');
  return { rename: own, close: own, changeStatus: false, assign: false };
}

/** C1: TicketListQuery — a page of tickets with viewerAccess, company and people, and the total. */
async function ticketList(g, { first = 20, after = null, filter = null }) {
  const conditions = [ticketScope(g)];
  if (filter?.companyIds) conditions.push(filter.companyIds.length ? `t.company_id IN (${list(filter.companyIds)})` : '1 = 0');
  if (filter?.statuses) conditions.push(filter.statuses.length ? `t.status IN (${list(filter.statuses)})` : '1 = 0');
  if (filter?.search) throw new Error('the baseline answers no search');
  let keyset = '';
  if (after) {
    const [createdAt, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    const at = pool.escape(new Date(createdAt));
    keyset = ` AND (t.created_at < ${at} OR (t.created_at = ${at} AND t.id < ${pool.escape(id)}))`;
  }
  const where = conditions.join(' AND ');
  const [[rows], [[count]]] = await Promise.all([
    pool.query(
      `SELECT t.id, t.number, t.title, t.status, t.created_at, t.company_id, t.root_company_id, t.requester_id, t.assignee_id, c.name AS company_name,
              r.first_name AS r_first, r.last_name AS r_last, a.first_name AS a_first, a.last_name AS a_last
         FROM ticket t
         STRAIGHT_JOIN company c ON c.id = t.company_id
         LEFT JOIN account r ON r.id = t.requester_id
         LEFT JOIN account a ON a.id = t.assignee_id
        WHERE ${where}${keyset}
        ORDER BY t.created_at DESC, t.id DESC
        LIMIT ?`,
      [first + 1],
    ),
    pool.query(`SELECT COUNT(*) AS n FROM ticket t WHERE ${where}`),
  ]);
  const page = rows.slice(0, first);
  const ancestry = await ancestryOf(
    g,
    page.map((t) => t.company_id),
  );
  const edges = page.map((t) => ({
    cursor: ticketCursor(t.created_at, t.id),
    node: {
      id: t.id,
      number: t.number,
      title: t.title,
      status: t.status,
      createdAt: iso(t.created_at),
      viewerAccess: reasonsOf(grantsOn(g, t, ancestry)),
      company: { id: t.company_id, name: t.company_name },
      requester: person(t.requester_id, t.r_first, t.r_last),
      assignee: person(t.assignee_id, t.a_first, t.a_last),
    },
  }));
  return {
    tickets: {
      totalCount: Number(count.n),
      pageInfo: { endCursor: edges.length ? edges[edges.length - 1].cursor : null, hasNextPage: rows.length > first },
      edges,
    },
  };
}

/** C4: TicketDetailQuery — the ticket, its company and people, in one statement. */
async function ticketDetail(g, { id }) {
  const [rows] = await pool.query(
    `SELECT t.id, t.number, t.title, t.status, t.updated_at, t.${g.staff ? 'activity_at' : 'public_activity_at'} AS last_activity_at,
            t.description, t.created_at, t.company_id, t.root_company_id, t.requester_id, t.assignee_id,
            c.name AS company_name, r.first_name AS r_first, r.last_name AS r_last, r.email AS r_email,
            a.first_name AS a_first, a.last_name AS a_last
       FROM ticket t
       JOIN company c ON c.id = t.company_id
       LEFT JOIN account r ON r.id = t.requester_id
       LEFT JOIN account a ON a.id = t.assignee_id
      WHERE t.id = ? AND ${ticketScope(g)}`,
    [id],
  );
  const t = rows[0];
  if (!t) return { ticket: null };
  const grants = grantsOn(g, t, await ancestryOf(g, [t.company_id]));
  return {
    ticket: {
      id: t.id,
      title: t.title,
      status: t.status,
      updatedAt: iso(t.updated_at),
      // staff: any activity; customers: what they may know of (conversation.md)
      lastActivityAt: iso(t.last_activity_at ?? t.updated_at ?? t.created_at),
      assignee: person(t.assignee_id, t.a_first, t.a_last),
      number: t.number,
      description: t.description,
      createdAt: iso(t.created_at),
      viewerAccess: reasonsOf(grants),
      viewerCan: ticketPermissions(g, grants),
      company: { id: t.company_id, name: t.company_name },
      requester: t.requester_id === null ? null : { ...person(t.requester_id, t.r_first, t.r_last), email: t.r_email },
    },
  };
}

/** C5: TicketConversationQuery — the ticket's comments the viewer reads, oldest first, with their authors and the total. */
async function ticketConversation(g, { id, first = 20, after = null }) {
  const [rows] = await pool.query(`SELECT t.id, t.status FROM ticket t WHERE t.id = ? AND ${ticketScope(g)}`, [id]);
  const t = rows[0];
  if (!t) return { ticket: null };
  const readable = g.staff ? '' : ` AND m.visibility = 'PUBLIC'`;
  let keyset = '';
  if (after) {
    const [createdAt, commentId] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    const at = pool.escape(new Date(createdAt));
    keyset = ` AND (m.created_at > ${at} OR (m.created_at = ${at} AND m.id > ${pool.escape(commentId)}))`;
  }
  // a comment the viewer reads makes its author visible (conversation.md): joined without a further scope
  const [[thread], [[count]], [changes]] = await Promise.all([
    pool.query(
      `SELECT m.id, m.body, m.visibility, m.created_at, m.author_id, u.first_name, u.last_name, u.staff_role
         FROM ticket_comment m JOIN account u ON u.id = m.author_id
        WHERE m.ticket_id = ?${readable}${keyset}
        ORDER BY m.created_at, m.id LIMIT ?`,
      [t.id, first + 1],
    ),
    pool.query(`SELECT COUNT(*) AS n FROM ticket_comment m WHERE m.ticket_id = ?${readable}`, [t.id]),
    // Ticket.statusChanges: public activity; the actor only when the viewer sees that account
    pool.query(
      `SELECT s.id, s.from_status, s.to_status, s.created_at, a.id AS actor_id, a.first_name, a.last_name
         FROM ticket_status_change s LEFT JOIN account a ON a.id = s.actor_id AND ${accountSeen(g, 'a')}
        WHERE s.ticket_id = ? ORDER BY s.created_at, s.id`,
      [t.id],
    ),
  ]);
  const edges = thread.slice(0, first).map((m) => ({
    cursor: cursor([iso(m.created_at), m.id]),
    node: {
      id: m.id,
      body: m.body,
      visibility: m.visibility,
      createdAt: iso(m.created_at),
      author: { ...person(m.author_id, m.first_name, m.last_name), staffRole: m.staff_role },
    },
  }));
  return {
    ticket: {
      id: t.id,
      status: t.status,
      statusChanges: changes.map((c) => ({
        id: c.id,
        fromStatus: c.from_status,
        toStatus: c.to_status,
        createdAt: iso(c.created_at),
        actor: c.actor_id ? person(c.actor_id, c.first_name, c.last_name) : null,
      })),
      comments: {
        totalCount: Number(count.n),
        pageInfo: { endCursor: edges.length ? edges[edges.length - 1].cursor : null, hasNextPage: thread.length > first },
        edges,
      },
    },
  };
}

/** A company the viewer sees, by id: `columns` of `c`. */
async function seenCompany(g, id, columns) {
  const [rows] = await pool.query(`SELECT ${columns} FROM company c WHERE c.id = ? AND ${companySeen(g)}`, [id]);
  return rows[0] ?? null;
}

/** Memberships of a company (colleagues: staff, or any role in it), oldest first, with their accounts. */
async function membersOf(g, companyId, first, withTotal) {
  if (!g.staff && !g.roles.has(companyId)) throw forbidden('Only members of this company can list its members');
  // a member of a company the viewer sees is an account it sees (access-model.md): joined without a further scope
  const [[rows], total] = await Promise.all([
    pool.query(
      `SELECT m.id, m.role, m.capabilities, a.id AS account_id, a.first_name, a.last_name, a.email, a.disabled
         FROM membership m JOIN account a ON a.id = m.account_id
        WHERE m.company_id = ? ORDER BY m.created_at, m.id LIMIT ?`,
      [companyId, first + 1],
    ),
    withTotal ? pool.query(`SELECT COUNT(*) AS n FROM membership m WHERE m.company_id = ?`, [companyId]) : null,
  ]);
  return { rows: rows.slice(0, first), total: total ? Number(total[0][0].n) : undefined };
}

/** C4: TicketDetailSolversQuery — the assignee picker's memberships of the ticket's company. */
async function ticketDetailSolvers(g, { companyId }) {
  const company = await seenCompany(g, companyId, 'c.id');
  if (!company) return { company: null };
  const { rows } = await membersOf(g, companyId, 100, false);
  return {
    company: {
      id: company.id,
      memberships: {
        edges: rows.map((m) => ({
          node: {
            id: m.id,
            capabilities: capabilitiesOf(m.capabilities),
            account: { id: m.account_id, firstName: m.first_name, lastName: m.last_name, disabled: truthy(m.disabled) },
          },
        })),
      },
    },
  };
}

/** What the viewer may do in a company (Company.viewerCan). */
function companyPermissions(g, companyId) {
  const staffAdmin = g.staff && g.staffRole === 'ADMIN';
  const role = g.staff ? null : (g.roles.get(companyId) ?? null);
  return {
    invite: staffAdmin || role === 'ADMINISTRATOR',
    listInvitations: g.staff || role === 'ADMINISTRATOR',
    listMembers: g.staff || role !== null,
    manageMembers: staffAdmin || role === 'ADMINISTRATOR',
    manageCompany: staffAdmin,
    changeMembersSeeCompanyTickets: staffAdmin || role === 'ADMINISTRATOR',
    readSignInLog: g.staff || role === 'ADMINISTRATOR',
  };
}

/** C2: PeoplePageQuery. */
async function peoplePage(g, { companyId }) {
  const c = await seenCompany(g, companyId, 'c.id, c.name');
  if (!c) return { company: null };
  const can = companyPermissions(g, c.id);
  return {
    company: {
      id: c.id,
      name: c.name,
      viewerCan: {
        invite: can.invite,
        listInvitations: can.listInvitations,
        listMembers: can.listMembers,
        manageMembers: can.manageMembers,
        readSignInLog: can.readSignInLog,
      },
    },
  };
}

/** C2: MemberListQuery — the first 100 memberships of the company, with the total. */
async function memberList(g, { companyId }) {
  const c = await seenCompany(g, companyId, 'c.id, c.name');
  if (!c) return { company: null };
  const { rows, total } = await membersOf(g, companyId, 100, true);
  return {
    company: {
      id: c.id,
      name: c.name,
      memberships: {
        totalCount: total,
        edges: rows.map((m) => ({
          node: {
            id: m.id,
            role: m.role,
            capabilities: capabilitiesOf(m.capabilities),
            account: { id: m.account_id, firstName: m.first_name, lastName: m.last_name, email: m.email, disabled: truthy(m.disabled) },
          },
        })),
      },
    },
  };
}

/** C2: InvitationListQuery — the company's 50 newest invitations (staff, or its ADMINISTRATORs), inviters as far as the viewer sees them. */
async function invitationList(g, { companyId }) {
  const c = await seenCompany(g, companyId, 'c.id');
  if (!c) return { company: null };
  if (!g.staff && g.roles.get(companyId) !== 'ADMINISTRATOR')
    throw forbidden('Only administrators of this company can list its invitations');
  const [[rows], [[count]]] = await Promise.all([
    pool.query(
      `SELECT i.id, i.email, i.first_name, i.last_name, i.role, i.status, i.expires_at, i.invited_by_id,
              a.first_name AS by_first, a.last_name AS by_last, ${accountSeen(g, 'a')} AS by_seen
         FROM invitation i LEFT JOIN account a ON a.id = i.invited_by_id
        WHERE i.company_id = ? ORDER BY i.created_at DESC, i.id DESC LIMIT 51`,
      [companyId],
    ),
    pool.query(`SELECT COUNT(*) AS n FROM invitation i WHERE i.company_id = ?`, [companyId]),
  ]);
  const now = Date.now();
  return {
    company: {
      id: c.id,
      invitations: {
        totalCount: Number(count.n),
        edges: rows.slice(0, 50).map((i) => ({
          node: {
            id: i.id,
            email: i.email,
            firstName: i.first_name,
            lastName: i.last_name,
            role: i.role,
            status: i.status === 'PENDING' && new Date(i.expires_at).getTime() <= now ? 'EXPIRED' : i.status,
            expiresAt: iso(i.expires_at),
            invitedBy: i.invited_by_id && truthy(i.by_seen) ? person(i.invited_by_id, i.by_first, i.by_last) : null,
          },
        })),
      },
    },
  };
}

/** Visible children of each company, by name: [{ id, name, parent_id }]. */
async function childrenOf(g, parentIds) {
  if (parentIds.length === 0) return new Map();
  const [rows] = await pool.query(
    `SELECT c.id, c.name, c.parent_id FROM company c WHERE c.parent_id IN (${list(parentIds)}) AND ${companySeen(g)} ORDER BY c.name, c.id`,
  );
  const byParent = new Map(parentIds.map((id) => [id, []]));
  for (const r of rows) byParent.get(r.parent_id).push(r);
  return byParent;
}

/** C3: CompanyTreeQuery — top-level companies by name (for staff, the roots), each with its children's ids. */
async function companyTree(g, { first = 50, after = null }) {
  const topLevel = g.staff
    ? 'c.parent_id IS NULL'
    : `(${companySeen(g)} AND NOT (c.parent_id IS NOT NULL AND c.parent_id IN (SELECT p.id FROM company p WHERE ${companySeen(g, 'p')})))`;
  let keyset = '';
  if (after) {
    const [name, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    keyset = ` AND (c.name > ${pool.escape(name)} OR (c.name = ${pool.escape(name)} AND c.id > ${pool.escape(id)}))`;
  }
  const [[rows], [[count]]] = await Promise.all([
    pool.query(`SELECT c.id, c.name FROM company c WHERE ${topLevel}${keyset} ORDER BY c.name, c.id LIMIT ?`, [first + 1]),
    pool.query(`SELECT COUNT(*) AS n FROM company c WHERE ${topLevel}`),
  ]);
  const page = rows.slice(0, first);
  const children = await childrenOf(
    g,
    page.map((c) => c.id),
  );
  const last = page[page.length - 1];
  return {
    companies: {
      totalCount: Number(count.n),
      pageInfo: { endCursor: last ? cursor([last.name, last.id]) : null, hasNextPage: rows.length > first },
      edges: page.map((c) => ({ node: { id: c.id, name: c.name, children: children.get(c.id).map((k) => ({ id: k.id })) } })),
    },
  };
}

/** The visible ancestors of a company, root first: [{ id, name }]. */
async function pathOf(g, id) {
  const [rows] = await pool.query(
    `SELECT c.id, c.name FROM company_closure cc JOIN company c ON c.id = cc.ancestor_id
      WHERE cc.descendant_id = ? AND cc.depth > 0 AND ${companySeen(g)} ORDER BY cc.depth DESC`,
    [id],
  );
  return rows;
}

/** C3: CompanyTreePathQuery — the selected company's ancestors (the tree opens them). */
async function companyTreePath(g, { id }) {
  const c = await seenCompany(g, id, 'c.id');
  if (!c) return { company: null };
  return { company: { id: c.id, path: (await pathOf(g, id)).map((a) => ({ id: a.id })) } };
}

/** C3: CompanyTreeChildrenQuery — an opened company's children, each with its children's ids. */
async function companyTreeChildren(g, { id }) {
  const c = await seenCompany(g, id, 'c.id');
  if (!c) return { company: null };
  const children = (await childrenOf(g, [id])).get(id);
  const grandchildren = await childrenOf(
    g,
    children.map((k) => k.id),
  );
  return {
    company: {
      id: c.id,
      children: children.map((k) => ({ id: k.id, name: k.name, children: grandchildren.get(k.id).map((x) => ({ id: x.id })) })),
    },
  };
}

/** C3: CompanyDetailQuery — the selected company, its placement, settings and what the viewer may do. */
async function companyDetail(g, { id }) {
  const c = await seenCompany(
    g,
    id,
    `c.id, c.name, c.parent_id, c.portal_enabled, c.members_see_company_tickets, c.subsidiary_tickets_visible, c.share_tickets_with_family, c.two_factor_required`,
  );
  if (!c) return { company: null };
  const [parent, path] = await Promise.all([c.parent_id ? seenCompany(g, c.parent_id, 'c.id, c.name') : null, pathOf(g, id)]);
  const can = companyPermissions(g, c.id);
  return {
    company: {
      id: c.id,
      name: c.name,
      parent: parent ? { id: parent.id, name: parent.name } : null,
      path: path.map((a) => ({ id: a.id, name: a.name })),
      settings: {
        portalEnabled: truthy(c.portal_enabled),
        membersSeeCompanyTickets: truthy(c.members_see_company_tickets),
        subsidiaryTicketsVisible: truthy(c.subsidiary_tickets_visible),
        shareTicketsWithFamily: truthy(c.share_tickets_with_family),
        twoFactorRequired: truthy(c.two_factor_required),
      },
      viewerCan: { manageCompany: can.manageCompany, changeMembersSeeCompanyTickets: can.changeMembersSeeCompanyTickets },
    },
  };
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

const operations = {
  Ticket: ticket,
  Tickets: tickets,
  Sync: sync,
  TicketAudience: ticketAudience,
  SignIn: signIn,
  TicketListQuery: ticketList,
  TicketDetailQuery: ticketDetail,
  TicketConversationQuery: ticketConversation,
  TicketDetailSolversQuery: ticketDetailSolvers,
  PeoplePageQuery: peoplePage,
  MemberListQuery: memberList,
  InvitationListQuery: invitationList,
  CompanyTreeQuery: companyTree,
  CompanyTreePathQuery: companyTreePath,
  CompanyTreeChildrenQuery: companyTreeChildren,
  CompanyDetailQuery: companyDetail,
};
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
