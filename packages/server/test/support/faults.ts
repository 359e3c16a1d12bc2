import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net, { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import mysql from 'mysql2/promise';
import pino, { Logger } from 'pino';
import { repoRoot } from '../../src/config';
import { testDatabaseUrl } from './test-app';

/**
 * A TCP proxy in front of a real server (MariaDB, Redis) that a test can make fail the ways
 * production does: `freeze()` (the server hangs: connections accepted, nothing answered),
 * `kill()` (down: open connections cut, new ones refused) and `start()` again.
 */
export class FaultProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private frozen = false;
  private readonly held: Array<() => void> = [];
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    this.frozen = false;
    const server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      const connect = () => {
        if (client.destroyed) return;
        const upstream = net.connect(this.targetPort, this.targetHost);
        this.sockets.add(upstream);
        upstream.on('close', () => {
          this.sockets.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.on('data', (chunk) => this.forward(upstream, chunk));
        upstream.on('data', (chunk) => this.forward(client, chunk));
      };
      if (this.frozen) this.held.push(connect);
      else connect();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  private readonly pending: Array<{ to: net.Socket; chunk: Buffer }> = [];

  private forward(to: net.Socket, chunk: Buffer): void {
    if (this.frozen) this.pending.push({ to, chunk });
    else if (!to.destroyed) to.write(chunk);
  }

  /** Hangs (as a server stopped with SIGSTOP): bytes wait in the proxy, new connections are accepted and wait. */
  freeze(): void {
    this.frozen = true;
  }

  /** Answers again (SIGCONT): what waited is delivered in order, waiting connections are connected. */
  thaw(): void {
    this.frozen = false;
    for (const { to, chunk } of this.pending.splice(0)) if (!to.destroyed) to.write(chunk);
    for (const connect of this.held.splice(0)) connect();
  }

  /** Down: every connection cut, new ones refused until `start()`. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.held.length = 0;
    this.pending.length = 0;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/** The MariaDB/MySQL server of DATABASE_URL, and a new utf8mb4 database on it (dropped by `drop`). */
export async function scratchDatabase(prefix: string, charset = 'utf8mb4') {
  const url = new URL(testDatabaseUrl.replace(/^mariadb:/, 'mysql:'));
  const server = {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  // under the test database's name, whole: a CI user may create only databases named "<its database>_*"
  const name = `${url.pathname.replace(/^\//, '') || 'clientele'}_${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection(server);
  if (charset) await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET ${charset}`);
  await admin.end();
  const credentials = server.password
    ? `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}`
    : encodeURIComponent(server.user);
  return {
    ...server,
    name,
    credentials,
    /** DATABASE_URL for these hosts (default: the server itself). */
    urlVia(hosts: Array<{ host: string; port: number }> = [server]) {
      return `mysql://${credentials}@${hosts.map((h) => `${h.host}:${h.port}`).join(',')}/${name}`;
    },
    async query(sql: string, params: unknown[] = []) {
      const c = await mysql.createConnection({ ...server, database: name });
      try {
        const [rows] = await c.query(sql, params);
        return rows as Array<Record<string, unknown>>;
      } finally {
        await c.end();
      }
    },
    async drop() {
      const c = await mysql.createConnection(server);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** A pino logger whose lines a test can read. */
export function capturedLogger(level = 'info'): { logger: Logger; lines: Array<{ level: number; msg: string; [k: string]: unknown }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it is true (or throws after `ms`). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** src/main.ts in a child process (through swc, as Jest runs it); resolves once /healthz answers. */
export async function startServerProcess(env: Record<string, string>) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-child-'));
  const hook = `
    const fs = require('fs');
    const swc = require('@swc/core');
    require.extensions['.ts'] = (module, filename) => {
      const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
        filename,
        jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    require(process.argv[1]);`;
  const child: ChildProcess = spawn(process.execPath, ['-e', hook, path.join(repoRoot, 'packages/server/src/main.ts')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: `sqlite:${path.join(dir, 'child.sqlite')}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_DATA: '0',
      LOG_LEVEL: 'info',
      MAIL_OUTBOX: path.join(dir, 'outbox'),
      SECRET_KEY: 'clientele-test-secret-key-0123456789abcdef',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 300) throw new Error(`server did not start: ${output}`);
      await sleep(100);
    }
  }
  return {
    base,
    port,
    child,
    exited,
    output: () => output,
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `redis-server` on `port` (our own: never the shared one), or null when it is not installed. */
export function startRedis(port: number): boolean {
  try {
    execFileSync('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'yes'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function stopRedis(port: number): void {
  try {
    execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
  } catch {
    // already down
  }
}
