#!/usr/bin/env node
// `pnpm test:cluster`: the multi-primary checks of issue 14 on a real cluster (scripts/cluster.mjs, in a
// folder and on ports of its own): cross-node races of the invariants, read-your-writes across servers,
// and faults under load — a Galera node killed, a server drained by SIGTERM, Redis killed, a database
// node paused. Every scenario is bounded in count and time and sends traffic to 127.0.0.1 only. Exit code
// 1 when a check fails. CLUSTER_KEEP=1 leaves the cluster up afterwards (`CLUSTER_DIR=… pnpm cluster down`).
// CLUSTER_ONLY=name,… runs those scenarios. CLUSTER_CODE=<folder> runs the cluster of another checkout (its
// scripts/cluster.mjs and its server build), e.g. an older commit's, to see that a race here fails there.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const checkout = path.resolve(process.env.CLUSTER_CODE ?? root);
const dir = path.join(os.tmpdir(), 'clientele-cluster-test');
const env = {
  ...process.env,
  CLUSTER_DIR: dir,
  CLUSTER_PORT: '4200',
  CLUSTER_DB_PORT: '3321',
  CLUSTER_REDIS_PORT: '6392',
  CLUSTER_SERVERS: '2',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // limits are not under test here: they would throttle the load loops
  RATE_LIMIT_CAPACITY: '1000000000',
  RATE_LIMIT_RESTORE_RATE: '1000000000',
  SIGN_IN_ATTEMPTS_PER_ACCOUNT: '1000000',
  SIGN_IN_ATTEMPTS_PER_IP: '1000000',
  SIGN_IN_ACCOUNT_CEILING: '1000000',
  INVITATION_MAILS_PER_INVITER_PER_HOUR: '100000',
  INVITATION_MAILS_PER_ADDRESS_PER_HOUR: '100000',
};
const PASSWORD = 'portal-demo-2026';
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const unique = () => randomBytes(4).toString('hex');
const cluster = (command) =>
  execFileSync(process.execPath, [path.join(checkout, 'scripts/cluster.mjs'), command], { env, stdio: 'inherit' });
const state = () => JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8'));

/** One GraphQL request; never throws: { status, body, error, ms }. */
async function gql(url, query, variables = {}, token, timeoutMs = 30_000) {
  const t0 = Date.now();
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = { text };
    }
    return { status: res.status, body, ms: Date.now() - t0 };
  } catch (error) {
    return { status: 0, error: error.cause?.code ?? error.name ?? String(error), ms: Date.now() - t0 };
  }
}

/** The data of a request that must succeed, or a thrown error with what came back. */
async function must(url, query, variables, token) {
  const r = await gql(url, query, variables, token);
  const payload = r.body?.data && Object.values(r.body.data)[0];
  if (r.status !== 200 || r.body?.errors || payload?.userErrors?.length)
    throw new Error(`${url}: ${query.slice(0, 60)}… → ${r.status} ${JSON.stringify(r.body ?? r.error).slice(0, 400)}`);
  return r.body.data;
}

async function signIn(url, email, password = PASSWORD) {
  return (await must(url, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: email, p: password }))
    .signIn.token;
}

