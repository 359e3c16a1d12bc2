import { expressMiddleware } from '@as-integrations/express5';
import { parse as parseCookies } from 'cookie';
import express, { Request, Response } from 'express';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { App } from '../app';
import { SCHEMA_FILE } from '../graphql/schema-file';
import { corsForAllowedOrigins, handleErrorsAsJson, requestId, securityHeaders } from './hardening';

function bearerToken(req: Request, cookieName: string): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || null;
  const cookies = req.headers.cookie ? parseCookies(req.headers.cookie) : {};
  return cookies[cookieName] ?? null;
}

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clientele</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto"><h1>Clientele</h1>
<p>The API is running at <a href="/graphql">/graphql</a>. The web client is not built yet.</p></body></html>`;

/** HTTP: /graphql, health probes, the published SDL and the SPA, on one port. */
export function createHttpServer(app: App): http.Server {
  const { config } = app;
  const web = express();
  web.disable('x-powered-by');
  // answers depend on the viewer and are never served from a cache: no hash of every response body
  // (the SPA's static files keep their own ETags)
  web.set('etag', false);
  web.set('trust proxy', 'loopback');
  web.use(requestId(), securityHeaders(config));
  const cors = corsForAllowedOrigins(config.http.corsOrigins);

  web.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  web.get('/readyz', async (_req, res) => {
    try {
      await app.database.reader.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  web.get('/schema.graphql', cors, (_req, res) => {
    res.type('text/plain; charset=utf-8').sendFile(SCHEMA_FILE);
  });

  web.use(
    '/graphql',
    cors,
    express.json({ limit: config.http.maxBodyBytes }),
    expressMiddleware(app.apollo, {
      context: async ({ req, res }: { req: Request; res: Response }) =>
        app.contextFor(bearerToken(req, config.session.cookieName), {
          requestId: res.locals.requestId as string,
          clientIp: req.ip ?? null,
          http: {
            setSessionCookie(token, expiresAt) {
              res.cookie(config.session.cookieName, token, {
                httpOnly: true,
                sameSite: 'lax',
                secure: config.session.secureCookie,
                path: '/',
                expires: expiresAt,
              });
            },
            clearSessionCookie() {
              res.clearCookie(config.session.cookieName, { path: '/' });
            },
          },
        }),
    }),
  );

  // the SPA: static files, and index.html for client-side routes such as /invitations/accept
  const index = path.join(config.webDist, 'index.html');
  web.use(express.static(config.webDist, { index: false }));
  web.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (fs.existsSync(index)) res.sendFile(index);
    else res.type('html').send(PLACEHOLDER);
  });
  web.use(handleErrorsAsJson(app.logger, config.http.maxBodyBytes));
  return http.createServer(web);
}
