// `node bench/webhook-fanout.mjs` (issue 15, scenario W1): updateTicket on tickets that no webhook follows
// against tickets that 50 webhooks follow, in the same run, alternately (ABAB). The fan-out is rows in the
// webhook outbox, written in the mutation's transaction (one multi-row INSERT), never HTTP calls in the
// request: the target is p50 with 50 webhooks <= 2 x p50 with none.
//   --rounds 3  --duration 10 (s per run)  --rate 20 (mutations/s, fixed: latency, not saturation)  --connections 4
//   --database-url mysql://root@127.0.0.1:3306/clientele_webhook_bench (created afresh; default shown)
//   --delivery off: the server without its outbox workers (bench/lib/serve-without-outbox-worker.cjs): what the
//     request itself costs, the deliveries left as rows (default on: delivered to a receiver in this process)
// Needs no seeded fixtures: it starts the built server (packages/server/dist/main.js, NODE_ENV=production) on
// an empty database and writes a staff ADMIN, who creates two companies with 10 tickets each and renames
// them (the client's own TicketDetailUpdateMutation; a title change is TICKET_UPDATED and no mail). The 50
// webhooks are rows of that admin restricted to the second company (written directly: the per-account limit of
// 20 is not what is measured), all pointing at a receiver on loopback (WEBHOOK_ALLOW_HTTP and
// WEBHOOK_ALLOW_PRIVATE_NETWORKS on). Writes bench/results/webhook-fanout.json.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { clientQuery } from './lib/client-documents.mjs';
import { benchDir, dbName, mysqlOptions, parseArgs, repoRoot, serverDir, serverRequire } from './lib/common.mjs';

const args = parseArgs(process.argv.slice(2));
const ROUNDS = Math.max(1, Number(args.rounds ?? 3));
const DURATION = Number(args.duration ?? 10);
const RATE = Number(args.rate ?? 20);
const CONNECTIONS = Number(args.connections ?? 4);
const PORT = Number(args.port ?? 47340);
const DELIVERY = args.delivery !== 'off';
const DATABASE_URL = args['database-url'] ?? 'mysql://root@127.0.0.1:3306/clientele_webhook_bench';
const SECRET_KEY = 'clientele-benchmark-secret-key-not-for-use';
const ADMIN = { email: 'bench-admin@example.test', password: 'bench-admin-password-2026' };
const WEBHOOKS = 50;
const TICKETS_PER_VARIANT = 10;
const resultsDir = path.join(benchDir, 'results');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
fs.mkdirSync(resultsDir, { recursive: true });