const failures = [];
function check(ok, what) {
  console.log(`    ${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures.push(what);
}

/** Runs `loops` request loops for `ms` milliseconds; `step(i)` returns the gql result; counts outcomes. */
async function load({ loops, ms, step }) {
  const until = Date.now() + ms;
  const outcomes = { ok: 0, unavailable: 0, server: 0, other: 0, network: 0, slowest: 0, statuses: {}, samples: [] };
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let i = 0; Date.now() < until; i++) {
        const r = await step(loop, i);
        outcomes.slowest = Math.max(outcomes.slowest, r.ms);
        outcomes.statuses[r.status] = (outcomes.statuses[r.status] ?? 0) + 1;
        const code = r.body?.errors?.[0]?.extensions?.code;
        if (r.status === 0) outcomes.network++;
        else if (r.status === 200 && !r.body?.errors) outcomes.ok++;
        else if (r.status === 503 || code === 'SERVICE_UNAVAILABLE') outcomes.unavailable++;
        else if (r.status >= 500 || code === 'INTERNAL_SERVER_ERROR') outcomes.server++;
        else outcomes.other++;
        // the first few answers that were not a plain success, for the report
        if ((r.status !== 200 || r.body?.errors) && outcomes.samples.length < 3)
          outcomes.samples.push(`${r.status} ${JSON.stringify(r.body?.errors ?? r.error ?? r.body).slice(0, 300)}`);
        if (r.status !== 200) await sleep(50);
      }
    }),
  );
  return outcomes;
}

function sqlOn(node, statement) {
  return execFileSync('mariadb', [`--socket=${node.socket}`, '-uroot', '-N', '-B', 'clientele', '-e', statement], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function startNode(node) {
  const cnf = path.join(dir, node.name, 'my.cnf');
  const out = fs.openSync(path.join(dir, node.name, 'stdout.log'), 'a');
  const child = spawn('mariadbd', [`--defaults-file=${cnf}`, '--user=mysql'], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  return child.pid;
}

async function waitSynced(node, seconds) {
  for (let i = 0; i < seconds * 2; i++) {
    try {
      if (sqlOn(node, "SHOW STATUS LIKE 'wsrep_local_state_comment'").endsWith('Synced')) return true;
    } catch {
      // starting
    }
    await sleep(500);
  }
  return false;
}

function restartServer(server) {
  const out = fs.openSync(path.join(dir, `${server.name}.log`), 'a');
  const child = spawn(process.execPath, [path.join(checkout, 'packages/server/dist/main.js')], {
    cwd: checkout,
    env: { ...env, ...server.env },
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  const s = state();
  s.servers.find((x) => x.name === server.name).pid = child.pid;
  fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify(s, null, 2));
  return child.pid;
}

async function waitReady(url, seconds) {
  for (let i = 0; i < seconds * 2; i++) {
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await sleep(500);
  }
  return false;
}

// --- the scenarios -------------------------------------------------------------------------------

const COMPANY = `mutation($name: String!, $parentId: ID) { createCompany(input: { name: $name, parentId: $parentId }) { company { id } userErrors { code message } } }`;
const ACCOUNT = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } userErrors { code message } } }`;
const ADD_MEMBERSHIP = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } userErrors { code message } } }`;
const DEMOTE = `mutation($id: ID!) { updateMembership(input: { id: $id, role: MEMBER }) { membership { id role } userErrors { code message } } }`;
const MOVE = `mutation($id: ID!, $parentId: ID) { moveCompany(id: $id, parentId: $parentId) { company { id } userErrors { code message } } }`;
const CREATE_TICKET = `mutation($companyId: ID!, $title: String!) { createTicket(input: { companyId: $companyId, title: $title }) { ticket { id } userErrors { code message } } }`;
const TICKET = `query($id: ID!) { ticket(id: $id) { id } }`;
const errorsOf = (r) => [
  ...(r.body?.errors ?? []).map((e) => e.extensions?.code),
  ...(Object.values(r.body?.data ?? {})[0]?.userErrors ?? []).map((e) => e.code),
];
const succeeded = (r) => r.status === 200 && errorsOf(r).length === 0;

// Each race is run enough times to fail on the code before the Galera fixes (commit 6202460, with
// CLUSTER_CODE): there both demotions succeeded in 5, 3 and 5 of 30 rounds; now 0 of 30.
async function lastAdministratorRace({ s1, s2, admin1 }, rounds = 30) {
  console.log(`  last administrator: two ADMINISTRATORs demote each other on different servers, ${rounds} times`);
  let bothWon = 0;
  let noAdmin = 0;
  let internal = 0;
  for (let i = 0; i < rounds; i++) {
    const company = (await must(s1.url, COMPANY, { name: `Race ${unique()}` }, admin1)).createCompany.company.id;
    const people = [];
    for (const who of ['a', 'b']) {
      const email = `race.${who}.${unique()}@cluster.test`;
      const account = (
        await must(
          s1.url,
          ACCOUNT,
          { input: { email, firstName: 'Race', lastName: who.toUpperCase(), password: PASSWORD, language: 'en' } },
          admin1,
        )
      ).createAccount.account.id;
      const membership = (
        await must(s1.url, ADD_MEMBERSHIP, { input: { accountId: account, companyId: company, role: 'ADMINISTRATOR' } }, admin1)
      ).addMembership.membership.id;
      people.push({ email, membership });
    }
    const [a, b] = await Promise.all([signIn(s1.url, people[0].email), signIn(s2.url, people[1].email)]);
    const [ra, rb] = await Promise.all([
      gql(s1.url, DEMOTE, { id: people[1].membership }, a),
      gql(s2.url, DEMOTE, { id: people[0].membership }, b),
    ]);
    if (succeeded(ra) && succeeded(rb)) bothWon++;
    if ([ra, rb].some((r) => r.status >= 500 || errorsOf(r).includes('INTERNAL_SERVER_ERROR'))) internal++;
    const admins = Number(
      sqlOn(state().nodes[0], `SELECT COUNT(*) FROM membership WHERE company_id = '${company}' AND role = 'ADMINISTRATOR'`),
    );
    if (admins < 1) noAdmin++;
  }
  check(
    bothWon === 0 && noAdmin === 0,
    `both demotions succeeded ${bothWon}×, a company left without an administrator ${noAdmin}× (of ${rounds})`,
  );
  check(internal === 0, `masked internal errors: ${internal}`);
}

// On 6202460 this race formed a cycle for 9, 20, 13 and 14 of 80 pairs (four runs); its earlier form
// (one pair per round, no wait until the second server knew the companies) for 1 of 20. Now 0 of 80.
async function moveRace({ s1, s2, admin1, admin2 }, rounds = 40, pairs = 2) {
  console.log(`  moves: P under Q on one server while Q under P on the other, ${pairs} pairs at once, ${rounds} times`);
  // one kept-alive connection per pair and server, opened before the rounds: each round's requests leave at once
  await Promise.all(
    [s1, s2].flatMap((s, k) => Array.from({ length: pairs }, () => gql(s.url, `{ viewer { id } }`, {}, k ? admin2 : admin1))),
  );
  let cycles = 0;
  let broken = 0;
  let internal = 0;
  let moved = 0;
  for (let i = 0; i < rounds; i++) {
    const made = await Promise.all(
      Array.from({ length: pairs }, async () => ({
        p: (await must(s1.url, COMPANY, { name: `Move P ${unique()}` }, admin1)).createCompany.company.id,
        q: (await must(s1.url, COMPANY, { name: `Move Q ${unique()}` }, admin1)).createCompany.company.id,
      })),
    );
    // both servers know both companies before they race (code without causal reads could otherwise lose
    // the race to replication, not to the other move)
    const ids = made.flatMap(({ p, q }) => [p, q]);
    for (let t = 0; t < 40; t++) {
      const seen = await Promise.all(ids.map((id) => gql(s2.url, `query($id: ID!) { company(id: $id) { id } }`, { id }, admin2)));
      if (seen.every((r) => r.body?.data?.company)) break;
      await sleep(50);
    }
    const answers = await Promise.all(
      made.flatMap(({ p, q }) => [gql(s1.url, MOVE, { id: p, parentId: q }, admin1), gql(s2.url, MOVE, { id: q, parentId: p }, admin2)]),
    );
    internal += answers.filter((r) => r.status >= 500 || errorsOf(r).includes('INTERNAL_SERVER_ERROR')).length;
    moved += answers.filter(succeeded).length;
    const node = state().nodes[0];
    const parents = Object.fromEntries(
      sqlOn(node, `SELECT id, COALESCE(parent_id, '-') FROM company WHERE id IN (${ids.map((id) => `'${id}'`).join(', ')})`)
        .split('\n')
        .map((l) => l.split('\t')),
    );
    const closure = sqlOn(
      node,
      `SELECT ancestor_id, descendant_id, depth FROM company_closure WHERE descendant_id IN (${ids.map((id) => `'${id}'`).join(', ')})`,
    )
      .split('\n')
      .filter(Boolean);
    for (const { p, q } of made) {
      if (parents[p] === q && parents[q] === p) cycles++;
      // the closure must be what the parent links say: a self row each, and the one edge if any
      const expected = [`${p}\t${p}\t0`, `${q}\t${q}\t0`];
      if (parents[p] === q) expected.push(`${q}\t${p}\t1`);
      if (parents[q] === p) expected.push(`${p}\t${q}\t1`);
      const got = closure.filter((row) => row.split('\t')[1] === p || row.split('\t')[1] === q).sort();
      if (JSON.stringify(got) !== JSON.stringify(expected.sort())) broken++;
    }
  }
  const n = rounds * pairs;
  console.log(`    moves that succeeded: ${moved} of ${2 * n} (one of each pair at most)`);
  check(cycles === 0, `cycles formed: ${cycles} of ${n}`);
  check(broken === 0, `closure tables that disagree with the parent links: ${broken} of ${n}`);
  check(internal === 0, `masked internal errors: ${internal}`);
}

// 0 of 10 on 6202460 too (three runs): its acceptance already wrote the invitation row, which Galera
// certifies; the race guards that write.
async function invitationRace({ s1, s2, admin1 }, rounds = 10) {
  console.log(`  invitations: the same link accepted on both servers at once, ${rounds} times`);
  const outbox = path.join(dir, 'outbox');
  let twice = 0;
  let internal = 0;
  for (let i = 0; i < rounds; i++) {
    const company = (await must(s1.url, COMPANY, { name: `Invite ${unique()}` }, admin1)).createCompany.company.id;
    const email = `invitee.${unique()}@cluster.test`;
    await must(
      s1.url,
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code message } } }`,
      { input: { companyId: company, email, firstName: 'Invited', lastName: 'Person', language: 'en', role: 'MEMBER' } },
      admin1,
    );
    let token = null;
    for (let t = 0; t < 60 && !token; t++) {
      for (const file of fs.existsSync(outbox) ? fs.readdirSync(outbox) : []) {
        const text = fs.readFileSync(path.join(outbox, file), 'utf8');
        if (text.includes(email)) token = /invitations\/accept\?token=([A-Za-z0-9_%-]+)/.exec(text.replace(/=\r?\n/g, ''))?.[1] ?? null;
      }
      if (!token) await sleep(250);
    }
    if (!token) throw new Error(`no invitation mail for ${email} in ${outbox}`);
    const accept = `mutation($token: String!) { acceptInvitation(input: { token: $token, password: "${PASSWORD}" }) { token userErrors { code message } } }`;
    const [r1, r2] = await Promise.all([
      gql(s1.url, accept, { token: decodeURIComponent(token) }),
      gql(s2.url, accept, { token: decodeURIComponent(token) }),
    ]);
    if (succeeded(r1) && succeeded(r2)) twice++;
    if ([r1, r2].some((r) => r.status >= 500 || errorsOf(r).includes('INTERNAL_SERVER_ERROR'))) internal++;
  }
  check(twice === 0, `accepted twice: ${twice} of ${rounds}`);
  check(internal === 0, `masked internal errors: ${internal}`);
}

