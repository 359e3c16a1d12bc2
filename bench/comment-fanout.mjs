// `node bench/comment-fanout.mjs` (issue 12): addTicketComment on a ticket whose company has 50 followers
// against one whose company has 1, on the seeded MariaDB (`pnpm bench:seed` makes both companies: fixtures
// `fanout`). The fan-out is rows in the outbox, written in the comment's transaction (one multi-row
// INSERT), never mails sent in the request: the target is p50 with 50 recipients <= 2 x p50 with 1.
//   --rounds 3  --duration 10 (s per run)  --rate 20 (comments/s, fixed: latency, not saturation)  --connections 4
//   --server-script <main.js>: another build of the server
//   --delivery off: the server without its outbox worker (bench/lib/serve-without-outbox-worker.cjs): what
//     the request itself costs, the mails left as rows (default on: delivered as in production)
// The client's own mutation (ReplyBoxAddCommentMutation, bench/lib/client-documents.mjs), as a staff ADMIN
// replying publicly, cycling over each company's 20 tickets. The server's outbox worker runs as in
// production, writing the mails as files into a temporary directory; before every run the outbox is
// drained, so no run pays for the previous one's mails. Writes bench/results/comment-fanout.json.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { clientQuery } from './lib/client-documents.mjs';
import { benchDir, DATABASE_URL, FIXTURES_FILE, mysqlOptions, parseArgs, repoRoot, serverDir, sha256hex } from './lib/common.mjs';

const args = parseArgs(process.argv.slice(2));
const ROUNDS = Math.max(1, Number(args.rounds ?? 3));
const DURATION = Number(args.duration ?? 10);
const RATE = Number(args.rate ?? 20);
const CONNECTIONS = Number(args.connections ?? 4);
const PORT = Number(args.port ?? 47320);
const DELIVERY = args.delivery !== 'off';
const resultsDir = path.join(benchDir, 'results');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const fixtures = fs.existsSync(FIXTURES_FILE) ? JSON.parse(fs.readFileSync(FIXTURES_FILE, 'utf8')) : null;
if (!fixtures?.fanout) throw new Error('no fan-out fixtures: run pnpm bench:seed');
const staff = fixtures.viewers.staffAdmin;
const db = await mysql.createConnection(mysqlOptions());
await db.query(`UPDATE session SET last_seen_at = NOW(3) + INTERVAL 2 HOUR, expires_at = NOW(3) + INTERVAL 30 DAY WHERE token_hash = ?`, [
  sha256hex(staff.token),
]);

// ---------------------------------------------------------------- the server, its outbox worker writing files
const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-fanout-outbox-'));
const script = args['server-script'] ? path.resolve(args['server-script']) : path.join(serverDir, 'dist', 'main.js');
const statsPort = PORT + 1;
const launch = DELIVERY ? [script] : [path.join(benchDir, 'lib', 'serve-without-outbox-worker.cjs'), script];
const child = spawn(process.execPath, ['-r', path.join(benchDir, 'lib', 'stats-probe.cjs'), ...launch], {
  cwd: repoRoot,
  detached: true,
  stdio: [
    'ignore',
    fs.openSync(path.join(resultsDir, 'fanout-server.log'), 'w'),
    fs.openSync(path.join(resultsDir, 'fanout-server.log'), 'a'),
  ],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    SECRET_KEY: process.env.SECRET_KEY ?? 'clientele-benchmark-secret-key-not-for-use',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATABASE_URL,
    DEMO_DATA: '0',
    LOG_LEVEL: 'warn',
    MAIL_OUTBOX: outboxDir,
    RATE_LIMIT_CAPACITY: '1000000000',
    RATE_LIMIT_RESTORE_RATE: '1000000000',
    BENCH_STATS_PORT: String(statsPort),
    BENCH_MYSQL2_FROM: path.dirname(path.dirname(script)), // the mysql2 this build loads
  },
});
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // gone
  }
};
process.on('exit', () => {
  stop();
  fs.rmSync(outboxDir, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));
const url = `http://127.0.0.1:${PORT}`;
const stats = async () => (await fetch(`http://127.0.0.1:${statsPort}/`)).json();

// ---------------------------------------------------------------- the client's reply
const MUTATION = clientQuery('ReplyBoxAddCommentMutation');
let serial = 0;
const reply = (ticketId) => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.token}` },
  body: JSON.stringify({
    operationName: 'ReplyBoxAddCommentMutation',
    query: MUTATION,
    variables: { input: { ticketId, body: `We have ordered the replacement part (${++serial}).`, visibility: 'PUBLIC' } },
  }),
});
const send = async (request) => (await fetch(url + request.path, { method: 'POST', headers: request.headers, body: request.body })).json();

for (let i = 0; i < 300; i++) {
  if (child.exitCode !== null) throw new Error('the server exited: see bench/results/fanout-server.log');
  try {
    await stats();
    break;
  } catch {
    await sleep(200);
  }
}
await sleep(500);

// ---------------------------------------------------------------- recipients are outbox rows of the comment's transaction
const variants = ['one', 'fifty'].map((key) => ({ key, ...fixtures.fanout[key], requests: fixtures.fanout[key].ticketIds.map(reply) }));
async function outboxRowsOf(ticketId, since) {
  const [[row]] = await db.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE ticket_id = ? AND created_at >= ?`, [ticketId, since]);
  return Number(row.n);
}
for (const v of variants) {
  const since = new Date(Date.now() - 1000);
  const before = await stats();
  const answer = await send(v.requests[0]);
  const after = await stats();
  if (answer.errors || answer.data?.addTicketComment?.userErrors?.length)
    throw new Error(`addTicketComment failed: ${JSON.stringify(answer).slice(0, 400)}`);
  v.recipients = await outboxRowsOf(v.ticketIds[0], since);
  v.statements = after.statements - before.statements;
  console.log(`${v.key}: ${v.followers} follower(s) -> ${v.recipients} outbox row(s), ${v.statements} statements in the request`);
  if (v.recipients !== v.followers) throw new Error(`${v.key}: expected ${v.followers} recipients, the outbox has ${v.recipients}`);
}

