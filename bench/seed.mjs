// `pnpm bench:seed --scale small|medium|large`: a fresh benchmark database on MariaDB/MySQL.
// Schema from the server's own migrations; rows by bulk multi-row INSERTs (never the ORM row by row).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import {
  BENCH_PASSWORD,
  DATABASE_URL,
  dbName,
  FIXTURES_FILE,
  mysqlOptions,
  parseArgs,
  SCALES,
  serverDir,
  serverRequire,
  sha256hex,
  ticketCursor,
} from './lib/common.mjs';

const args = parseArgs(process.argv.slice(2));
const scaleName = args.scale ?? 'small';
const scale = SCALES[scaleName];
if (!scale) {
  console.error(`unknown --scale ${scaleName}: one of ${Object.keys(SCALES).join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const log = (msg) => console.log(`[seed ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

// ---------------------------------------------------------------- deterministic randomness
let seed = Number(args.seed ?? 20261126) >>> 0;
function rand() {
  // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (list) => list[int(list.length)];
const chance = (p) => rand() < p;
const hex = (n) => {
  let s = '';
  while (s.length < n) s += ((rand() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  return s.slice(0, n);
};
/** The server's id format: `<prefix>_<32 hex>`, time-ordered like its UUIDv7 ids. */
const newId = (prefix, ms) => `${prefix}_${Math.floor(ms).toString(16).padStart(12, '0')}7${hex(19)}`;

/** Cumulative weights for O(log n) weighted picks. */
function weightedPicker(weights) {
  const cum = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cum[i] = sum += w));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const NOW = Date.now();
const YEAR = 365 * 24 * 3600 * 1000;
const FIRST = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Eva',
  'Filip',
  'Greta',
  'Hugo',
  'Ines',
  'Jakub',
  'Klara',
  'Lukas',
  'Mira',
  'Noah',
  'Olga',
  'Petr',
];
const LAST = [
  'Novak',
  'Svoboda',
  'Dvorak',
  'Huber',
  'Wagner',
  'Muller',
  'Schmidt',
  'Kovac',
  'Horvath',
  'Varga',
  'Smith',
  'Jones',
  'Brown',
  'Meyer',
];
const WORDS = ['Printer', 'VPN', 'Laptop', 'Mailbox', 'Backup', 'Firewall', 'Scanner', 'Server', 'License', 'Phone', 'Wi-Fi', 'Account'];
const ISSUES = ['does not start', 'is slow', 'needs replacing', 'shows an error', 'access request', 'stopped syncing', 'setup', 'renewal'];
const LANGS = ['en', 'en', 'en', 'de', 'sk', 'cs', 'fr'];
const BITS = { TICKETS: 1, SOLVER: 2, KNOWLEDGE_BASE: 4, OVERVIEW: 8, BILLING: 16, INVOICES: 32 };
const DEFAULT_CAPS = { ADMINISTRATOR: 63, MODERATOR: 1 | 2 | 4 | 8, MEMBER: 1 | 4 };

// ---------------------------------------------------------------- companies: a skewed forest, up to 8 levels
const MAX_DEPTH = 8;
const companies = []; // { id, name, parent, level, tree, portal, mSCT, sub, fam, createdAt }
const roots = Math.max(10, Math.round(scale.companies / 12));
const treeWeights = Array.from({ length: roots }, (_, i) => 1 / Math.pow(i + 1, 1.1));
const treeSizes = new Array(roots).fill(1);
{
  const pickTree = weightedPicker(treeWeights);
  for (let i = roots; i < scale.companies; i++) treeSizes[pickTree()]++;
}
const trees = [];
for (let t = 0; t < roots; t++) {
  const created = NOW - 4 * YEAR + int(YEAR);
  const make = (parent, level) => {
    const c = {
      id: newId('cmp', created + companies.length),
      name: parent ? `${parent.name.split(' ')[0]} ${pick(WORDS)} ${companies.length}` : `Holding${t} Group`,
      parent,
      level,
      tree: t,
      portal: chance(0.97),
      mSCT: chance(0.25),
      sub: parent ? chance(0.2) : chance(0.6),
      fam: parent ? chance(0.15) : false,
      createdAt: created + companies.length,
    };
    companies.push(c);
    return c;
  };
  const root = make(null, 0);
  const nodes = [root];
  // every big-enough tree gets one chain down to the deepest level
  if (treeSizes[t] > MAX_DEPTH) for (let l = 1; l <= MAX_DEPTH; l++) nodes.push(make(nodes[nodes.length - 1], l));
  while (nodes.length < treeSizes[t]) {
    let parent = pick(nodes);
    while (parent.level >= MAX_DEPTH) parent = parent.parent;
    if (t === 0 && parent === nodes[MAX_DEPTH - 1]) continue; // the benchmark's deep chain: no random siblings at its end (S5)
    nodes.push(make(parent, parent.level + 1));
  }
  trees.push(nodes);
}
// the benchmark's holding: the biggest tree, its administrators see every subsidiary
const holding = trees[0][0];
Object.assign(holding, { portal: true, sub: true, mSCT: false });
const chain = [holding];
for (let l = 1; l <= MAX_DEPTH; l++) chain.push(trees[0][l]);
// the chain's settings are fixed too (S5's answer depends on them): subsidiaries visible from levels
// 0, 2 and 4; S1: an administrator of the chain's level-2 company sees level 5 through SUBSIDIARY only
chain.forEach((c, level) => Object.assign(c, { portal: true, sub: level % 2 === 0 && level <= 4, mSCT: level === 6, fam: false }));
log(`${companies.length} companies in ${roots} trees (biggest ${trees[0].length}, deepest level ${MAX_DEPTH})`);

const closure = [];
for (const c of companies) for (let a = c, d = 0; a; a = a.parent, d++) closure.push([a.id, c.id, d]);

// ---------------------------------------------------------------- accounts and memberships
const argon2 = serverRequire('argon2');
const passwordHash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
const accounts = []; // [id, email, email_normalized, first, last, language, staff_role, disabled, hash, created_at]
const account = (local, staffRole, disabled = false) => {
  const created = NOW - 3 * YEAR + int(3 * YEAR);
  const id = newId('acc', created);
  const email = `${local}@${staffRole ? 'provider' : 'customer'}.bench`;
  accounts.push([
    id,
    email,
    email.toLowerCase(),
    pick(FIRST),
    pick(LAST),
    pick(LANGS),
    staffRole,
    disabled,
    passwordHash,
    new Date(created),
  ]);
  return id;
};
const staffAdmin = account('staff.admin', 'ADMIN');
const agents = Array.from({ length: Math.max(30, Math.round(scale.companies / 100)) }, (_, i) => account(`agent${i}`, 'AGENT'));

const memberships = []; // [id, account_id, company_id, role, capabilities, created_at]
const membersOf = new Map(); // company id -> [account id]
const solversOf = new Map(); // company id -> [account id]
const taken = new Set();
function join(accountId, company, role, caps = DEFAULT_CAPS[role]) {
  const key = `${accountId}|${company.id}`;
  if (taken.has(key)) return false;
  taken.add(key);
  memberships.push([
    newId('mbr', company.createdAt + int(YEAR)),
    accountId,
    company.id,
    role,
    caps,
    new Date(company.createdAt + int(YEAR)),
  ]);
  if (caps & BITS.TICKETS) {
    if (!membersOf.has(company.id)) membersOf.set(company.id, []);
    membersOf.get(company.id).push(accountId);
    if (caps & BITS.SOLVER) {
      if (!solversOf.has(company.id)) solversOf.set(company.id, []);
      solversOf.get(company.id).push(accountId);
    }
  }
  return true;
}
// company weights: skewed (a few companies hold most people and tickets); the deep chain's companies
// get their people and tickets below, the same at every scale
const inChain = new Set(chain.map((c) => c.id));
const companyWeights = companies.map((c) => (inChain.has(c.id) ? 0 : 1 / Math.pow(1 + int(companies.length), 0.9)));
const pickCompany = weightedPicker(companyWeights);
const customerCount = scale.accounts - accounts.length;
for (let i = 0; i < customerCount; i++) {
  const id = account(`user${i}`, null, chance(0.02));
  // the first account of every company is its administrator; then skewed
  const first = i < companies.length ? companies[i] : companies[pickCompany()];
  const roll = rand();
  const role = i < companies.length ? 'ADMINISTRATOR' : roll < 0.08 ? 'ADMINISTRATOR' : roll < 0.25 ? 'MODERATOR' : 'MEMBER';
  let caps = DEFAULT_CAPS[role];
  if (chance(0.05)) caps &= ~BITS.TICKETS;
  if (role === 'MEMBER' && chance(0.1)) caps |= BITS.SOLVER;
  if (role === 'MODERATOR' && chance(0.05)) caps &= ~BITS.SOLVER;
  join(id, first, role, caps);
  const extra = chance(0.7) ? 0 : chance(0.66) ? 1 : 2;
  for (let k = 0; k < extra; k++) {
    let other = chance(0.5) ? pick(trees[first.tree]) : companies[pickCompany()];
    while (inChain.has(other.id)) other = pick(trees[first.tree]);
    join(id, other, pick(['ADMINISTRATOR', 'MODERATOR', 'MEMBER', 'MEMBER']));
  }
}
// S5 asks who sees a ticket 8 levels deep. Its answer is made of the deep chain's people (and of the
// siblings of its last company, which has none), fixed here at every scale: what a larger scale adds
// is hierarchy around the question (companies, accounts, tickets), not a longer answer.
{
  const customers = accounts.filter((a) => !a[6] && !a[7]).map((a) => a[0]);
  const CHAIN_ROLES = ['ADMINISTRATOR', 'MODERATOR', 'MEMBER', 'MEMBER'];
  chain.forEach((company, level) => {
    for (let joined = 0; joined < (level === 0 ? 24 : 4);) if (join(pick(customers), company, CHAIN_ROLES[joined % 4])) joined++;
  });
}
// the benchmark viewers
const vHolding = account('bench.holding.admin', null);
join(vHolding, holding, 'ADMINISTRATOR');
const vSubsidiary = account('bench.subsidiary.admin', null);
join(vSubsidiary, chain[2], 'ADMINISTRATOR');
const ticketCounts = new Map();
log(`${accounts.length} accounts, ${memberships.length} memberships`);

// ---------------------------------------------------------------- tickets: skewed over companies and time
const STATUSES_NEW = ['NEW', 'OPEN', 'OPEN', 'WAITING', 'RESOLVED'];
const STATUSES_OLD = ['CLOSED', 'CLOSED', 'CLOSED', 'RESOLVED', 'OPEN'];
const allCustomers = accounts.filter((a) => !a[6]).map((a) => a[0]);
function makeTicket(company, createdAt = NOW - 3 * YEAR * Math.pow(rand(), 1.8)) {
  const members = membersOf.get(company.id);
  const requester = members ? pick(members) : pick(allCustomers);
  const solvers = solversOf.get(company.id);
  const roll = rand();
  const assignee = roll < 0.5 ? pick(agents) : roll < 0.65 && solvers ? pick(solvers) : null;
  const ms = Math.floor(createdAt);
  ticketCounts.set(company.id, (ticketCounts.get(company.id) ?? 0) + 1);
  return {
    createdAt: ms,
    row: [
      null, // id, assigned in time order below
      company.id,
      trees[company.tree][0].id, // root_company_id
      requester,
      assignee,
      `${pick(WORDS)} ${pick(ISSUES)}`,
      chance(0.6) ? `Reported by phone. ${pick(WORDS)} ${pick(ISSUES)} since ${pick(['Monday', 'yesterday', 'the update'])}.` : null,
      NOW - ms > YEAR / 4 ? pick(STATUSES_OLD) : pick(STATUSES_NEW),
      new Date(ms),
      new Date(Math.min(NOW, ms + int(10 * 24 * 3600 * 1000))),
    ],
  };
}
const tickets = [];
for (let i = 0; i < scale.tickets; i++) tickets.push(makeTicket(companies[pickCompany()]));
// every level of the deep chain has tickets (S1 reads level 5, S5 asks about level 8)
for (const c of chain) for (let k = 0; k < 5; k++) tickets.push(makeTicket(c));
// S3: a MEMBER of a busy company whose members see only their own tickets, with plenty of them
const memberCompany = companies
  .filter((c) => c.portal && !c.mSCT && c !== holding)
  .sort((a, b) => (ticketCounts.get(b.id) ?? 0) - (ticketCounts.get(a.id) ?? 0))[0];
const vMember = account('bench.member', null);
join(vMember, memberCompany, 'MEMBER');
const own = tickets.filter((t) => t.row[1] === memberCompany.id);
for (let k = 0; k < Math.min(300, own.length); k++) own[k * Math.floor(own.length / Math.min(300, own.length))].row[3] = vMember;
tickets.sort((a, b) => a.createdAt - b.createdAt);
for (const t of tickets) t.row[0] = newId('tkt', t.createdAt);
log(`${tickets.length} tickets`);

// ---------------------------------------------------------------- scenario fixtures
const inHolding = new Set(trees[0].map((c) => c.id));
const holdingTickets = tickets
  .filter((t) => inHolding.has(t.row[1]))
  .sort((a, b) => b.createdAt - a.createdAt || (a.row[0] < b.row[0] ? 1 : -1));
const PAGE = 50;
const deepPage = Math.max(2, Math.min(2000, Math.floor(holdingTickets.length / PAGE)));
const beforeDeep = holdingTickets[(deepPage - 1) * PAGE - 1];
const newestOf = (companyId) => tickets.filter((t) => t.row[1] === companyId).sort((a, b) => b.createdAt - a.createdAt)[0].row[0];
const sessions = [];
const viewer = (name, accountId) => {
  const token = `bench-${name}-${randomBytes(16).toString('hex')}`;
  sessions.push([newId('ses', NOW), sha256hex(token), accountId, new Date(NOW), new Date(NOW), new Date(NOW + 10 * YEAR)]);
  return { accountId, token };
};
const signInEmails = accounts
  .filter((a) => !a[6] && !a[7])
  .slice(0, 20)
  .map((a) => a[1]);
const fixtures = {
  scale: scaleName,
  counts: { companies: companies.length, accounts: accounts.length, memberships: memberships.length, tickets: tickets.length },
  seededAt: new Date(NOW).toISOString(),
  password: BENCH_PASSWORD,
  viewers: {
    staffAdmin: viewer('staff', staffAdmin),
    holdingAdmin: viewer('holding', vHolding),
    subsidiaryAdmin: viewer('subsidiary', vSubsidiary),
    member: viewer('member', vMember),
  },
  holding: { companyId: holding.id, companies: trees[0].length, visibleTickets: holdingTickets.length },
  s1: { ticketId: newestOf(chain[5].id), viaCompanyId: chain[2].id, ticketCompanyLevel: 5 },
  s3: { companyId: memberCompany.id, ownTickets: tickets.filter((t) => t.row[3] === vMember).length },
  s4: { page: deepPage, after: ticketCursor(beforeDeep.createdAt, beforeDeep.row[0]) },
  s5: { ticketId: newestOf(chain[MAX_DEPTH].id), companyLevel: MAX_DEPTH },
  s6: { emails: signInEmails },
  // S8: an incremental sync of the holding from the median change on (updated_at, then id, ascending)
  s8: (() => {
    const changes = holdingTickets.map((t) => t.row[9].getTime()).sort((a, b) => a - b);
    const since = changes[Math.floor(changes.length / 2)];
    return { updatedSince: new Date(since).toISOString(), changedTickets: changes.filter((at) => at >= since).length };
  })(),
};

// ---------------------------------------------------------------- the client's pages (C1–C5) and comment fan-out (D)
// Made after everything above, from the same stream: the data of S1–S7 is what it was before these were added.
const inHoldingTree = trees[0].slice(1); // the holding's companies below its root
const ticketsOf = new Map();
for (const t of tickets) {
  if (!ticketsOf.has(t.row[1])) ticketsOf.set(t.row[1], []);
  ticketsOf.get(t.row[1]).push(t);
}
const membershipsOf = new Map();
for (const m of memberships) membershipsOf.set(m[2], (membershipsOf.get(m[2]) ?? 0) + 1);
// C1 with a company filter: the holding's busiest subsidiary
const c1Company = inHoldingTree.reduce((best, c) =>
  (ticketsOf.get(c.id)?.length ?? 0) > (ticketsOf.get(best.id)?.length ?? 0) ? c : best,
);
// C4/C5: the newest ticket of the holding's subsidiary with the most people (its solvers fill the assignee picker)
const c4Company = inHoldingTree
  .filter((c) => ticketsOf.get(c.id)?.length && (membershipsOf.get(c.id) ?? 0) <= 100)
  .reduce((best, c) => ((membershipsOf.get(c.id) ?? 0) > (membershipsOf.get(best.id) ?? 0) ? c : best));
const c4Ticket = ticketsOf.get(c4Company.id).reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
const C4_COMMENTS = 60;
// its viewer: an ADMINISTRATOR of that company (sees the ticket COMPANY_WIDE, may assign, lists the solvers)
const vCompany = account('bench.company.admin', null);
join(vCompany, c4Company, 'ADMINISTRATOR');
fixtures.viewers.companyAdmin = viewer('company', vCompany);

// comments: a quarter of the tickets have a short thread (requester, assignee, agents; some internal notes)
const comments = []; // [id, ticket_id, author_id, body, visibility, created_at]
const SENTENCES = [
  'Could you check this today?',
  'I restarted it, no change.',
  'We are looking into it.',
  'The error appears after the update.',
  'It works again on my machine, not on the others.',
  'Please send a screenshot of the message.',
  'Attached is the log from this morning.',
  'Thanks, that solved it.',
];
const INTERNAL_NOTES = ['Known issue, see the vendor ticket.', 'Customer on the old contract.', 'Escalate if it happens again.'];
function thread(t, count) {
  const requester = t.row[3];
  const assignee = t.row[4];
  const span = Math.max(60_000, Math.min(NOW, t.createdAt + 30 * 24 * 3600 * 1000) - t.createdAt);
  let at = t.createdAt;
  for (let k = 0; k < count; k++) {
    at += Math.max(1, Math.floor((span / (count + 1)) * (0.5 + rand())));
    const internal = chance(0.12);
    const author = internal ? (assignee && chance(0.5) ? assignee : pick(agents)) : k % 2 === 0 ? requester : (assignee ?? pick(agents));
    const body = internal
      ? pick(INTERNAL_NOTES)
      : `${pick(SENTENCES)} ${pick(SENTENCES)}${chance(0.3) ? `\n\n${pick(WORDS)} ${pick(ISSUES)}.` : ''}`;
    comments.push([newId('cmt', Math.min(at, NOW)), t.row[0], author, body, internal ? 'INTERNAL' : 'PUBLIC', new Date(Math.min(at, NOW))]);
  }
}
for (const t of tickets) if (t !== c4Ticket && t.row[3] && chance(0.25)) thread(t, 1 + int(6));
{
  // C5: 60 comments, 7 of them internal notes: a customer reads 53 (the page shows 50)
  const before = comments.length;
  thread(c4Ticket, C4_COMMENTS);
  const own = comments.slice(before);
  own.forEach((c, k) => {
    c[4] = k % 8 === 5 ? 'INTERNAL' : 'PUBLIC';
    if (c[4] === 'INTERNAL') c[2] = pick(agents);
  });
}
// the tickets' activity times (conversation.md): the latest change, and the latest a customer may know of
{
  const latest = new Map();
  for (const c of comments) {
    const x = latest.get(c[1]) ?? { any: 0, pub: 0 };
    x.any = Math.max(x.any, c[5].getTime());
    if (c[4] === 'PUBLIC') x.pub = Math.max(x.pub, c[5].getTime());
    latest.set(c[1], x);
  }
  for (const t of tickets) {
    const updated = t.row[9].getTime();
    const x = latest.get(t.row[0]);
    t.activity = [new Date(Math.max(updated, x?.any ?? 0)), new Date(Math.max(updated, x?.pub ?? 0))];
  }
}
// notification levels: most customers keep the default (null: ALL), a few chose; staff keep theirs (PARTICIPATING)
for (const a of accounts) a.push(a[6] ? null : chance(0.85) ? null : pick(['ALL', 'PARTICIPATING', 'NONE']));

// invitations: 40 of the holding in every state (the People page lists them), a few elsewhere
const invitations = []; // [id, company_id, email, email_normalized, first, last, language, role, status, pending_key, token_hash, expires_at, invited_by_id, accepted_at, created_at]
const holdingAdmins = memberships.filter((m) => m[2] === holding.id && m[3] === 'ADMINISTRATOR').map((m) => m[1]);
function invite(company, n, inviters, states) {
  for (let k = 0; k < n; k++) {
    const state = states[k % states.length];
    const created = NOW - (state === 'PENDING' ? int(6 * 24 * 3600 * 1000) : 8 * 24 * 3600 * 1000 + int(YEAR));
    const email = `invitee.${invitations.length}@customer.bench`;
    const pending = state === 'PENDING' || state === 'LAPSED';
    invitations.push([
      newId('inv', created),
      company.id,
      email,
      email,
      pick(FIRST),
      pick(LAST),
      pick(LANGS),
      pick(['ADMINISTRATOR', 'MODERATOR', 'MEMBER', 'MEMBER']),
      pending ? 'PENDING' : state,
      pending ? `${company.id}:${email}` : null,
      pending ? hex(64) : null,
      new Date(state === 'LAPSED' ? NOW - 24 * 3600 * 1000 : created + 7 * 24 * 3600 * 1000),
      pick(inviters),
      state === 'ACCEPTED' ? new Date(created + int(3 * 24 * 3600 * 1000)) : null,
      new Date(created),
    ]);
  }
}
// LAPSED: still PENDING in the row, past its expiry (reported EXPIRED); a few invited by staff
invite(
  holding,
  40,
  [...holdingAdmins, ...holdingAdmins, staffAdmin],
  ['PENDING', 'ACCEPTED', 'PENDING', 'REVOKED', 'LAPSED', 'EXPIRED', 'PENDING', 'ACCEPTED'],
);
for (const c of companies)
  if (c !== holding && chance(0.3)) invite(c, 1 + int(3), [...(membersOf.get(c.id) ?? [staffAdmin])], ['PENDING', 'ACCEPTED', 'EXPIRED']);

// D: two more customers of their own, one follower (its administrator) and fifty (company-wide
// members at the default level ALL); 20 tickets each, raised by the administrator, unassigned
const fanout = {};
for (const [key, followers] of [
  ['one', 1],
  ['fifty', 50],
]) {
  const created = NOW - YEAR;
  const company = {
    id: newId('cmp', created + companies.length),
    name: `Fanout ${followers} Ltd`,
    parent: null,
    level: 0,
    tree: trees.length,
    portal: true,
    mSCT: false,
    sub: false,
    fam: false,
    createdAt: created,
  };
  companies.push(company);
  trees.push([company]);
  closure.push([company.id, company.id, 0]);
  const people = [];
  for (let k = 0; k < followers; k++) {
    const id = account(`fanout.${followers}.${k}`, null);
    accounts[accounts.length - 1].push(null); // notification level: the default, ALL
    join(id, company, k % 3 === 2 ? 'MODERATOR' : 'ADMINISTRATOR');
    people.push(id);
  }
  const own = [];
  for (let k = 0; k < 20; k++) {
    const t = makeTicket(company, NOW - (k + 1) * 3600 * 1000);
    t.row[3] = people[0];
    t.row[4] = null;
    t.row[7] = 'OPEN';
    t.row[0] = newId('tkt', t.createdAt);
    t.activity = [t.row[9], t.row[9]];
    tickets.push(t);
    own.push(t.row[0]);
  }
  fanout[key] = { companyId: company.id, followers, ticketIds: own };
}
Object.assign(fixtures, {
  counts: {
    ...fixtures.counts,
    companies: companies.length,
    accounts: accounts.length,
    memberships: memberships.length,
    tickets: tickets.length,
    comments: comments.length,
    invitations: invitations.length,
  },
  c1: { companyId: c1Company.id, companyTickets: ticketsOf.get(c1Company.id).length, statuses: ['OPEN', 'WAITING'] },
  c2: { companyId: holding.id },
  c3: { selectedId: chain[2].id, openIds: [holding.id, chain[1].id] },
  c4: { ticketId: c4Ticket.row[0], companyId: c4Company.id, comments: C4_COMMENTS, members: (membershipsOf.get(c4Company.id) ?? 0) + 1 },
  fanout,
});

// ---------------------------------------------------------------- database: fresh, migrated by the server, bulk-loaded
const name = dbName();
if (!/^clientele\w*$/.test(name)) throw new Error(`refusing to recreate database ${name}: its name must start with clientele`);
const admin = await mysql.createConnection(mysqlOptions(DATABASE_URL, false));
await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
await admin.end();

const dist = path.join(serverDir, 'dist', 'db', 'data-source.js');
if (!fs.existsSync(dist)) throw new Error(`${dist} is missing: build the server first (pnpm --filter @clientele/server run build)`);
serverRequire('reflect-metadata');
const { openDatabase } = serverRequire(dist);
// the server's own reading of DATABASE_URL (hosts, user, password, database: src/config.ts)
const { parseMysqlUrl } = serverRequire(path.join(serverDir, 'dist', 'config.js'));
const database = await openDatabase({ kind: 'mysql', ...parseMysqlUrl(DATABASE_URL) });
await database.close();
log(`schema created by the server's migrations in ${name}`);

// company names unique among siblings (issue 17): the server's own keys (src/shared/company-name.ts)
const { companyNameKey, companyParentKey } = serverRequire(path.join(serverDir, 'dist', 'shared', 'company-name.js'));
// ticket numbers (issue 17): 1, 2, 3, … in creation order (created_at, id), as the migration numbers existing tickets
const numbered = [...tickets].sort((a, b) => a.createdAt - b.createdAt || (a.row[0] < b.row[0] ? -1 : 1));
numbered.forEach((t, i) => (t.number = i + 1));

const pool = mysql.createPool({ ...mysqlOptions(), connectionLimit: 3 });
pool.on('connection', (c) => c.query('SET foreign_key_checks = 0, unique_checks = 0'));
async function bulk(table, columns, rows, batch = 1000) {
  const t0 = Date.now();
  const jobs = [];
  for (let i = 0; i < rows.length; i += batch) jobs.push(rows.slice(i, i + batch));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [job]);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  log(`${table}: ${rows.length} rows in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
const companyRow = (c) => [
  c.id,
  c.name,
  c.parent?.id ?? null,
  trees[c.tree][0].id,
  c.portal,
  c.mSCT,
  c.sub,
  c.fam,
  new Date(c.createdAt),
  new Date(c.createdAt),
  companyParentKey(c.parent?.id ?? null),
  companyNameKey(c.name),
];
// parents before children (the FK is off, but keep the load order natural)
await bulk(
  'company',
  [
    'id',
    'name',
    'parent_id',
    'root_id',
    'portal_enabled',
    'members_see_company_tickets',
    'subsidiary_tickets_visible',
    'share_tickets_with_family',
    'created_at',
    'updated_at',
    'parent_key',
    'name_key',
  ],
  companies.map(companyRow),
);
await bulk('company_closure', ['ancestor_id', 'descendant_id', 'depth'], closure);
await bulk(
  'account',
  [
    'id',
    'email',
    'email_normalized',
    'first_name',
    'last_name',
    'language',
    'staff_role',
    'disabled',
    'password_hash',
    'created_at',
    'notification_level',
  ],
  accounts,
);
await bulk('membership', ['id', 'account_id', 'company_id', 'role', 'capabilities', 'created_at'], memberships);
await bulk(
  'ticket',
  [
    'id',
    'company_id',
    'root_company_id',
    'requester_id',
    'assignee_id',
    'title',
    'description',
    'status',
    'created_at',
    'updated_at',
    'activity_at',
    'public_activity_at',
    'number',
  ],
  tickets.map((t) => [...t.row, ...t.activity, t.number]),
);
// the sequence goes on after the seeded numbers (server: src/modules/ticket/ticket-number.ts)
await pool.query('INSERT INTO ticket_number_sequence (number) VALUES (?)', [tickets.length]);
await bulk('ticket_comment', ['id', 'ticket_id', 'author_id', 'body', 'visibility', 'created_at'], comments);
await bulk(
  'invitation',
  [
    'id',
    'company_id',
    'email',
    'email_normalized',
    'first_name',
    'last_name',
    'language',
    'role',
    'status',
    'pending_key',
    'token_hash',
    'expires_at',
    'invited_by_id',
    'accepted_at',
    'created_at',
  ],
  invitations,
);
await bulk('session', ['id', 'token_hash', 'account_id', 'created_at', 'last_seen_at', 'expires_at'], sessions);
for (const table of ['company', 'company_closure', 'account', 'membership', 'ticket', 'ticket_comment', 'invitation', 'session'])
  await pool.query(`ANALYZE TABLE ${table}`);
await pool.end();

fixtures.seedSeconds = Math.round((Date.now() - started) / 100) / 10;
fs.mkdirSync(path.dirname(FIXTURES_FILE), { recursive: true });
fs.writeFileSync(FIXTURES_FILE, JSON.stringify(fixtures, null, 2) + '\n');
log(`done: ${scaleName} scale in ${name}; fixtures in ${path.relative(process.cwd(), FIXTURES_FILE)}`);