async function outboxClaims({ s1, s2, admin1, admin2 }, mails = 40) {
  console.log(`  outbox: ${mails} invitation mails written through both servers, delivered by both servers' workers`);
  const outbox = path.join(dir, 'outbox');
  const company = (await must(s1.url, COMPANY, { name: `Outbox ${unique()}` }, admin1)).createCompany.company.id;
  const run = unique();
  const emails = Array.from({ length: mails }, (_, i) => `outbox.${run}.${i}@cluster.test`);
  // two at a time, one through each server: the workers of both deliver while the mails come in
  // (forty invitations into one company at once would mostly be CONFLICT after the retries: one
  // company's lock, forty writers)
  const invite = async (email, i) => {
    const input = { companyId: company, email, firstName: 'Mail', lastName: `No ${i}`, language: 'en', role: 'MEMBER' };
    for (let attempt = 1; ; attempt++) {
      const r = await gql(
        i % 2 ? s2.url : s1.url,
        `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code message } } }`,
        { input },
        i % 2 ? admin2 : admin1,
      );
      if (succeeded(r)) return;
      // CONFLICT says "nothing was saved, try again": a client does
      if (!errorsOf(r).includes('CONFLICT') || attempt === 3)
        throw new Error(`inviteMember ${email}: ${JSON.stringify(r.body ?? r.error).slice(0, 300)}`);
    }
  };
  for (let i = 0; i < emails.length; i += 2) await Promise.all([invite(emails[i], i), invite(emails[i + 1], i + 1)]);
  const count = () => {
    const seen = new Map(emails.map((e) => [e, 0]));
    for (const file of fs.readdirSync(outbox)) {
      const text = fs.readFileSync(path.join(outbox, file), 'utf8');
      const to = /^To: .*?([a-z0-9.]+@cluster\.test)/im.exec(text)?.[1];
      if (to && seen.has(to)) seen.set(to, seen.get(to) + 1);
    }
    return seen;
  };
  for (let t = 0; t < 120 && [...count().values()].some((n) => n === 0); t++) await sleep(250);
  await sleep(3000); // time for a second delivery, if a mail were claimed twice
  const seen = [...count().values()];
  check(
    seen.every((n) => n >= 1),
    `mails delivered: ${seen.filter((n) => n >= 1).length} of ${mails}`,
  );
  check(
    seen.every((n) => n <= 1),
    `mails delivered more than once: ${seen.filter((n) => n > 1).length}`,
  );
}

