#!/usr/bin/env node
// `pnpm cluster up|down|status`: a multi-primary deployment on this machine's loopback, for trying and
// testing Clientele as it runs in production (issue 14): a 3-node MariaDB Galera cluster (galera-4 from
// Debian, own data folders and ports, run as the `mysql` user because rsync SST needs it), its own Redis
// for the shared budgets, two or three server processes (each talking to its own node first), and HAProxy
// in front, health-checking /readyz. `up` installs what is missing with apt-get, builds what is not built,
// and loads the demo data into the new database like `pnpm start`; `down` stops it all and removes its
// folder. Everything lives in CLUSTER_DIR (default: clientele-cluster in the system's temporary folder).
//
//   CLUSTER_DIR, CLUSTER_PORT (front, 4100; servers 4101…), CLUSTER_SERVERS (2 or 3),
//   CLUSTER_DB_PORT (first node, 3311…), CLUSTER_REDIS_PORT (6390)
//   CLUSTER_LOAD: a shell command run once the empty database exists and before any server starts, with
//     CLUSTER_DATABASE_URL (the cluster's database user, through node 1) in its environment: other data
//     than the demo's, e.g. the benchmark's (bench/cluster.mjs); with DEMO_DATA=0 the servers then start
//     on that data alone. The servers' other settings (DEMO_DATA, LOG_LEVEL, limits) come from the environment.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = path.resolve(process.env.CLUSTER_DIR ?? path.join(os.tmpdir(), 'clientele-cluster'));
const stateFile = path.join(dir, 'state.json');
const FRONT_PORT = Number(process.env.CLUSTER_PORT ?? 4100);
const SERVERS = Math.min(3, Math.max(1, Number(process.env.CLUSTER_SERVERS ?? 2)));
const DB_PORT = Number(process.env.CLUSTER_DB_PORT ?? 3311);
const REDIS_PORT = Number(process.env.CLUSTER_REDIS_PORT ?? 6390);
const NODES = [1, 2, 3].map((n) => ({
  name: `node${n}`,
  port: DB_PORT + n - 1,
  gcomm: DB_PORT + 1260 + n - 1, // 4571…: group communication
  ist: DB_PORT + 1270 + n - 1, // 4581…: incremental state transfer
  sst: DB_PORT + 1280 + n - 1, // 4591…: rsync state snapshot transfer
  dir: path.join(dir, `node${n}`),
}));
const DB_NAME = 'clientele';
const DB_USER = 'clientele';

const log = (...a) => console.log('[cluster]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const readState = () => (fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : null);
// it holds the database password and SECRET_KEY: for this user only
const writeState = (s) => fs.writeFileSync(stateFile, JSON.stringify(s, null, 2), { mode: 0o600 });

function alive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // an exited process whose parent (e.g. the test harness that restarted it) has not reaped it yet
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** apt-get what is missing (galera-4, haproxy, rsync, redis-server, mariadb-server). */
function ensurePackages() {
  const needs = [
    ['/usr/lib/galera/libgalera_smm.so', 'galera-4'],
    ['/usr/sbin/haproxy', 'haproxy'],
    ['/usr/bin/rsync', 'rsync'],
    ['/usr/bin/redis-server', 'redis-server'],
    ['/usr/sbin/mariadbd', 'mariadb-server'],
  ].filter(([file]) => !fs.existsSync(file));
  if (!needs.length) return;
  const packages = needs.map(([, p]) => p);
  log(`installing ${packages.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  if (install().status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (install().status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed`);
  }
}

function ensureBuilt() {
  const server = path.join(root, 'packages/server/dist/main.js');
  const web = path.join(root, 'packages/web/dist/index.html');
  if (fs.existsSync(server) && fs.existsSync(web)) return;
  log('building the server and the web client');
  execFileSync('pnpm', ['--filter', '@clientele/server', 'run', 'build'], { cwd: root, stdio: 'inherit' });
  execFileSync('pnpm', ['--filter', '@clientele/web', 'run', 'build'], { cwd: root, stdio: 'inherit' });
}

function nodeConfig(node) {
  const all = NODES.map((n) => `127.0.0.1:${n.gcomm}`).join(',');
  return `[mysqld]
datadir=${node.dir}/data
socket=${node.dir}/mysqld.sock
pid-file=${node.dir}/mysqld.pid
log-error=${node.dir}/error.log
port=${node.port}
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_buffer_pool_size=64M
innodb_log_file_size=48M
innodb_autoinc_lock_mode=2
binlog_format=ROW
default_storage_engine=InnoDB
max_connections=300
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=clientele
wsrep_cluster_address=gcomm://${all}
wsrep_node_name=${node.name}
wsrep_node_address=127.0.0.1:${node.gcomm}
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:${node.gcomm};ist.recv_addr=127.0.0.1:${node.ist};gcache.size=64M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:${node.sst}
`;
}