async function drained(limitS = 120) {
  // without a worker nothing is delivered: the rows are cleared instead, so each run starts from the same outbox
  if (!DELIVERY) return (await db.query(`DELETE FROM outbox_message WHERE status = 'PENDING'`), 0);
  const t0 = Date.now();
  for (;;) {
    const [[row]] = await db.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('PENDING', 'SENDING')`);
    if (Number(row.n) === 0) return (Date.now() - t0) / 1000;
    if (Date.now() - t0 > limitS * 1000) throw new Error(`the outbox still holds ${row.n} mails after ${limitS}s`);
    await sleep(250);
  }
}

async function run(v, seconds, label) {
  const drainS = await drained();
  const before = await stats();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    overallRate: RATE,
    requests: v.requests,
  });
  const after = await stats();
  const n = result.requests.total;
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `${label}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.average}/s, CPU ${Math.round((after.cpuUs - before.cpuUs) / n)} µs/comment (outbox drained in ${drainS.toFixed(1)}s before)${errors ? `, ${errors} errors` : ''}`,
  );
  return {
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    rps: result.requests.average,
    cpuUsPerComment: Math.round((after.cpuUs - before.cpuUs) / n),
    statementsPerComment: Math.round(((after.statements - before.statements) / n) * 100) / 100,
    drainBeforeS: drainS,
    errors,
  };
}

for (const v of variants) await run(v, 3, `warm-up ${v.key}`);
const runs = { one: [], fifty: [] };
for (let round = 1; round <= ROUNDS; round++)
  for (const v of variants) runs[v.key].push(await run(v, DURATION, `[round ${round}/${ROUNDS}] ${v.key}`));
const drainAfterS = await drained(300);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = Object.fromEntries(
  variants.map((v) => [
    v.key,
    {
      followers: v.followers,
      outboxRowsPerComment: v.recipients,
      p50Ms: median(runs[v.key].map((r) => r.p50Ms)),
      p99Ms: median(runs[v.key].map((r) => r.p99Ms)),
      cpuUsPerComment: median(runs[v.key].map((r) => r.cpuUsPerComment)),
      statementsPerComment: median(runs[v.key].map((r) => r.statementsPerComment)),
      rounds: runs[v.key],
    },
  ]),
);
const ratio = Math.round((summary.fifty.p50Ms / summary.one.p50Ms) * 100) / 100;
const report = {
  date: new Date().toISOString(),
  scale: fixtures.scale,
  settings: { rounds: ROUNDS, durationS: DURATION, ratePerS: RATE, connections: CONNECTIONS, delivery: DELIVERY },
  machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}`,
  ...summary,
  ratioP50: ratio,
  target: { value: ratio, ok: ratio <= 2, text: 'p50 with 50 recipients <= 2 x p50 with 1' },
  outboxDrainedAfterS: drainAfterS,
};
console.log(
  `\np50 ${summary.fifty.p50Ms} ms (50 recipients) / ${summary.one.p50Ms} ms (1) = ${ratio}: ${ratio <= 2 ? 'met' : 'MISSED'} (p99 ${summary.fifty.p99Ms} / ${summary.one.p99Ms} ms; CPU ${summary.fifty.cpuUsPerComment} / ${summary.one.cpuUsPerComment} µs per comment; statements ${summary.fifty.statementsPerComment} / ${summary.one.statementsPerComment})`,
);
fs.writeFileSync(path.join(resultsDir, `comment-fanout${DELIVERY ? '' : '-no-delivery'}.json`), JSON.stringify(report, null, 2) + '\n');
await db.end();
process.exit(0);