async function readYourWrites({ s1, s2, admin1, admin2, companyId }, rounds = 100) {
  console.log(`  read-your-writes: a ticket created on one server read at once on the other, ${rounds} times; sign-in likewise`);
  let missing = 0;
  for (let i = 0; i < rounds; i++) {
    const [from, to, tokenFrom, tokenTo] = i % 2 ? [s1, s2, admin1, admin2] : [s2, s1, admin2, admin1];
    const id = (await must(from.url, CREATE_TICKET, { companyId, title: `Fresh ${i}` }, tokenFrom)).createTicket.ticket.id;
    const seen = await gql(to.url, TICKET, { id }, tokenTo);
    if (!seen.body?.data?.ticket) missing++;
  }
  check(missing === 0, `fresh tickets unknown on the other server: ${missing} of ${rounds}`);
  let unknownSessions = 0;
  for (let i = 0; i < 30; i++) {
    const token = await signIn(i % 2 ? s1.url : s2.url, 'alice.novak@northwind.demo');
    const r = await gql(i % 2 ? s2.url : s1.url, `{ viewer { id } }`, {}, token);
    if (!r.body?.data?.viewer) unknownSessions++;
  }
  check(unknownSessions === 0, `fresh sessions unknown on the other server: ${unknownSessions} of 30`);
}