// ---------------------------------------------------------------- an empty database
const admin = await mysql.createConnection(mysqlOptions(DATABASE_URL, false));
await admin.query(`DROP DATABASE IF EXISTS \`${dbName(DATABASE_URL)}\``);
await admin.query(`CREATE DATABASE \`${dbName(DATABASE_URL)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
await admin.end();

// ---------------------------------------------------------------- the receiver
let received = 0;
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(204).end();
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}`;

// ---------------------------------------------------------------- the server
const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-webhook-bench-'));
const script = path.join(serverDir, 'dist', 'main.js');
const statsPort = PORT + 1;
const launch = DELIVERY ? [script] : [path.join(benchDir, 'lib', 'serve-without-outbox-worker.cjs'), script];
const log = path.join(resultsDir, 'webhook-fanout-server.log');
const child = spawn(process.execPath, ['-r', path.join(benchDir, 'lib', 'stats-probe.cjs'), ...launch], {
  cwd: repoRoot,
  detached: true,
  stdio: ['ignore', fs.openSync(log, 'w'), fs.openSync(log, 'a')],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    SECRET_KEY,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATABASE_URL,
    DEMO_DATA: '0',
    LOG_LEVEL: 'warn',
    MAIL_OUTBOX: outboxDir,
    WEBHOOK_ALLOW_HTTP: '1',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: '1',
    RATE_LIMIT_CAPACITY: '1000000000',
    RATE_LIMIT_RESTORE_RATE: '1000000000',
    SIGN_IN_ATTEMPTS_PER_ACCOUNT: '1000000',
    SIGN_IN_ATTEMPTS_PER_IP: '1000000',
    BENCH_STATS_PORT: String(statsPort),
    BENCH_MYSQL2_FROM: serverDir,
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
for (let i = 0; ; i++) {
  if (child.exitCode !== null) throw new Error(`the server exited: see ${log}`);
  try {
    if ((await fetch(`${url}/readyz`)).ok) break;
  } catch {
    // not yet
  }
  if (i > 300) throw new Error(`the server did not start: see ${log}`);
  await sleep(200);
}

async function gql(token, query, variables) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

// ---------------------------------------------------------------- the world
// the staff ADMIN, as ADMIN_EMAIL would make it (written here: the --delivery off server skips main.js)
const db = await mysql.createConnection(mysqlOptions(DATABASE_URL));
const { hashPassword } = serverRequire('./dist/modules/account/password.js');
await db.query(
  `INSERT INTO account (id, email, email_normalized, first_name, last_name, language, staff_role, disabled, password_hash, created_at)
   VALUES ('acc_0000000000000000000000000000beef', ?, ?, 'Bench', 'Admin', 'en', 'ADMIN', 0, ?, NOW(3))`,
  [ADMIN.email, ADMIN.email, await hashPassword(ADMIN.password)],
);
const signedIn = await gql(null, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token userErrors { code } } }`, {
  e: ADMIN.email,
  p: ADMIN.password,
});
const token = signedIn.signIn.token;
const viewer = (await gql(token, `{ viewer { id } }`)).viewer.id;
const variants = [];
for (const key of ['none', 'fifty']) {
  const company = await gql(
    token,
    `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id } userErrors { code message } } }`,
    {
      input: { name: `Webhook bench ${key}` },
    },
  );
  const companyId = company.createCompany.company.id;
  const ticketIds = [];
  for (let i = 0; i < TICKETS_PER_VARIANT; i++) {
    const created = await gql(
      token,
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } userErrors { code } } }`,
      {
        input: { companyId, title: `Printer ${key} ${i}` },
      },
    );
    ticketIds.push(created.createTicket.ticket.id);
  }
  variants.push({ key, companyId, ticketIds, webhooks: key === 'fifty' ? WEBHOOKS : 0 });
}
const { SecretBox } = serverRequire('./dist/infrastructure/secrets/secret-box.js');
const sealed = new SecretBox(SECRET_KEY).seal('whsec_bench');
const fifty = variants.find((v) => v.key === 'fifty');
for (let i = 0; i < WEBHOOKS; i++) {
  await db.query(
    `INSERT INTO webhook (id, account_id, url, events, company_id, secret_sealed, active, consecutive_failures, created_at)
     VALUES (?, ?, ?, 'COMMENT_ADDED,TICKET_CREATED,TICKET_UPDATED', ?, ?, 1, 0, NOW(3))`,
    [`whk_${String(i).padStart(32, '0')}`, viewer, `${receiverUrl}/${i}`, fifty.companyId, sealed],
  );
}

// ---------------------------------------------------------------- the client's rename
const MUTATION = clientQuery('TicketDetailUpdateMutation');
let serial = 0;
const rename = (ticketId) => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  // a new title each time (a change: TICKET_UPDATED), set per request
  setupRequest: (request) => ({
    ...request,
    body: JSON.stringify({
      operationName: 'TicketDetailUpdateMutation',
      query: MUTATION,
      variables: { input: { id: ticketId, title: `Printer renamed ${++serial}` } },
    }),
  }),
});
for (const v of variants) v.requests = v.ticketIds.map(rename);

// one request of each: its rows and statements
const deliveriesOf = async (ticketId) =>
  Number((await db.query(`SELECT COUNT(*) AS n FROM webhook_delivery WHERE ticket_id = ?`, [ticketId]))[0][0].n);
