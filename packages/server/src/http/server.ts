import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { App } from '../app';
import { SCHEMA_FILE } from '../graphql/schema-file';
import { fastGraphQLRoute } from '../execution/fast-http-route';
import { clientIpResolver, executeGraphQL } from './graphql-request';
import { corsForAllowedOrigins, handleErrorsAsJson, requestId, securityHeaders } from './hardening';
import { Drain } from './drain';
import { exportRoute } from './export-route';

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clientele</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto"><h1>Clientele</h1>
<p>The API is running at <a href="/graphql">/graphql</a>. The web client is not built yet.</p></body></html>`;

/** How long /readyz waits for the database and Redis before it answers 503. */
const READINESS_TIMEOUT_MS = 1_000;

/** HTTP: /graphql, health probes, the published SDL and the SPA, on one port. `drain` shuts it down gracefully (main.ts). */
export function createHttpServer(app: App, drain: Drain = new Drain()): http.Server {
  const { config } = app;
  const web = express();
  web.disable('x-powered-by');
  // answers depend on the viewer and are never served from a cache: no hash of every response body
  // (the SPA's static files keep their own ETags)
  web.set('etag', false);
  web.set('trust proxy', config.http.trustedProxies);
  const clientIpOf = clientIpResolver(config.http.trustedProxies);
  const security = securityHeaders(config);
  const cors = corsForAllowedOrigins(config.http.corsOrigins);
  web.use(requestId(), security);

  web.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // 503 within a second when the database (or a configured Redis) does not answer, and while draining
  web.get('/readyz', async (_req, res) => {
    if (drain.isDraining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const readiness = await app.readiness(READINESS_TIMEOUT_MS);
    const body = { status: readiness.ready ? 'ready' : 'unavailable', database: readiness.database, redis: readiness.redis };
    res.status(readiness.ready ? 200 : 503).json(body);
  });
  web.get('/schema.graphql', cors, (_req, res) => {
    res.type('text/plain; charset=utf-8').sendFile(SCHEMA_FILE);
  });

  web.use('/graphql', cors, express.json({ limit: config.http.maxBodyBytes }), (req, res, next) => {
    app.fastPaths.expressGraphQLRoute++;
    executeGraphQL(app, req, res, req.body as unknown, res.locals.requestId as string, clientIpOf(req)).catch(next);
  });

  // CSV exports of the staff lists: same-origin downloads with the session cookie, no CORS (export-route.ts)
  web.get('/export/:file', exportRoute(app));

  // the SPA: static files, and index.html for client-side routes such as /invitations/accept
  const index = path.join(config.webDist, 'index.html');
  web.use(express.static(config.webDist, { index: false }));
  web.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (fs.existsSync(index)) res.sendFile(index);
    else res.type('html').send(PLACEHOLDER);
  });
  web.use(handleErrorsAsJson(app.logger, config.http.maxBodyBytes));
  const serveFast = fastGraphQLRoute(app, [security, cors]);
  return http.createServer((req, res) => {
    drain.track(req, res);
    if (!serveFast(req, res)) web(req, res);
  });
}
