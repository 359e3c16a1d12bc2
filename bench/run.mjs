// `pnpm bench`: the Clientele server beside the raw baseline (bench/baseline) on the same seeded
// MariaDB, scenario by scenario, alternately (ABAB…), with autocannon. Writes bench/results/latest.json.
//   --rounds 3  --duration 10 (s per run)  --connections 10  --warmup 3 (s)  --only S2,S4 (or C1,C4, ...: the client's pages)
//   --scale small|medium|large: seeds first when the database holds another scale (or none)
//   --soak: also the memory check (S2 at 70 % of its peak rate for 5 minutes, RSS at 1 and 5 minutes)
//   --server-script <main.js>: another build of the server (default packages/server/dist/main.js), e.g. to compare commits
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { clientQuery } from './lib/client-documents.mjs';
import { benchDir, DATABASE_URL, FIXTURES_FILE, mysqlOptions, parseArgs, repoRoot, serverDir } from './lib/common.mjs';
import {
  AUDIENCE,
  EXPENSIVE,
  op,
  refreshBenchSessions,
  s1Request,
  s2Request,
  signInRequests,
  SYNC,
  ticketsRequest,
} from './lib/scenarios.mjs';

const args = parseArgs(process.argv.slice(2));
const ROUNDS = Math.max(1, Number(args.rounds ?? 3));
const DURATION = Number(args.duration ?? 10);
const CONNECTIONS = Number(args.connections ?? 10);
const WARMUP = Number(args.warmup ?? 3);
const ONLY = args.only ? new Set(String(args.only).split(',')) : null;
const resultsDir = path.join(benchDir, 'results');
const say = (msg) => process.stdout.write(`${process.stdout.isTTY ? '\r\x1b[K' : ''}${msg}\n`);
// the progress line: rewritten in place on a terminal; in a log, one line per run (the label) and no ticks
let lastLabel = '';
const progress = (msg) => {
  if (process.stdout.isTTY) return process.stdout.write(`\r\x1b[K${msg}`);
  const label = msg.replace(/ \d+\/\d+s/, '');
  if (label !== lastLabel) process.stdout.write(`${(lastLabel = label)}\n`);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- data: seeded at the wanted scale
let fixtures = fs.existsSync(FIXTURES_FILE) ? JSON.parse(fs.readFileSync(FIXTURES_FILE, 'utf8')) : null;
if (!fixtures || (args.scale && args.scale !== fixtures.scale)) {
  say(`seeding the ${args.scale ?? 'small'} scale first`);
  const seeded = spawnSync(process.execPath, [path.join(benchDir, 'seed.mjs'), '--scale', args.scale ?? 'small'], { stdio: 'inherit' });
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
  fixtures = JSON.parse(fs.readFileSync(FIXTURES_FILE, 'utf8'));
}
const v = fixtures.viewers;
{
  const db = await mysql.createConnection(mysqlOptions());
  await refreshBenchSessions(db, fixtures).finally(() => db.end());
}

// ---------------------------------------------------------------- scenarios
const scenarios = [
  {
    id: 'S1',
    what: 'ticket(id), 5 scalars, seen through SUBSIDIARY',
    request: s1Request(fixtures),
  },
  {
    id: 'S2',
    what: `tickets(first: 50) + company, requester, assignee; holding administrator (${fixtures.holding.visibleTickets} visible)`,
    request: s2Request(fixtures),
    pageSizes: [ticketsRequest(v.holdingAdmin, 10), ticketsRequest(v.holdingAdmin, 100)],
  },
  {
    id: 'S3',
    what: `same as S2 for a MEMBER who sees own tickets only (${fixtures.s3.ownTickets})`,
    request: ticketsRequest(v.member, 50),
    pageSizes: [ticketsRequest(v.member, 10), ticketsRequest(v.member, 100)],
  },
  {
    id: 'S4',
    what: `page ${fixtures.s4.page} of S2 by cursor`,
    request: ticketsRequest(v.holdingAdmin, 50, fixtures.s4.after),
    pageSizes: [ticketsRequest(v.holdingAdmin, 10, fixtures.s4.after), ticketsRequest(v.holdingAdmin, 100, fixtures.s4.after)],
  },
  {
    id: 'S5',
    what: `ticketAudience of a ticket ${fixtures.s5.companyLevel} levels deep (staff)`,
    request: op('TicketAudience', AUDIENCE, { ticketId: fixtures.s5.ticketId }, v.staffAdmin.token),
  },
  {
    id: 'S6',
    what: 'S2 while signIn runs at 20/s (argon2id): S2 figures',
    request: s2Request(fixtures),
    background: signInRequests(fixtures),
  },
];
if (fixtures.s8) {
  const sync = (first) => op('Sync', SYNC, { first, after: null, since: fixtures.s8.updatedSince }, v.holdingAdmin.token);
  scenarios.push({
    id: 'S8',
    what: `tickets(orderBy: UPDATED_AT_ASC, filter: { updatedSince }) pages of 100 + company, requester, assignee; holding administrator (${fixtures.s8.changedTickets} changed since)`,
    request: sync(100),
    pageSizes: [sync(10), sync(100)],
  });
} else throw new Error('the fixtures predate S8: run pnpm bench:seed');
// The web client's pages (C1–C5): its own documents (bench/lib/client-documents.mjs) with the variables its
// components send, each request of a page in turn on every connection (autocannon cycles through them).
if (!fixtures.c1 || !v.companyAdmin) throw new Error('the fixtures predate the C scenarios: run pnpm bench:seed');
const client = (name, variables, viewer) => op(name, clientQuery(name), variables, viewer.token);
const noFilter = { companyIds: null, statuses: null, search: null };
const TICKET_LIST_PAGE = 25; // TicketList.tsx
const TREE_PAGE = 50; // CompanyTree.tsx
const COMMENTS_PAGE = 50; // TicketConversation.tsx
const ticketList = (first, filter) => client('TicketListQuery', { first, filter }, v.holdingAdmin);
const ticketCard = [
  client('TicketDetailQuery', { id: fixtures.c4.ticketId }, v.companyAdmin),
  // viewerCan.assign: the page asks for the company's solvers too
  client('TicketDetailSolversQuery', { companyId: fixtures.c4.companyId }, v.companyAdmin),
];
const conversation = (first) => client('TicketConversationQuery', { id: fixtures.c4.ticketId, first }, v.companyAdmin);
const [holdingId, middleId] = fixtures.c3.openIds;
scenarios.push(
  {
    id: 'C1',
    what: `TicketListQuery (first ${TICKET_LIST_PAGE}, viewerAccess, totalCount), no filter; holding administrator`,
    requests: [ticketList(TICKET_LIST_PAGE, noFilter)],
    pageSizes: [[ticketList(10, noFilter)], [ticketList(100, noFilter)]],
  },
  {
    id: 'C1s',
    what: `C1 filtered by status (${fixtures.c1.statuses.join(', ')})`,
    requests: [ticketList(TICKET_LIST_PAGE, { ...noFilter, statuses: fixtures.c1.statuses })],
    pageSizes: [
      [ticketList(10, { ...noFilter, statuses: fixtures.c1.statuses })],
      [ticketList(100, { ...noFilter, statuses: fixtures.c1.statuses })],
    ],
  },
  {
    id: 'C1c',
    what: `C1 filtered by company (a subsidiary with ${fixtures.c1.companyTickets} tickets)`,
    requests: [ticketList(TICKET_LIST_PAGE, { ...noFilter, companyIds: [fixtures.c1.companyId] })],
    pageSizes: [
      [ticketList(10, { ...noFilter, companyIds: [fixtures.c1.companyId] })],
      [ticketList(100, { ...noFilter, companyIds: [fixtures.c1.companyId] })],
    ],
  },
  {
    id: 'C2',
    what: 'People page: PeoplePageQuery, MemberListQuery, InvitationListQuery of the holding; its administrator',
    requests: ['PeoplePageQuery', 'MemberListQuery', 'InvitationListQuery'].map((name) =>
      client(name, { companyId: fixtures.c2.companyId }, v.holdingAdmin),
    ),
  },
  {
    id: 'C3',
    what: 'company tree page at a level-2 company: its path, the roots, the two open levels, its detail; staff ADMIN',
    requests: [
      client('CompanyTreePathQuery', { id: fixtures.c3.selectedId }, v.staffAdmin),
      client('CompanyTreeQuery', { first: TREE_PAGE }, v.staffAdmin),
      client('CompanyTreeChildrenQuery', { id: holdingId }, v.staffAdmin),
      client('CompanyTreeChildrenQuery', { id: middleId }, v.staffAdmin),
      client('CompanyDetailQuery', { id: fixtures.c3.selectedId }, v.staffAdmin),
    ],
  },
  {
    id: 'C4',
    what: `ticket page, its card: TicketDetailQuery and the assignee picker's TicketDetailSolversQuery (${fixtures.c4.members} members); company ADMINISTRATOR`,
    requests: ticketCard,
  },
  {
    id: 'C5',
    what: `ticket page with its conversation: C4 and TicketConversationQuery (first ${COMMENTS_PAGE} of ${fixtures.c4.comments} comments, the public ones)`,
    requests: [...ticketCard, conversation(COMMENTS_PAGE)],
    pageSizes: [[conversation(5)], [conversation(50)]],
    pageSizeLabels: ['5 comments', '50 comments'],
  },
);
for (const s of scenarios) s.requests ??= [s.request];

const costLimited = fs.readFileSync(path.join(serverDir, 'src', 'config.ts'), 'utf8').includes('MAX_QUERY_COST');
const skipped = [];
if (costLimited) {
  scenarios.push({
    id: 'S7',
    what: 'a query over MAX_QUERY_COST (rejected with 400 QUERY_TOO_COSTLY)',
    request: op('Expensive', EXPENSIVE, {}, v.holdingAdmin.token),
    requests: [op('Expensive', EXPENSIVE, {}, v.holdingAdmin.token)],
    rejected: true,
  });
} else skipped.push({ id: 'S7', skipped: 'MAX_QUERY_COST does not exist in the server yet (API limits not landed)' });
const active = scenarios.filter((s) => !ONLY || ONLY.has(s.id));

// ---------------------------------------------------------------- the two servers
// ports far from the usual ones (others' dev servers run on 4000, 4100, ...): --port sets the first of four
const PORT = Number(args.port ?? 47310);
const targets = {
  server: {
    name: 'server',
    port: PORT,
    statsPort: PORT + 2,
    script: args['server-script'] ? path.resolve(args['server-script']) : path.join(serverDir, 'dist', 'main.js'),
    // the per-client cost budget (rate limit) is policy, not speed: set out of reach, still computed on every request
    // (so are the sign-in attempt limits: S6 signs in 20 times a second from one address)
    env: {
      DEMO_DATA: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_CAPACITY: '1000000000',
      RATE_LIMIT_RESTORE_RATE: '1000000000',
      SIGN_IN_ATTEMPTS_PER_ACCOUNT: '1000000000',
      SIGN_IN_ATTEMPTS_PER_IP: '1000000000',
    },
  },
  baseline: { name: 'baseline', port: PORT + 1, statsPort: PORT + 3, script: path.join(benchDir, 'baseline', 'server.mjs'), env: {} },
};
const children = [];
function start(t) {
  const logFile = fs.openSync(path.join(resultsDir, `${t.name}.log`), 'w');
  const extra = args['cpu-prof'] === t.name ? ['--cpu-prof', `--cpu-prof-dir=${path.join(resultsDir, 'profiles')}`] : [];
  // its own process group (setsid): stopped as a group at the end
  const child = spawn(process.execPath, [...extra, '-r', path.join(benchDir, 'lib', 'stats-probe.cjs'), t.script], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', logFile, logFile],
    env: {
      ...process.env,
      ...t.env,
      NODE_ENV: 'production',
      // production requires one (it seals two-step secrets); the benchmark's own, fixed
      SECRET_KEY: process.env.SECRET_KEY ?? 'clientele-benchmark-secret-key-not-for-use',
      PORT: String(t.port),
      HOST: '127.0.0.1',
      DATABASE_URL,
      BENCH_STATS_PORT: String(t.statsPort),
      // the mysql2 the server itself loads (another build: its own node_modules)
      BENCH_MYSQL2_FROM: t.name === 'server' ? path.dirname(path.dirname(t.script)) : serverDir,
    },
  });
  children.push(child);
  t.child = child;
  t.url = `http://127.0.0.1:${t.port}`;
}
function stopAll() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function stats(t) {
  return (await fetch(`http://127.0.0.1:${t.statsPort}/`)).json();
}
async function send(t, request) {
  const res = await fetch(t.url + request.path, { method: request.method, headers: request.headers, body: request.body });
  return res.json();
}
async function ready(t) {
  for (let i = 0; i < 300; i++) {
    if (t.child.exitCode !== null) throw new Error(`${t.name} exited: see bench/results/${t.name}.log`);
    try {
      await stats(t);
      const body = await send(t, scenarios[0].request);
      if (body.data?.ticket) return;
      if (body.errors) throw new Error(`${t.name} answers ${JSON.stringify(body.errors)}: is something else listening on ${t.port}?`);
    } catch (error) {
      if (error.message.includes('answers')) throw error;
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${t.name} did not come up: see bench/results/${t.name}.log`);
}

fs.mkdirSync(resultsDir, { recursive: true });
start(targets.server);
start(targets.baseline);
await Promise.all([ready(targets.server), ready(targets.baseline)]);
say(`scale ${fixtures.scale}: ${JSON.stringify(fixtures.counts)}; server ${targets.server.url}, baseline ${targets.baseline.url}`);

// ---------------------------------------------------------------- same answers
// the data only (the server adds extensions such as cost); for a rejection, the error code. Keys sorted
// (a client reads fields by name), sets compared as sets: ticketAudience, viewerAccess
const sortedKeys = (value) =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, value[k]]),
      )
    : value;
const canonical = (body) =>
  JSON.stringify(body.data ?? body.errors?.map((e) => e.extensions?.code), (key, value) =>
    key === 'ticketAudience' && Array.isArray(value)
      ? [...value]
          .map((e) => ({ ...e, grants: [...e.grants].sort((a, b) => (a.reason + a.via.id).localeCompare(b.reason + b.via.id)) }))
          .sort((a, b) => a.account.id.localeCompare(b.account.id))
      : key === 'viewerAccess' && Array.isArray(value)
        ? [...value].sort()
        : sortedKeys(value),
  );
const answers = {};
// the scenarios of this run only: an older build (bench/ab.mjs) need not answer the client's newer documents
for (const s of active) {
  let bytes = 0;
  for (const [i, request] of s.requests.entries()) {
    const [a, b] = await Promise.all([send(targets.server, request), send(targets.baseline, request)]);
    if (s.rejected ? a.errors?.[0]?.extensions?.code !== 'QUERY_TOO_COSTLY' : a.errors || !a.data)
      throw new Error(`${s.id}: the server answered ${JSON.stringify(a).slice(0, 400)}`);
    if (canonical(a) !== canonical(b)) {
      fs.writeFileSync(path.join(resultsDir, `mismatch-${s.id}.json`), JSON.stringify({ request: i, server: a, baseline: b }, null, 2));
      throw new Error(`${s.id}: server and baseline answer differently (bench/results/mismatch-${s.id}.json)`);
    }
    bytes += JSON.stringify(a.data ?? {}).length;
    if (i === 0 && !s.id.startsWith('C'))
      answers[s.id] =
        `${s.rejected ? 0 : s.id === 'S5' ? a.data.ticketAudience.length : s.id === 'S1' ? 1 : a.data.tickets.edges.length} item(s)`;
  }
  if (s.id.startsWith('C')) answers[s.id] = `${s.requests.length} request(s), ${(bytes / 1024).toFixed(1)} kB`;
}
{
  const signed = await send(targets.server, scenarios[5].background[0]);
  if (!signed.data?.signIn?.token) throw new Error(`signIn failed on the server: ${JSON.stringify(signed).slice(0, 300)}`);
}
say(
  `same answers from both: ${Object.entries(answers)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);

// ---------------------------------------------------------------- statements per request, each server alone
/** Statements per request, over `n` passes through `requests` (a page's requests in turn). */
async function statementsPerRequest(t, requests, n = 30) {
  const before = await stats(t);
  for (let i = 0; i < n; i++) for (const request of requests) await send(t, request);
  const after = await stats(t);
  return (after.statements - before.statements) / (n * requests.length);
}
const statements = {};
for (const s of active) {
  statements[s.id] = {};
  for (const t of Object.values(targets)) {
    const perRequest = await statementsPerRequest(t, s.requests);
    const asList = (x) => (Array.isArray(x) ? x : [x]);
    const bySize = s.pageSizes
      ? [await statementsPerRequest(t, asList(s.pageSizes[0]), 10), await statementsPerRequest(t, asList(s.pageSizes[1]), 10)]
      : null;
    statements[s.id][t.name] = { perRequest, first10: bySize?.[0] ?? null, first100: bySize?.[1] ?? null };
  }
}
say(
  `statements per request (server/baseline): ${Object.entries(statements)
    .map(([id, x]) => `${id} ${x.server.perRequest}/${x.baseline.perRequest}`)
    .join(', ')}`,
);

// ---------------------------------------------------------------- load
async function load(t, s, seconds, label) {
  const before = await stats(t);
  const main = autocannon({ url: t.url, connections: CONNECTIONS, duration: seconds, requests: s.requests });
  const bg = s.background
    ? autocannon({ url: t.url, connections: 20, duration: seconds, overallRate: 20, requests: s.background.map((r) => ({ ...r })) })
    : null;
  let ticks = 0;
  main.on('tick', () => progress(`${label} ${++ticks}/${seconds}s`));
  const [result, background] = await Promise.all([main, bg]);
  if (process.env.BENCH_DEBUG)
    console.log(
      JSON.stringify({
        requests: result.requests,
        latency: result.latency,
        errors: result.errors,
        non2xx: result.non2xx,
        n: result['2xx'],
      }),
    );
  const after = await stats(t);
  const requests = result.requests.total + (background?.requests.total ?? 0);
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuUsPerReq: requests ? Math.round((after.cpuUs - before.cpuUs) / requests) : null,
    errors: result.errors + result.timeouts + (s.rejected ? result['2xx'] : result.non2xx),
    backgroundRps: background ? background.requests.average : undefined,
    backgroundErrors: background ? background.errors + background.non2xx : undefined,
    rss: after.rss,
  };
}

say(`warm-up: ${WARMUP}s per scenario and server`);
for (const s of active) for (const t of Object.values(targets)) await load(t, s, WARMUP, `warm-up ${s.id} ${t.name}`);

const runs = {};
const t0 = Date.now();
const total = ROUNDS * active.length * 2;
let done = 0;
for (let round = 1; round <= ROUNDS; round++) {
  for (const s of active) {
    for (const t of [targets.server, targets.baseline]) {
      const eta = Math.round(((total - done) * (DURATION + 1) * 1000) / 1000);
      const r = await load(t, s, DURATION, `[round ${round}/${ROUNDS}] ${s.id} ${t.name.padEnd(8)} (${done}/${total} runs, ~${eta}s left)`);
      (runs[s.id] ??= { server: [], baseline: [] })[t.name].push(r);
      done++;
    }
  }
}
say(`load done in ${Math.round((Date.now() - t0) / 1000)}s`);

// ---------------------------------------------------------------- figures
const median = (xs) => {
  const sorted = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
};
const round2 = (x) => (x === null ? null : Math.round(x * 100) / 100);
const figures = (rs, st) => ({
  rps: round2(median(rs.map((r) => r.rps))),
  p50Ms: round2(median(rs.map((r) => r.p50Ms))),
  p99Ms: round2(median(rs.map((r) => r.p99Ms))),
  cpuUsPerReq: median(rs.map((r) => r.cpuUsPerReq)),
  statementsPerReq: round2(st.perRequest),
  statementsFirst10: st.first10 === null ? undefined : round2(st.first10),
  statementsFirst100: st.first100 === null ? undefined : round2(st.first100),
  errors: rs.reduce((n, r) => n + r.errors, 0),
  backgroundRps: rs[0].backgroundRps === undefined ? undefined : round2(median(rs.map((r) => r.backgroundRps))),
  rounds: rs.map((r) => ({ rps: round2(r.rps), p50Ms: r.p50Ms, p99Ms: r.p99Ms })),
});
const results = active.map((s) => {
  const server = figures(runs[s.id].server, statements[s.id].server);
  const baseline = figures(runs[s.id].baseline, statements[s.id].baseline);
  return {
    id: s.id,
    what: s.what,
    server,
    baseline,
    ratio: { throughput: round2(server.rps / baseline.rps), p99: round2(server.p99Ms / baseline.p99Ms) },
  };
});
const byId = Object.fromEntries(results.map((r) => [r.id, r]));

// ---------------------------------------------------------------- targets of issue 5
const checks = [];
const check = (target, value, ok, note = '') => checks.push({ target, value, ok, note });
if (byId.S2) check('S2 throughput >= 0.5 x baseline', byId.S2.ratio.throughput, byId.S2.ratio.throughput >= 0.5);
if (byId.S1) check('S1 throughput >= 0.35 x baseline', byId.S1.ratio.throughput, byId.S1.ratio.throughput >= 0.35);
if (byId.S8) check('S8 throughput >= 0.5 x baseline', byId.S8.ratio.throughput, byId.S8.ratio.throughput >= 0.5);
for (const r of results) check(`${r.id} p99 <= 2.5 x baseline p99`, r.ratio.p99, r.ratio.p99 <= 2.5);
for (const r of results.filter((x) => x.server.statementsFirst10 !== undefined)) {
  const [small, large] = scenarios.find((x) => x.id === r.id).pageSizeLabels ?? ['first 10', 'first 100'];
  check(
    `${r.id} statements: ${small} = ${large}`,
    `${r.server.statementsFirst10} / ${r.server.statementsFirst100}`,
    r.server.statementsFirst10 === r.server.statementsFirst100,
  );
}
for (const r of results.filter((x) => x.id.startsWith('C')))
  check(`${r.id} throughput >= 0.5 x baseline`, r.ratio.throughput, r.ratio.throughput >= 0.5);
if (byId.S4 && byId.S2) {
  const x = round2(byId.S4.server.p50Ms / byId.S2.server.p50Ms);
  check('S4 within 1.5 x the first page (server p50)', x, x <= 1.5);
}
if (byId.S6 && byId.S2) {
  const x = round2(byId.S6.server.p99Ms / byId.S2.server.p99Ms);
  check('S6: S2 p99 with sign-ins <= 2 x alone (server)', x, x <= 2, `sign-ins ${byId.S6.server.backgroundRps}/s`);
}
const smallFile = path.join(resultsDir, 'latest-small.json');
if (fixtures.scale !== 'small' && fs.existsSync(smallFile)) {
  const small = JSON.parse(fs.readFileSync(smallFile, 'utf8'));
  for (const id of ['S2', 'S5']) {
    const before = small.scenarios.find((x) => x.id === id);
    if (!before || !byId[id]) continue;
    const x = round2(byId[id].server.p50Ms / before.server.p50Ms);
    // the two runs may see different machines (load, caches): the same ratio with each run's server
    // p50 over its baseline's tells how much of the change is the server's own
    const normalized = round2(byId[id].server.p50Ms / byId[id].baseline.p50Ms / (before.server.p50Ms / before.baseline.p50Ms));
    check(
      `${id} at ${fixtures.scale} within 1.3 x small (server p50, separate runs)`,
      x,
      x <= 1.3,
      `small run ${small.date}; over each run's baseline p50: ${normalized}`,
    );
  }
}

// ---------------------------------------------------------------- memory soak (opt-in)
let memory;
if (args.soak && byId.S2) {
  const rate = Math.max(1, Math.round(byId.S2.server.rps * 0.7));
  const t = targets.server;
  const samples = [];
  const soak = autocannon({ url: t.url, connections: CONNECTIONS, duration: 300, overallRate: rate, requests: [scenarios[1].request] });
  let seconds = 0;
  soak.on('tick', () => progress(`memory soak: S2 at ${rate}/s, ${++seconds}/300s`));
  const sampler = setInterval(
    async () => samples.push({ s: Math.round((Date.now() - started) / 1000), rss: (await stats(t)).rss }),
    10_000,
  );
  const started = Date.now();
  const result = await soak;
  clearInterval(sampler);
  const at = (sec) => samples.reduce((best, x) => (Math.abs(x.s - sec) < Math.abs(best.s - sec) ? x : best), samples[0]).rss;
  const first = at(60);
  const last = samples[samples.length - 1].rss;
  memory = {
    rate,
    rssAfter1MinMb: round2(first / 2 ** 20),
    rssAfter5MinMb: round2(last / 2 ** 20),
    growth: round2(last / first),
    errors: result.errors,
  };
  check('RSS after 5 min of S2 at 70% of peak within 10% of RSS after 1 min', memory.growth, memory.growth <= 1.1, `${rate}/s`);
}

// ---------------------------------------------------------------- report
const cpu = os.cpus();
const machine = {
  host: os.hostname(),
  cpu: `${cpu.length} x ${cpu[0]?.model ?? 'unknown'}`,
  memoryGb: round2(os.totalmem() / 2 ** 30),
  node: process.version,
  os: `${os.type()} ${os.release()}`,
  database: await (async () => {
    const db = await mysql.createConnection(mysqlOptions());
    const [[row]] = await db.query('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool');
    await db.end();
    return `${row.v}, buffer pool ${Math.round(Number(row.pool) / 2 ** 20)} MiB`;
  })(),
};
const report = {
  date: new Date().toISOString(),
  machine,
  scale: fixtures.scale,
  counts: fixtures.counts,
  settings: { rounds: ROUNDS, durationS: DURATION, connections: CONNECTIONS, warmupS: WARMUP },
  scenarios: [...results, ...skipped],
  targets: checks,
  memory,
};
const pad = (x, n) => String(x ?? '-').padStart(n);
const lines = [
  '',
  `scale ${fixtures.scale}, ${ROUNDS} rounds x ${DURATION}s, ${CONNECTIONS} connections, ${machine.cpu}`,
  'id   |  server rps   p50   p99 cpu/req st/req | baseline rps   p50   p99 cpu/req st/req | ratio rps  p99',
  ...results.map(
    (r) =>
      `${r.id.padEnd(4)}| ${pad(r.server.rps, 11)} ${pad(r.server.p50Ms, 5)} ${pad(r.server.p99Ms, 5)} ${pad(r.server.cpuUsPerReq, 7)} ${pad(r.server.statementsPerReq, 6)} |` +
      ` ${pad(r.baseline.rps, 12)} ${pad(r.baseline.p50Ms, 5)} ${pad(r.baseline.p99Ms, 5)} ${pad(r.baseline.cpuUsPerReq, 7)} ${pad(r.baseline.statementsPerReq, 6)} |` +
      ` ${pad(r.ratio.throughput, 9)} ${pad(r.ratio.p99, 4)}`,
  ),
  ...skipped.map((s) => `${s.id.padEnd(4)}| skipped: ${s.skipped}`),
  '',
  ...checks.map((c) => `${c.ok ? 'met   ' : 'MISSED'} ${c.target}: ${c.value}${c.note ? ` (${c.note})` : ''}`),
];
say(lines.join('\n'));
const json = JSON.stringify(report, null, 2) + '\n';
fs.writeFileSync(path.join(resultsDir, 'latest.json'), json);
fs.writeFileSync(path.join(resultsDir, `latest-${fixtures.scale}.json`), json);
fs.writeFileSync(path.join(resultsDir, `${report.date.replace(/[:.]/g, '-')}-${fixtures.scale}.json`), json);
say(`written: bench/results/latest.json and a dated copy`);
stopAll();
await sleep(300);
process.exit(0);