for (const v of variants) {
  const before = await stats();
  const answer = await gql(token, MUTATION, { input: { id: v.ticketIds[0], title: `Printer checked ${v.key}` } });
  const after = await stats();
  if (answer.updateTicket.userErrors.length) throw new Error(JSON.stringify(answer.updateTicket.userErrors));
  v.rows = await deliveriesOf(v.ticketIds[0]);
  v.statements = after.statements - before.statements;
  console.log(`${v.key}: ${v.webhooks} webhook(s) -> ${v.rows} delivery row(s), ${v.statements} statements in the request`);
  if (v.rows !== v.webhooks) throw new Error(`${v.key}: expected ${v.webhooks} delivery rows, found ${v.rows}`);
}

async function drained(limitS = 120) {
  // without a worker nothing is delivered: the rows are cleared instead, so each run starts from the same outbox
  if (!DELIVERY) return (await db.query(`DELETE FROM webhook_delivery WHERE status = 'PENDING'`), 0);
  const t0 = Date.now();
  for (;;) {
    const [[row]] = await db.query(`SELECT COUNT(*) AS n FROM webhook_delivery WHERE status IN ('PENDING', 'SENDING')`);
    if (Number(row.n) === 0) return (Date.now() - t0) / 1000;
    if (Date.now() - t0 > limitS * 1000) throw new Error(`the webhook outbox still holds ${row.n} deliveries after ${limitS}s`);
    await sleep(250);
  }
}

async function run(v, seconds, label) {
  const drainS = await drained();
  const before = await stats();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, overallRate: RATE, requests: v.requests });
  const after = await stats();
  const n = result.requests.total;
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `${label}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.average}/s, CPU ${Math.round((after.cpuUs - before.cpuUs) / n)} µs/mutation (outbox drained in ${drainS.toFixed(1)}s before)${errors ? `, ${errors} errors` : ''}`,
  );
  return {
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    rps: result.requests.average,
    cpuUsPerMutation: Math.round((after.cpuUs - before.cpuUs) / n),
    statementsPerMutation: Math.round(((after.statements - before.statements) / n) * 100) / 100,
    drainBeforeS: drainS,
    errors,
  };
}

for (const v of variants) await run(v, 3, `warm-up ${v.key}`);
const runs = { none: [], fifty: [] };
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
      webhooks: v.webhooks,
      deliveryRowsPerMutation: v.rows,
      statementsInOneMutation: v.statements,
      p50Ms: median(runs[v.key].map((r) => r.p50Ms)),
      p99Ms: median(runs[v.key].map((r) => r.p99Ms)),
      cpuUsPerMutation: median(runs[v.key].map((r) => r.cpuUsPerMutation)),
      statementsPerMutation: median(runs[v.key].map((r) => r.statementsPerMutation)),
      rounds: runs[v.key],
    },
  ]),
);
const ratio = Math.round((summary.fifty.p50Ms / summary.none.p50Ms) * 100) / 100;
const report = {
  scenario: 'W1',
  date: new Date().toISOString(),
  settings: { rounds: ROUNDS, durationS: DURATION, ratePerS: RATE, connections: CONNECTIONS, delivery: DELIVERY },
  machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}`,
  ...summary,
  ratioP50: ratio,
  target: { value: ratio, ok: ratio <= 2, text: 'updateTicket p50 with 50 webhooks <= 2 x p50 with none' },
  deliveriesReceived: received,
  outboxDrainedAfterS: drainAfterS,
};
console.log(
  `\nW1: p50 ${summary.fifty.p50Ms} ms (50 webhooks) / ${summary.none.p50Ms} ms (none) = ${ratio}: ${ratio <= 2 ? 'met' : 'MISSED'} (p99 ${summary.fifty.p99Ms} / ${summary.none.p99Ms} ms; CPU ${summary.fifty.cpuUsPerMutation} / ${summary.none.cpuUsPerMutation} µs; statements ${summary.fifty.statementsPerMutation} / ${summary.none.statementsPerMutation}; ${received} deliveries received)`,
);
fs.writeFileSync(path.join(resultsDir, `webhook-fanout${DELIVERY ? '' : '-no-delivery'}.json`), JSON.stringify(report, null, 2) + '\n');
await db.end();
receiver.close();
process.exit(0);