/** Runs SQL on a node as root through its socket (the bootstrap's root has no password there). */
function sql(node, statement) {
  return execFileSync('mariadb', [`--socket=${node.dir}/mysqld.sock`, '-uroot', '-N', '-B', '-e', statement], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function wsrepState(node) {
  try {
    const out = sql(node, "SHOW STATUS WHERE Variable_name IN ('wsrep_local_state_comment','wsrep_cluster_size')");
    const m = Object.fromEntries(out.split('\n').map((l) => l.split('\t')));
    return { state: m.wsrep_local_state_comment ?? '?', size: Number(m.wsrep_cluster_size ?? 0) };
  } catch {
    return null;
  }
}

async function startNode(node, bootstrap) {
  fs.mkdirSync(path.join(node.dir, 'data'), { recursive: true });
  fs.writeFileSync(path.join(node.dir, 'my.cnf'), nodeConfig(node));
  execFileSync('chown', ['-R', 'mysql:mysql', node.dir]);
  if (bootstrap) {
    execFileSync(
      'mariadb-install-db',
      [`--defaults-file=${node.dir}/my.cnf`, '--user=mysql', '--auth-root-authentication-method=normal', '--skip-test-db'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const out = fs.openSync(path.join(node.dir, 'stdout.log'), 'a');
  const child = spawn('mariadbd', [`--defaults-file=${node.dir}/my.cnf`, '--user=mysql', ...(bootstrap ? ['--wsrep-new-cluster'] : [])], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  for (let i = 0; i < 240; i++) {
    const s = wsrepState(node);
    if (s?.state === 'Synced') return child.pid;
    if (child.exitCode !== null) break;
    await sleep(500);
  }
  const tail = fs.existsSync(`${node.dir}/error.log`)
    ? fs.readFileSync(`${node.dir}/error.log`, 'utf8').split('\n').slice(-25).join('\n')
    : '';
  throw new Error(`${node.name} did not reach Synced; the end of ${node.dir}/error.log:\n${tail}`);
}

async function waitReady(url, seconds) {
  for (let i = 0; i < seconds * 2; i++) {
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${url} did not become ready in ${seconds} s`);
}

function haproxyConfig(servers) {
  return `global
  maxconn 4000
  log stderr format raw local0 warning

defaults
  mode http
  log global
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 10s
  retries 2
  option redispatch
  # a request that met a connection the server had just closed (idle keep-alive, a drain) was never
  # read by it: send it again, to another server if need be
  retry-on conn-failure empty-response

frontend front
  bind 127.0.0.1:${FRONT_PORT}
  default_backend servers

backend servers
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 1s fall 2 rise 2
  # when no server is ready (e.g. Redis is down: /readyz says so, the servers go on with per-process
  # budgets), the same processes unchecked as backups: better their answers than HAProxy's 503
  option allbackups
${servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`).join('\n')}
${servers.map((s) => `  server ${s.name}-fallback 127.0.0.1:${s.port} backup`).join('\n')}
`;
}

async function up() {
  const existing = readState();
  if (existing && existing.servers?.some((s) => alive(s.pid))) {
    log(`already up (${dir}); \`pnpm cluster status\` or \`pnpm cluster down\``);
    return status();
  }
  ensurePackages();
  ensureBuilt();
  for (const port of [FRONT_PORT, REDIS_PORT, ...NODES.flatMap((n) => [n.port, n.gcomm, n.ist, n.sst])])
    if (await portOpen(port)) throw new Error(`port ${port} is taken: another cluster (CLUSTER_DIR) or program runs there`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const state = { dir, nodes: [], redis: null, servers: [], front: null };
  writeState(state);

  // the first node starts a new cluster; the others join it and receive its data by rsync
  for (const [i, node] of NODES.entries()) {
    log(`starting Galera ${node.name} on 127.0.0.1:${node.port}${i === 0 ? ' (bootstrapping the cluster)' : ''}`);
    const pid = await startNode(node, i === 0);
    state.nodes.push({ name: node.name, port: node.port, pid, socket: `${node.dir}/mysqld.sock` });
    writeState(state);
  }
  const password = randomBytes(18).toString('base64url');
  sql(
    NODES[0],
    `CREATE DATABASE ${DB_NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
     CREATE USER '${DB_USER}'@'127.0.0.1' IDENTIFIED BY '${password}';
     GRANT ALL ON ${DB_NAME}.* TO '${DB_USER}'@'127.0.0.1';`,
  );
  if (process.env.CLUSTER_LOAD) {
    log(`loading data before the servers start: ${process.env.CLUSTER_LOAD}`);
    const loaded = spawnSync(process.env.CLUSTER_LOAD, {
      shell: true,
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, CLUSTER_DATABASE_URL: `mysql://${DB_USER}:${password}@127.0.0.1:${NODES[0].port}/${DB_NAME}` },
    });
    if (loaded.status !== 0) throw new Error(`CLUSTER_LOAD failed (exit code ${loaded.status ?? loaded.signal})`);
  }

  log(`starting Redis on 127.0.0.1:${REDIS_PORT}`);
  execFileSync('redis-server', [
    '--port',
    String(REDIS_PORT),
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
  for (let i = 0; i < 20 && !fs.existsSync(path.join(dir, 'redis.pid')); i++) await sleep(100);
  state.redis = { port: REDIS_PORT, pid: Number(fs.readFileSync(path.join(dir, 'redis.pid'), 'utf8')) };
  writeState(state);

  const front = `http://127.0.0.1:${FRONT_PORT}`;
  const secretKey = randomBytes(32).toString('base64url');
  fs.mkdirSync(path.join(dir, 'outbox'), { recursive: true });
  for (let i = 0; i < SERVERS; i++) {
    const port = FRONT_PORT + 1 + i;
    // each process talks to its own node first and moves on to the others when it dies
    const hosts = [...NODES.slice(i % NODES.length), ...NODES.slice(0, i % NODES.length)].map((n) => `127.0.0.1:${n.port}`);
    // what this process is started with on top of the caller's environment (kept for restarts)
    const own = {
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `mysql://${DB_USER}:${password}@${hosts.join(',')}/${DB_NAME}`,
      REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
      SECRET_KEY: secretKey,
      PUBLIC_URL: front,
      MAIL_OUTBOX: path.join(dir, 'outbox'),
      DEMO_DATA: process.env.DEMO_DATA ?? '1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      // HAProxy checks /readyz every second: keep accepting that long after SIGTERM
      SHUTDOWN_DELAY_MS: process.env.SHUTDOWN_DELAY_MS ?? '2000',
    };
    const out = fs.openSync(path.join(dir, `server${i + 1}.log`), 'a');
    const child = spawn(process.execPath, [path.join(root, 'packages/server/dist/main.js')], {
      cwd: root,
      env: { ...process.env, ...own },
      detached: true,
      stdio: ['ignore', out, out],
    });
    child.unref();
    const server = {
      name: `server${i + 1}`,
      url: `http://127.0.0.1:${port}`,
      port,
      pid: child.pid,
      env: own,
    };
    state.servers.push(server);
    writeState(state);
    log(`starting ${server.name} on ${server.url} (database ${hosts[0]} first)`);
    // the first one migrates and loads the demo data alone; the others start on a ready database
    await waitReady(server.url, 120);
  }

  fs.writeFileSync(path.join(dir, 'haproxy.cfg'), haproxyConfig(state.servers));
  execFileSync('haproxy', ['-D', '-f', path.join(dir, 'haproxy.cfg'), '-p', path.join(dir, 'haproxy.pid')]);
  for (let i = 0; i < 20 && !fs.existsSync(path.join(dir, 'haproxy.pid')); i++) await sleep(100);
  state.front = { url: front, pid: Number(fs.readFileSync(path.join(dir, 'haproxy.pid'), 'utf8').trim().split('\n')[0]) };
  writeState(state);
  await waitReady(front, 20);
  log(`up: ${front} (sign in with the demo accounts of the README)`);
  await status();
}

async function status() {
  const state = readState();
  if (!state) {
    console.log(`down (no cluster in ${dir})`);
    process.exitCode = 1;
    return;
  }
  const ready = async (url) => {
    try {
      return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1500) })).status === 200 ? 'ready' : 'not ready';
    } catch {
      return 'not answering';
    }
  };
  for (const s of state.servers) console.log(`server ${s.url} ${alive(s.pid) ? await ready(s.url) : 'stopped'} pid ${s.pid}`);
  if (state.front) console.log(`front ${state.front.url} ${alive(state.front.pid) ? await ready(state.front.url) : 'stopped'}`);
  for (const n of state.nodes) {
    const node = NODES.find((x) => x.name === n.name);
    const s = alive(n.pid) ? wsrepState(node) : null;
    console.log(`database ${n.name} 127.0.0.1:${n.port} ${s ? `${s.state}, cluster size ${s.size}` : 'stopped'}`);
  }
  if (state.redis) console.log(`redis 127.0.0.1:${state.redis.port} ${alive(state.redis.pid) ? 'running' : 'stopped'}`);
  console.log(`folder ${state.dir}`);
}

async function stopPid(pid, name, seconds = 20) {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < seconds * 10 && alive(pid); i++) await sleep(100);
  if (alive(pid)) {
    log(`${name} did not stop in ${seconds} s: killing it`);
    process.kill(pid, 'SIGKILL');
  }
}

async function down() {
  const state = readState();
  if (state) {
    if (state.front) await stopPid(state.front.pid, 'haproxy', 5);
    await Promise.all(state.servers.map((s) => stopPid(s.pid, s.name, 25)));
    if (state.redis) await stopPid(state.redis.pid, 'redis', 5);
    // the last node to leave is the one that can bootstrap again: stop them one at a time
    for (const n of [...state.nodes].reverse()) await stopPid(n.pid, n.name, 60);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  log(`down: ${dir} removed`);
}

const commands = { up, down, status };
const command = process.argv[2];
if (!commands[command]) {
  console.error('usage: pnpm cluster up|down|status');
  process.exit(2);
}
try {
  await commands[command]();
} catch (error) {
  console.error(`[cluster] ${command} failed: ${error.message}`);
  process.exit(1);
}
