// `pnpm bench:cluster` (issue 14): the server on a 3-node Galera cluster (scripts/cluster.mjs, in a folder and
// on ports of its own) beside itself on one node and on a standalone MariaDB, in the same run:
//   front       HAProxy with two server processes, each on its own node (what a deployment runs)
//   one-node    server 1 of the same cluster alone, on its node
//   standalone  one server process with the same settings on a fresh database of the MariaDB on 127.0.0.1:3306
// S1 and S2 — the harness's own requests (bench/lib/scenarios.mjs) — in alternating rounds with autocannon
// (every round runs each scenario against every target in turn, so the machine's noise hits all alike), then
// a write load through both servers: the client's rename and reply on a shared set of tickets at a fixed rate,
// with sign-ins at 20/s through the front as in S6, while Galera's own counters of aborted transactions
// (certification failures, brute-force aborts) and InnoDB's deadlocks are read on every node before and
// after: each one is a transaction the server ran again or, after its last attempt, answered CONFLICT.
// Galera's conflict log (wsrep_log_conflicts, on for the write load only) tells whose write set won each
// brute-force abort: a request's on a hot ticket, or an outbox claim of the other process.
// Both data sets come from bench/seed.mjs (the cluster's loaded through CLUSTER_LOAD before its servers
// start); seed times are reported. Everything is torn down at the end, also on failure or Ctrl-C.
//   --scale small  --rounds 3  --duration 8 (s per run)  --warmup 3  --connections 10
//   --write-seconds 20  --write-rate 40 (writes/s, fixed)  --writers 16  --hot-tickets 10  --sign-in-rate 20
//   --no-standalone: without the standalone target   --keep: leave the cluster up (CLUSTER_DIR=… pnpm cluster down)
//   CLUSTER_DIR (/tmp/clientele-cluster-bench), CLUSTER_PORT (4500; the standalone server takes it + 10),
//   CLUSTER_DB_PORT (3361), CLUSTER_REDIS_PORT (6402): apart from `pnpm cluster` and `pnpm test:cluster`
// Writes bench/results/cluster.json.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { clientQuery } from './lib/client-documents.mjs';
import { benchDir, mysqlOptions, parseArgs, repoRoot, serverDir } from './lib/common.mjs';
import { refreshBenchSessions, s1Request, s2Request, signInRequests } from './lib/scenarios.mjs';

const args = parseArgs(process.argv.slice(2));
const SCALE = args.scale ?? 'small';
const ROUNDS = Math.max(1, Number(args.rounds ?? 3));
const DURATION = Number(args.duration ?? 8);
const WARMUP = Number(args.warmup ?? 3);
const CONNECTIONS = Number(args.connections ?? 10);
const WRITE_SECONDS = Number(args['write-seconds'] ?? 20);
const WRITE_RATE = Number(args['write-rate'] ?? 40);
const WRITERS = Math.max(2, Number(args.writers ?? 16));
const HOT_TICKETS = Number(args['hot-tickets'] ?? 10);
const SIGN_IN_RATE = Number(args['sign-in-rate'] ?? 20);
const STANDALONE = !args['no-standalone'];

const resultsDir = path.join(benchDir, 'results');
const clusterDir = process.env.CLUSTER_DIR ?? path.join(os.tmpdir(), 'clientele-cluster-bench');
const FRONT_PORT = Number(process.env.CLUSTER_PORT ?? 4500);
const STANDALONE_PORT = FRONT_PORT + 10;
const STANDALONE_URL = 'mysql://root@127.0.0.1:3306/clientele_bench_cluster_ref';
const clusterFixturesFile = path.join(resultsDir, 'fixtures-cluster.json');
const standaloneFixturesFile = path.join(resultsDir, 'fixtures-cluster-standalone.json');
// policy out of reach, work kept (as in bench/run.mjs): limits would throttle the load generator
const limitsOff = {
  RATE_LIMIT_CAPACITY: '1000000000',
  RATE_LIMIT_RESTORE_RATE: '1000000000',
  SIGN_IN_ATTEMPTS_PER_ACCOUNT: '1000000000',
  SIGN_IN_ATTEMPTS_PER_IP: '1000000000',
  SIGN_IN_ACCOUNT_CEILING: '1000000000',
};
const clusterEnv = {
  ...process.env,
  ...limitsOff,
  CLUSTER_DIR: clusterDir,
  CLUSTER_PORT: String(FRONT_PORT),
  CLUSTER_DB_PORT: process.env.CLUSTER_DB_PORT ?? '3361',
  CLUSTER_REDIS_PORT: process.env.CLUSTER_REDIS_PORT ?? '6402',
  CLUSTER_SERVERS: '2',
  DEMO_DATA: '0',
  LOG_LEVEL: 'warn',
  BENCH_FIXTURES_FILE: clusterFixturesFile,
  // the cluster script gives the loader its database as CLUSTER_DATABASE_URL; the seeder reads BENCH_DATABASE_URL
  CLUSTER_LOAD: `BENCH_DATABASE_URL="$CLUSTER_DATABASE_URL" "${process.execPath}" bench/seed.mjs --scale ${SCALE}`,
};