async function nodeKilledUnderLoad({ front, admin1, companyId, s1 }) {
  console.log('  a Galera node killed (kill -9) under write load through the front');
  const acknowledged = [];
  const victim = state().nodes[1];
  setTimeout(() => process.kill(victim.pid, 'SIGKILL'), 2500);
  const outcomes = await load({
    loops: 4,
    ms: 8000,
    step: async (loop, i) => {
      const r = await gql(front.url, CREATE_TICKET, { companyId, title: `Load ${loop}.${i}` }, admin1, 15_000);
      const id = r.body?.data?.createTicket?.ticket?.id;
      if (id) acknowledged.push(id);
      return r;
    },
  });
  console.log(`    ${JSON.stringify(outcomes)}`);
  let lost = 0;
  for (let i = 0; i < acknowledged.length; i += 50) {
    const ids = acknowledged.slice(i, i + 50);
    const found = Number(sqlOn(state().nodes[0], `SELECT COUNT(*) FROM ticket WHERE id IN (${ids.map((x) => `'${x}'`).join(',')})`));
    lost += ids.length - found;
  }
  check(outcomes.server === 0 && outcomes.network === 0, `500s: ${outcomes.server}, broken connections: ${outcomes.network}`);
  check(outcomes.ok > 0, `writes acknowledged while a node was down: ${outcomes.ok}`);
  check(lost === 0, `acknowledged writes lost: ${lost} of ${acknowledged.length}`);
  const s = state();
  s.nodes[1].pid = startNode(victim);
  fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify(s, null, 2));
  check(await waitSynced(victim, 120), `${victim.name} rejoined and synced`);
  void s1;
}

async function drainUnderLoad({ front, s2, alice }) {
  console.log('  SIGTERM to a server under keep-alive read load through the front');
  setTimeout(() => process.kill(s2.pid, 'SIGTERM'), 2000);
  const outcomes = await load({
    loops: 6,
    ms: 7000,
    step: () => gql(front.url, `{ viewer { id } tickets(first: 5) { totalCount } }`, {}, alice),
  });
  console.log(`    ${JSON.stringify(outcomes)}`);
  check(
    outcomes.server === 0 && outcomes.unavailable === 0 && outcomes.network === 0,
    `5xx: ${outcomes.server + outcomes.unavailable}, broken connections: ${outcomes.network}`,
  );
  let gone = false;
  for (let i = 0; i < 60 && !gone; i++) {
    try {
      process.kill(s2.pid, 0);
      await sleep(500);
    } catch {
      gone = true;
    }
  }
  check(gone, `${s2.name} exited after draining`);
  restartServer(s2);
  check(await waitReady(s2.url, 60), `${s2.name} restarted`);
}

