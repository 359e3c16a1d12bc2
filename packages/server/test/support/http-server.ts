import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/app';
import { createHttpServer } from '../../src/http/server';

export interface ServedApp {
  server: http.Server;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string;
  /** Closes keep-alive connections too, so the test file ends at once. */
  close(): Promise<void>;
}

/** The app behind its real HTTP server (both /graphql routes, /export, ...) on a free loopback port. */
export function serveOverHttp(app: App): Promise<ServedApp> {
  return listenOnLoopback(createHttpServer(app));
}

/** Any server (e.g. an express app with one route under test) on a free loopback port. */
export async function listenOnLoopback(server: http.Server): Promise<ServedApp> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