const started = Date.now();
const say = (msg) => console.log(`[bench:cluster ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round2 = (x) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
};
const quantile = (xs, q) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
};

// children in process groups of their own (a Ctrl-C reaches this script only): stopped with whatever they started
const running = new Set();
function run(command, commandArgs, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: repoRoot, env, stdio: 'inherit', detached: true });
    running.add(child);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(commandArgs[0] ?? command)} ${commandArgs[1] ?? ''} exited ${code ?? signal}`));
    });
  });
}
const cluster = (command) => run(process.execPath, [path.join(repoRoot, 'scripts', 'cluster.mjs'), command], clusterEnv);

// ---------------------------------------------------------------- teardown, also on failure and Ctrl-C
let standaloneServer = null;
let standaloneOutbox = null;
let clusterStarted = false;
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    // e.g. `cluster up` or a seed still running: stopped before the teardown removes what they work on
    for (const child of running) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone
      }
      for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
    }
    if (standaloneServer && standaloneServer.exitCode === null) {
      try {
        process.kill(-standaloneServer.pid, 'SIGTERM');
      } catch {
        // gone
      }
      for (let i = 0; i < 100 && standaloneServer.exitCode === null; i++) await sleep(100);
    }
    if (standaloneOutbox) fs.rmSync(standaloneOutbox, { recursive: true, force: true });
    if (STANDALONE) {
      const admin = await mysql.createConnection(mysqlOptions(STANDALONE_URL, false)).catch(() => null);
      await admin?.query('DROP DATABASE IF EXISTS clientele_bench_cluster_ref');
      await admin?.end();
    }
    // the servers' logs outlive the cluster's folder (warn level: each line is worth a look)
    for (const name of ['server1', 'server2']) {
      const log = path.join(clusterDir, `${name}.log`);
      if (fs.existsSync(log)) fs.copyFileSync(log, path.join(resultsDir, `cluster-${name}.log`));
    }
    if (clusterStarted && !args.keep) await cluster('down').catch((error) => console.error(`cluster down failed: ${error.message}`));
    // their sessions' databases are gone
    fs.rmSync(standaloneFixturesFile, { force: true });
    if (!args.keep) fs.rmSync(clusterFixturesFile, { force: true });
  })();
  return cleaning;
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(signal, () => {
    say(`${signal}: tearing down`);
    cleanup().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------- helpers
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

async function post(url, request, timeoutMs = 15_000) {
  const t0 = performance.now();
  try {
    const res = await fetch(url + request.path, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = { text: text.slice(0, 200) };
    }
    return { status: res.status, body, ms: performance.now() - t0 };
  } catch (error) {
    return { status: 0, error: error.cause?.code ?? error.name, ms: performance.now() - t0 };
  }
}

async function waitReady(url, seconds) {
  for (let i = 0; i < seconds * 5; i++) {
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (standaloneServer && standaloneServer.exitCode !== null && url.endsWith(`:${STANDALONE_PORT}`))
      throw new Error('the standalone server exited: see bench/results/cluster-standalone-server.log');
    await sleep(200);
  }
  throw new Error(`${url} did not become ready in ${seconds} s`);
}

/** root on a node of the cluster, through its socket (the bootstrap's root has no password there). */
const nodeConnection = (node) =>
  mysql.createConnection({ socketPath: node.socket, user: 'root', database: 'clientele', timezone: 'Z', charset: 'utf8mb4_unicode_ci' });

const COUNTERS = ['wsrep_local_commits', 'wsrep_local_cert_failures', 'wsrep_local_bf_aborts', 'wsrep_local_replays', 'Innodb_deadlocks'];
async function counters(nodes) {
  const out = {};
  for (const node of nodes) {
    const db = await nodeConnection(node);
    const [rows] = await db.query(`SHOW GLOBAL STATUS WHERE Variable_name IN (?)`, [COUNTERS]);
    await db.end();
    out[node.name] = Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
  }
  return out;
}

/**
 * Galera's own account of its brute-force aborts (wsrep_log_conflicts, switched on for the write load):
 * each names the winning write set's statement. A claim or outcome of the outbox (UPDATE outbox_message)
 * aborted another process's claim of the same mails; anything else is a request's transaction (the
 * ticket's lock row, its comment, its mail rows) that aborted another request's on the same ticket.
 */
function conflictsLogged(node, fromByte) {
  const text = fs
    .readFileSync(path.join(clusterDir, node.name, 'error.log'))
    .subarray(fromByte)
    .toString('utf8');
  const by = { requests: 0, outbox: 0 };
  for (const report of text.split('cluster conflict due to high priority abort').slice(1)) {
    const winner = /SQL: (.*)/.exec(report)?.[1] ?? '';
    if (/^UPDATE `?(outbox_message|webhook_delivery)\b/.test(winner)) by.outbox++;
    else by.requests++;
  }
  return by;
}
const errorLogSize = (node) => fs.statSync(path.join(clusterDir, node.name, 'error.log')).size;
async function logConflicts(nodes, on) {
  for (const node of nodes) {
    const db = await nodeConnection(node);
    await db.query(`SET GLOBAL wsrep_log_conflicts = ${on ? 'ON' : 'OFF'}`);
    await db.end();
  }
}

// the answer without what differs between two seeds of the same data (ids, cursors, times)
const comparable = (body) =>
  JSON.stringify(body.data, (key, value) => (['id', 'cursor', 'endCursor', 'createdAt', 'updatedAt'].includes(key) ? undefined : value));

// ---------------------------------------------------------------- main
async function main() {
  fs.mkdirSync(resultsDir, { recursive: true });
  if (!fs.existsSync(path.join(serverDir, 'dist', 'main.js')))
    throw new Error('build the server first: pnpm --filter @clientele/server run build');

  say(`cluster up in ${clusterDir} (front ${FRONT_PORT}), the ${SCALE} scale loaded before its servers start`);
  clusterStarted = true;
  const upAt = Date.now();
  await cluster('up');
  const upSeconds = (Date.now() - upAt) / 1000;
  const state = readJson(path.join(clusterDir, 'state.json'));
  const clusterFixtures = readJson(clusterFixturesFile);
  say(`cluster up in ${upSeconds.toFixed(0)} s, of which seeding ${clusterFixtures.seedSeconds} s`);
  {
    const db = await nodeConnection(state.nodes[0]);
    await refreshBenchSessions(db, clusterFixtures).finally(() => db.end());
  }

  const targets = [
    { name: 'front', label: 'HAProxy → 2 processes → 3 Galera nodes', url: state.front.url, fixtures: clusterFixtures },
    { name: 'one-node', label: '1 process → 1 node of the same cluster', url: state.servers[0].url, fixtures: clusterFixtures },
  ];

  let standaloneFixtures = null;
  if (STANDALONE) {
    say(`seeding the ${SCALE} scale into ${STANDALONE_URL}`);
    await run(process.execPath, [path.join(benchDir, 'seed.mjs'), '--scale', SCALE], {
      ...process.env,
      BENCH_DATABASE_URL: STANDALONE_URL,
      BENCH_FIXTURES_FILE: standaloneFixturesFile,
    });
    standaloneFixtures = readJson(standaloneFixturesFile);
    const db = await mysql.createConnection(mysqlOptions(STANDALONE_URL));
    await refreshBenchSessions(db, standaloneFixtures).finally(() => db.end());
    // the cluster's servers' own settings (Redis included), another database and port
    standaloneOutbox = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-cluster-bench-outbox-'));
    const log = fs.openSync(path.join(resultsDir, 'cluster-standalone-server.log'), 'w');
    standaloneServer = spawn(process.execPath, [path.join(serverDir, 'dist', 'main.js')], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...clusterEnv,
        ...state.servers[0].env,
        PORT: String(STANDALONE_PORT),
        DATABASE_URL: STANDALONE_URL,
        MAIL_OUTBOX: standaloneOutbox,
      },
    });
    const url = `http://127.0.0.1:${STANDALONE_PORT}`;
    await waitReady(url, 60);
    targets.push({ name: 'standalone', label: '1 process → standalone MariaDB (127.0.0.1:3306)', url, fixtures: standaloneFixtures });
  }

  // ------------------------------------------------------------ same answers first
  const scenarios = [
    { id: 'S1', request: s1Request },
    { id: 'S2', request: s2Request },
  ];
  for (const s of scenarios) {
    const answers = [];
    for (const t of targets) {
      const r = await post(t.url, s.request(t.fixtures));
      if (r.status !== 200 || r.body.errors || !r.body.data)
        throw new Error(`${s.id} on ${t.name}: ${r.status} ${JSON.stringify(r.body ?? r.error).slice(0, 400)}`);
      answers.push({ t, exact: JSON.stringify(r.body.data), comparable: comparable(r.body) });
    }
    if (answers[0].exact !== answers[1].exact) throw new Error(`${s.id}: the front and one node answer differently`);
    // the standalone data are another seed of the same stream: the same answer but for ids and times
    if (answers[2] && answers[2].comparable !== answers[0].comparable)
      throw new Error(`${s.id}: the standalone database answers differently`);
  }
  say(`same answers from ${targets.map((t) => t.name).join(', ')}`);

  // ------------------------------------------------------------ reads, alternately
  const load = async (t, s, seconds) => {
    const r = await autocannon({ url: t.url, connections: CONNECTIONS, duration: seconds, requests: [s.request(t.fixtures)] });
    return {
      rps: r.requests.average,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      errors: r.errors + r.timeouts + r.non2xx,
      load1m: round2(os.loadavg()[0]),
    };
  };
  say(`warm-up: ${WARMUP} s per scenario and target`);
  for (const s of scenarios) for (const t of targets) await load(t, s, WARMUP);
  const runs = {};
  const readsAt = Date.now();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const s of scenarios) {
      for (const t of targets) {
        const r = await load(t, s, DURATION);
        ((runs[s.id] ??= {})[t.name] ??= []).push(r);
        say(
          `[round ${round}/${ROUNDS}] ${s.id} ${t.name.padEnd(10)} ${r.rps.toFixed(1)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms${r.errors ? `, ${r.errors} errors` : ''}`,
        );
      }
    }
  }
  const readSeconds = (Date.now() - readsAt) / 1000;
  const reads = scenarios.map((s) => {
    const by = Object.fromEntries(
      targets.map((t) => {
        const rs = runs[s.id][t.name];
        return [
          t.name,
          {
            rps: round2(median(rs.map((r) => r.rps))),
            p50Ms: median(rs.map((r) => r.p50Ms)),
            p99Ms: median(rs.map((r) => r.p99Ms)),
            errors: rs.reduce((n, r) => n + r.errors, 0),
            rounds: rs.map((r) => ({ rps: round2(r.rps), p50Ms: r.p50Ms, p99Ms: r.p99Ms, load1m: r.load1m })),
          },
        ];
      }),
    );
    // within each round (runs seconds apart, so a drift of the machine's load cancels out), then the median
    const ratio = (a, b) => {
      if (!by[a] || !by[b]) return undefined;
      const [ra, rb] = [runs[s.id][a], runs[s.id][b]];
      const rps = ra.map((r, i) => r.rps / rb[i].rps);
      const p99 = ra.map((r, i) => r.p99Ms / rb[i].p99Ms);
      return { rps: round2(median(rps)), p99: round2(median(p99)), roundsRps: rps.map(round2) };
    };
    return {
      id: s.id,
      ...by,
      ratios: {
        frontOverOneNode: ratio('front', 'one-node'),
        frontOverStandalone: ratio('front', 'standalone'),
        oneNodeOverStandalone: ratio('one-node', 'standalone'),
      },
    };
  });

  // ------------------------------------------------------------ writes through both servers, sign-ins through the front
  const hot = clusterFixtures.fanout.one.ticketIds.slice(0, HOT_TICKETS);
  const staff = clusterFixtures.viewers.staffAdmin.token;
  const RENAME = clientQuery('TicketDetailUpdateMutation');
  const REPLY = clientQuery('ReplyBoxAddCommentMutation');
  let serial = 0;
  const write = (kind, ticketId) => {
    const [operationName, query, variables] =
      kind === 'rename'
        ? ['TicketDetailUpdateMutation', RENAME, { input: { id: ticketId, title: `Printer renamed ${++serial}` } }]
        : [
            'ReplyBoxAddCommentMutation',
            REPLY,
            { input: { ticketId, body: `We have ordered the part (${++serial}).`, visibility: 'PUBLIC' } },
          ];
    return {
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
      body: JSON.stringify({ operationName, query, variables }),
    };
  };
  const outcomes = { ok: 0, conflict: 0, other: {}, latencies: [], byServer: {} };
  const record = (server, r) => {
    const payload = r.body?.data && Object.values(r.body.data)[0];
    const codes = [...(r.body?.errors ?? []).map((e) => e.extensions?.code), ...(payload?.userErrors ?? []).map((e) => e.code)];
    const by = (outcomes.byServer[server] ??= { ok: 0, conflict: 0, other: 0 });
    if (r.status === 200 && payload && codes.length === 0) {
      outcomes.ok++;
      by.ok++;
      outcomes.latencies.push(r.ms);
    } else if (codes.includes('CONFLICT')) {
      outcomes.conflict++;
      by.conflict++;
    } else {
      const key = `${r.status} ${codes.join(',') || r.error || ''}`.trim();
      outcomes.other[key] = (outcomes.other[key] ?? 0) + 1;
      by.other++;
    }
  };
  await logConflicts(state.nodes, true);
  const logFrom = Object.fromEntries(state.nodes.map((n) => [n.name, errorLogSize(n)]));
  const before = await counters(state.nodes);
  say(
    `write load: ${WRITE_RATE} writes/s (rename and reply in turn) on ${hot.length} tickets from ${WRITERS} writers, half through each server, and signIn at ${SIGN_IN_RATE}/s through the front, ${WRITE_SECONDS} s`,
  );
  const writesAt = Date.now();
  const until = writesAt + WRITE_SECONDS * 1000;
  const interval = (WRITERS * 1000) / WRITE_RATE; // each writer's pace: a fixed rate, not saturation
  const writers = Array.from({ length: WRITERS }, async (_, w) => {
    const server = state.servers[w % 2];
    const start = writesAt + (w * interval) / WRITERS;
    for (let k = 0; ; k++) {
      const at = start + k * interval;
      if (at >= until) return;
      if (at > Date.now()) await sleep(at - Date.now());
      const kind = (w + k) % 2 ? 'reply' : 'rename';
      record(server.name, await post(server.url, write(kind, hot[Math.floor(Math.random() * hot.length)])));
    }
  });
  const signIns = autocannon({
    url: state.front.url,
    connections: 20,
    duration: WRITE_SECONDS,
    overallRate: SIGN_IN_RATE,
    requests: signInRequests(clusterFixtures),
  });
  const [signInResult] = await Promise.all([signIns, ...writers]);
  const writeSeconds = (Date.now() - writesAt) / 1000;
  // the mails of the replies are claimed and sent by both processes' outbox workers: their claims count too
  const db = await nodeConnection(state.nodes[0]);
  let pendingMails = null;
  for (let i = 0; i < 60; i++) {
    const [[row]] = await db.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('PENDING', 'SENDING')`);
    pendingMails = Number(row.n);
    if (pendingMails === 0) break;
    await sleep(500);
  }
  await db.end();
  const after = await counters(state.nodes);
  await logConflicts(state.nodes, false);
  const logged = { requests: 0, outbox: 0 };
  for (const node of state.nodes) {
    const by = conflictsLogged(node, logFrom[node.name]);
    logged.requests += by.requests;
    logged.outbox += by.outbox;
  }
  const delta = Object.fromEntries(
    COUNTERS.map((c) => [c, state.nodes.reduce((n, node) => n + after[node.name][c] - before[node.name][c], 0)]),
  );
  // a brute-force abort that Galera replays itself is no failure for the server
  const abortedAttempts =
    delta.wsrep_local_cert_failures + delta.wsrep_local_bf_aborts - delta.wsrep_local_replays + delta.Innodb_deadlocks;
  // each aborted attempt ran again (TransactionRunner), except the last of a request's answered CONFLICT
  const retried = abortedAttempts - outcomes.conflict;
  const clientWrites = outcomes.ok + outcomes.conflict + Object.values(outcomes.other).reduce((n, x) => n + x, 0);
  const writes = {
    seconds: round2(writeSeconds),
    offeredRate: WRITE_RATE,
    hotTickets: hot.length,
    writers: WRITERS,
    mutations: {
      sent: clientWrites,
      committed: outcomes.ok,
      conflict: outcomes.conflict,
      other: outcomes.other,
      byServer: outcomes.byServer,
      p50Ms: round2(quantile(outcomes.latencies, 0.5)),
      p99Ms: round2(quantile(outcomes.latencies, 0.99)),
    },
    signIns: {
      rps: round2(signInResult.requests.average),
      ok: signInResult['2xx'],
      failed: signInResult.non2xx + signInResult.errors + signInResult.timeouts,
      p50Ms: signInResult.latency.p50,
      p99Ms: signInResult.latency.p99,
    },
    pendingMailsAfter: pendingMails,
    galera: {
      perNode: Object.fromEntries(
        state.nodes.map((n) => [n.name, Object.fromEntries(COUNTERS.map((c) => [c, after[n.name][c] - before[n.name][c]]))]),
      ),
      total: delta,
    },
    bfAbortsLogged: logged,
    abortedAttempts,
    retried,
    retriesPerCommittedMutation: round2(retried / Math.max(1, outcomes.ok)),
    abortedPerLocalCommit: round2(abortedAttempts / Math.max(1, delta.wsrep_local_commits)),
  };

  // ------------------------------------------------------------ report
  const cpu = os.cpus();
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpu: `${cpu.length} x ${cpu[0]?.model ?? 'unknown'}`,
      memoryGb: round2(os.totalmem() / 2 ** 30),
      node: process.version,
      load: os.loadavg().map(round2),
    },
    scale: SCALE,
    counts: clusterFixtures.counts,
    seedSeconds: { cluster: clusterFixtures.seedSeconds, standalone: standaloneFixtures?.seedSeconds },
    clusterUpSeconds: round2(upSeconds),
    settings: { rounds: ROUNDS, durationS: DURATION, warmupS: WARMUP, connections: CONNECTIONS },
    targets: targets.map((t) => ({ name: t.name, label: t.label, url: t.url })),
    reads,
    readSeconds: round2(readSeconds),
    writes,
  };
  fs.writeFileSync(path.join(resultsDir, 'cluster.json'), JSON.stringify(report, null, 2) + '\n');

  const pad = (x, n) => String(x ?? '-').padStart(n);
  const lines = [
    '',
    `scale ${SCALE} ${JSON.stringify(clusterFixtures.counts)}; seeded in ${clusterFixtures.seedSeconds} s on the cluster, ${standaloneFixtures?.seedSeconds ?? '-'} s standalone; cluster up in ${upSeconds.toFixed(0)} s`,
    `${ROUNDS} rounds x ${DURATION} s, ${CONNECTIONS} connections, ${report.machine.cpu}, load ${report.machine.load.join(' ')}`,
    'id | target      |    rps |  p50 |  p99 | errors',
    ...reads.flatMap((r) =>
      targets.map(
        (t) =>
          `${r.id} | ${t.name.padEnd(11)} | ${pad(r[t.name].rps, 6)} | ${pad(r[t.name].p50Ms, 4)} | ${pad(r[t.name].p99Ms, 4)} | ${r[t.name].errors}`,
      ),
    ),
    ...reads.map(
      (r) =>
        `${r.id} ratios (rps, p99; medians of each round's): front/one-node ${r.ratios.frontOverOneNode.rps}, ${r.ratios.frontOverOneNode.p99}` +
        (r.ratios.frontOverStandalone
          ? `; front/standalone ${r.ratios.frontOverStandalone.rps}, ${r.ratios.frontOverStandalone.p99}; one-node/standalone ${r.ratios.oneNodeOverStandalone.rps}, ${r.ratios.oneNodeOverStandalone.p99}`
          : ''),
    ),
    '',
    `writes: ${writes.mutations.sent} sent in ${writes.seconds} s, ${writes.mutations.committed} committed, ${writes.mutations.conflict} CONFLICT, other ${JSON.stringify(writes.mutations.other)}; p50 ${writes.mutations.p50Ms} ms, p99 ${writes.mutations.p99Ms} ms; by server ${JSON.stringify(writes.mutations.byServer)}`,
    `sign-ins: ${writes.signIns.rps}/s, ${writes.signIns.ok} ok, ${writes.signIns.failed} failed, p50 ${writes.signIns.p50Ms} ms, p99 ${writes.signIns.p99Ms} ms`,
    `galera (all nodes): ${JSON.stringify(delta)}; brute-force aborts logged: ${logged.requests} by requests, ${logged.outbox} by outbox claims; mails still pending after: ${pendingMails}`,
    `aborted attempts ${abortedAttempts}, retried ${retried}: ${writes.retriesPerCommittedMutation} retries per committed mutation, ${writes.abortedPerLocalCommit} aborted per local commit`,
    `written: bench/results/cluster.json`,
  ];
  console.log(lines.join('\n'));
}

try {
  await main();
} catch (error) {
  // after a Ctrl-C its children fail as they are stopped: no news
  if (!cleaning) console.error(`[bench:cluster] failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
  say('done: torn down');
}
