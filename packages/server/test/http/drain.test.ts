import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { sleep, startServerProcess } from '../support/faults';

/**
 * Graceful drain on SIGTERM (docs/decisions.md "Issue 14: faults"): readiness 503 first, requests in
 * flight finished with `Connection: close`, idle keep-alive connections closed, exit 0 only when
 * drained; a request that never ends makes it a forced exit (non-zero) after SHUTDOWN_TIMEOUT_MS.
 * The server runs as a child process (src/main.ts) under keep-alive load.
 */
const ADMIN = { ADMIN_EMAIL: 'drain-admin@example.test', ADMIN_PASSWORD: 'drain admin password 2026' };

interface Answer {
  status: number;
  body: string;
  connection: string | undefined;
}

function request(agent: http.Agent, port: number, body: object, token?: string): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text, connection: res.headers.connection }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('SIGTERM drains', () => {
  it('under keep-alive load: readiness 503 first, zero 5xx, every acknowledged write saved, no committed write reset, exit 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-drain-'));
    const file = path.join(dir, 'drain.sqlite');
    const server = await startServerProcess({
      DATABASE_URL: `sqlite:${file}`,
      ...ADMIN,
      SHUTDOWN_DELAY_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '8000',
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
    try {
      const signIn = await request(agent, server.port, {
        query: 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
        variables: { e: ADMIN.ADMIN_EMAIL, p: ADMIN.ADMIN_PASSWORD },
      });
      const token = JSON.parse(signIn.body).data.signIn.token as string;

      const acknowledged: string[] = [];
      const failedToSend: string[] = [];
      const statuses: number[] = [];
      const connectionHeaders: Array<string | undefined> = [];
      let stop = false;
      let n = 0;
      const loop = async () => {
        while (!stop) {
          const name = `Drain ${n++}`;
          try {
            const answer = await request(
              agent,
              server.port,
              {
                query: 'mutation ($n: String!) { createCompany(input: { name: $n }) { company { id } userErrors { code } } }',
                variables: { n: name },
              },
              token,
            );
            statuses.push(answer.status);
            connectionHeaders.push(answer.connection);
            if (answer.status === 200 && JSON.parse(answer.body).data.createCompany.company) acknowledged.push(name);
          } catch {
            // refused once the listener is closed, or reset: then it must not have been saved
            failedToSend.push(name);
            await sleep(20);
          }
        }
      };
      const loops = Promise.all(Array.from({ length: 6 }, loop));
      await sleep(600);
      server.child.kill('SIGTERM');
      // readiness turns 503 first, while the listener still accepts (SHUTDOWN_DELAY_MS)
      let readiness: { status: number; body: unknown } | null = null;
      for (let i = 0; i < 100 && server.child.exitCode === null; i++) {
        const r = await fetch(`${server.base}/readyz`).catch(() => null);
        if (!r) break;
        readiness = { status: r.status, body: await r.json() };
        if (r.status === 503) break;
        await sleep(20);
      }
      expect(readiness).toEqual({ status: 503, body: { status: 'draining' } });
      const code = await server.exited;
      stop = true;
      await loops;

      expect(code).toBe(0);
      expect(server.output()).toMatch(/drained: every request in flight was answered/);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(5);
      expect(connectionHeaders).toContain('close');
      const db = new DataSource({ type: 'better-sqlite3', database: file, readonly: true });
      await db.initialize();
      try {
        const saved = new Set(((await db.query('SELECT name FROM company')) as Array<{ name: string }>).map((r) => r.name));
        for (const name of acknowledged) expect(saved.has(name)).toBe(true);
        for (const name of failedToSend) expect(saved.has(name)).toBe(false);
      } finally {
        await db.destroy();
      }
    } finally {
      agent.destroy();
      await server.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a request still in flight at SHUTDOWN_TIMEOUT_MS: the exit is forced and says so (non-zero)', async () => {
    const server = await startServerProcess({ SHUTDOWN_TIMEOUT_MS: '1000' });
    try {
      // headers sent, the body never finished: a request in flight that will not end by itself
      const socket = net.connect(server.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.on('error', () => undefined);
      socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
      await sleep(200);
      const started = Date.now();
      server.child.kill('SIGTERM');
      const code = await server.exited;
      expect(code).not.toBe(0);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(server.output()).toMatch(/shutdown forced/);
      socket.destroy();
    } finally {
      await server.kill();
    }
  });
});