async function redisKilledUnderLoad({ front, alice }) {
  console.log('  Redis killed under load');
  const redis = state().redis;
  setTimeout(() => process.kill(redis.pid, 'SIGKILL'), 1500);
  const outcomes = await load({
    loops: 4,
    ms: 5000,
    step: () => gql(front.url, `{ viewer { id } tickets(first: 5) { totalCount } }`, {}, alice),
  });
  console.log(`    ${JSON.stringify(outcomes)}`);
  check(outcomes.server === 0 && outcomes.network === 0, `500s: ${outcomes.server}, broken connections: ${outcomes.network}`);
  check(outcomes.ok > outcomes.unavailable, `answered while Redis was gone: ${outcomes.ok} (503: ${outcomes.unavailable})`);
  const signInWorks = await gql(front.url, `mutation { signIn(email: "alice.novak@northwind.demo", password: "${PASSWORD}") { token } }`);
  check(Boolean(signInWorks.body?.data?.signIn?.token), 'sign-in works without Redis');
  execFileSync('redis-server', [
    '--port',
    String(redis.port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
    '--dir',
    dir,
    '--pidfile',
    path.join(dir, 'redis.pid'),
    '--logfile',
    path.join(dir, 'redis.log'),
  ]);
  await sleep(300);
  const s = state();
  s.redis.pid = Number(fs.readFileSync(path.join(dir, 'redis.pid'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify(s, null, 2));
}

async function databasePausedUnderLoad({ s1, alice, admin1, companyId }) {
  console.log('  the database node of a server paused (SIGSTOP) for 6 s under read and write load on that server');
  const node = state().nodes[0];
  const run = unique();
  const deadlineMs = 10_000; // REQUEST_TIMEOUT_MS
  const writes = [];
  const reads = [];
  const readiness = [];
  let pausedAt = Infinity;
  let resumedAt = Infinity;
  setTimeout(() => {
    process.kill(node.pid, 'SIGSTOP');
    pausedAt = Date.now();
  }, 1000);
  setTimeout(() => {
    process.kill(node.pid, 'SIGCONT');
    resumedAt = Date.now();
  }, 7000);
  const until = Date.now() + 9000;
  const probing = (async () => {
    while (Date.now() < until) {
      const at = Date.now();
      const status = await fetch(`${s1.url}/readyz`, { signal: AbortSignal.timeout(15_000) }).then(
        (r) => r.status,
        () => 0,
      );
      readiness.push({ at, status, ms: Date.now() - at });
      await sleep(200);
    }
  })();
  // three loops read, three create tickets, each with a title of its own to find it by afterwards
  const outcomes = await load({
    loops: 6,
    ms: 9000,
    step: async (loop, i) => {
      if (loop < 3) {
        const r = await gql(s1.url, `{ viewer { id } tickets(first: 5) { totalCount } }`, {}, alice, 30_000);
        reads.push(r);
        return r;
      }
      const title = `Paused ${run}.${loop}.${i}`;
      const r = await gql(s1.url, CREATE_TICKET, { companyId, title }, admin1, 30_000);
      writes.push({ title, r });
      return r;
    },
  });
  await probing;
  console.log(`    ${JSON.stringify(outcomes)}`);
  check(outcomes.server === 0 && outcomes.network === 0, `500s: ${outcomes.server}, broken connections: ${outcomes.network}`);
  // the deadline counts from arrival; a query still waiting then is answered then, a mutation once its
  // transaction is rolled back; a COMMIT already sent gets 2 s more (docs/decisions.md "Issue 14: faults").
  // 1 s of margin for this machine's scheduling. Before: answers at 11.1 and 12.0 s (a nested statement the
  // node held for 6 s after it resumed); before the fault work, 7 of 10 requests hung past 20 s.
  const slowestRead = Math.max(...reads.map((r) => r.ms));
  const slowestWrite = Math.max(...writes.map((w) => w.r.ms));
  check(slowestRead <= deadlineMs + 1000, `slowest read ${slowestRead} ms (bound: the deadline, 10 s, + 1 s)`);
  check(slowestWrite <= deadlineMs + 3000, `slowest write ${slowestWrite} ms (bound: the deadline + the COMMIT's 2 s grace + 1 s)`);
  const paused = readiness.filter((p) => p.at > pausedAt + 100 && p.at < resumedAt);
  check(
    paused.length > 0 && paused.every((p) => p.status === 503 && p.ms <= 1500),
    `readiness while paused: ${paused.filter((p) => p.status === 503 && p.ms <= 1500).length} of ${paused.length} probes 503 within 1.5 s ` +
      `(${JSON.stringify(paused.map((p) => `${p.status}/${p.ms}ms`))})`,
  );
  check(await waitSynced(node, 60), `${node.name} synced again`);
  const readyFrom = Date.now();
  check(await waitReady(s1.url, 30), `readiness 200 again ${((Date.now() - readyFrom) / 1000).toFixed(1)} s after ${node.name} synced`);
  // committed writes acknowledged: an OK is saved exactly once, a refusal not at all; an answer that says
  // the outcome is unknown (connection lost after COMMIT was sent, or its grace ran out) may be either
  const saved = new Map(
    sqlOn(node, `SELECT title, COUNT(*) FROM ticket WHERE title LIKE 'Paused ${run}.%' GROUP BY title`)
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'))
      .map(([title, n]) => [title, Number(n)]),
  );
  const counts = { ok: 0, refused: 0, unknown: 0, unexplained: 0, lost: 0, twice: 0, refusedButSaved: 0, unknownSaved: 0 };
  for (const { title, r } of writes) {
    const n = saved.get(title) ?? 0;
    if (n > 1) counts.twice++;
    const messages = (r.body?.errors ?? []).map((e) => e.message).join(' ');
    if (r.body?.data?.createTicket?.ticket?.id) {
      counts.ok++;
      if (n === 0) counts.lost++;
    } else if (/may or may not have been saved/.test(messages)) {
      counts.unknown++;
      if (n > 0) counts.unknownSaved++;
    } else if (errorsOf(r).some((code) => ['REQUEST_TIMEOUT', 'SERVICE_UNAVAILABLE', 'CONFLICT'].includes(code))) {
      counts.refused++;
      if (n > 0) counts.refusedButSaved++;
    } else counts.unexplained++;
  }
  console.log(`    writes: ${JSON.stringify(counts)}`);
  check(counts.lost === 0 && counts.twice === 0, `acknowledged writes lost: ${counts.lost} of ${counts.ok}, saved twice: ${counts.twice}`);
  check(
    counts.refusedButSaved === 0 && counts.unexplained === 0,
    `writes refused yet saved: ${counts.refusedButSaved} of ${counts.refused}; answers neither OK nor a refusal: ${counts.unexplained}`,
  );
  console.log(`    outcome unknown (said so): ${counts.unknown}, of them saved: ${counts.unknownSaved}`);
}

// --- the run -------------------------------------------------------------------------------------

const only = process.env.CLUSTER_ONLY?.split(',');
try {
  cluster('up');
  const s = state();
  const [s1, s2] = s.servers;
  const front = s.front;
  const admin1 = await signIn(s1.url, 'admin@clientele.demo');
  const admin2 = await signIn(s2.url, 'admin@clientele.demo');
  const alice = await signIn(front.url, 'alice.novak@northwind.demo');
  const companyId = (await must(s1.url, COMPANY, { name: `Cluster load ${unique()}` }, admin1)).createCompany.company.id;
  const world = { s1, s2, front, admin1, admin2, alice, companyId };
  const scenarios = {
    lastAdministratorRace,
    moveRace,
    invitationRace,
    outboxClaims,
    readYourWrites,
    nodeKilledUnderLoad,
    drainUnderLoad,
    redisKilledUnderLoad,
    databasePausedUnderLoad,
  };
  for (const [name, scenario] of Object.entries(scenarios)) {
    if (only && !only.includes(name)) continue;
    const t0 = Date.now();
    try {
      await scenario({ ...world, s2: state().servers[1], s1: state().servers[0] });
    } catch (error) {
      failures.push(`${name}: ${error.message}`);
      console.log(`    ✗ ${error.stack}`);
    }
    console.log(`  (${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
} finally {
  if (failures.length) {
    // what the servers logged above warnings, for the report (the cluster's folder goes with `down`)
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^server\d+\.log$/.test(f)) : []) {
      const lines = fs
        .readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .filter((l) => /"level":50/.test(l));
      for (const line of lines.slice(0, 5)) console.log(`  ${file}: ${line.slice(0, 2000)}`);
    }
  }
  if (!process.env.CLUSTER_KEEP) cluster('down');
}
console.log(`test:cluster: ${failures.length ? `${failures.length} check(s) failed` : 'every check held'} in ${seconds()} s`);
for (const f of failures) console.log(`  ✗ ${f}`);
process.exit(failures.length ? 1 : 0);
