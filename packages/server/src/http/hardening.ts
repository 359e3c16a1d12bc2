import cors from 'cors';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config';

/** A connect-style middleware on plain Node objects: Express's routes and the fast GraphQL route share these. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** A caller's (or proxy's) own request id is kept when it looks like one; otherwise a new UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** `res.locals.requestId`, echoed as `X-Request-Id` and carried by the request's log lines. */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const id = requestIdFrom(req.headers['x-request-id']);
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}

/**
 * Helmet's headers with a CSP for the SPA served from this origin by Vite's build: scripts and
 * connections to this origin only, no inline scripts; inline styles allowed (React style
 * attributes and libraries that inject <style>), images and fonts also as data:/blob: URLs (Vite
 * inlines small assets). HSTS and upgrade-insecure-requests only when PUBLIC_URL is https.
 */
export function securityHeaders(config: Pick<Config, 'publicUrl'>): NodeMiddleware {
  const https = config.publicUrl.startsWith('https://');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    // invitation links carry their token in the query string: never send it on as a referrer
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/**
 * CORS for the origins in CORS_ORIGINS only (none by default: the SPA is same-origin), with
 * credentials so an allowed origin's SPA can use the session cookie. Other origins get no CORS
 * headers, so browsers keep their pages from reading responses or sending preflighted requests.
 */
export function corsForAllowedOrigins(origins: readonly string[]): NodeMiddleware {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'content-type',
      'authorization',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'x-request-id',
      'idempotency-key',
    ],
    exposedHeaders: ['x-request-id', 'idempotent-replayed'],
    maxAge: 600,
  });
}

export interface HttpError extends Error {
  status?: number;
  type?: string;
  /** raw-body's 413: the Content-Length that was over the limit (absent when a body without one was stopped at the limit). */
  expected?: number;
}

/**
 * Failures outside GraphQL (a body too large or not JSON, anything thrown by a middleware) as a
 * GraphQL-shaped JSON error: never Express's HTML page, which shows the stack outside production.
 */
export function handleErrorsAsJson(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: HttpError, req, res, next) => {
    if (res.headersSent) return next(error);
    sendErrorAsJson(logger, maxBodyBytes, req, res, res.locals.requestId as string | undefined, error);
  };
}

/** The answer of `handleErrorsAsJson`, on a plain Node response (the fast GraphQL route's too). */
export function sendErrorAsJson(
  logger: Logger,
  maxBodyBytes: number,
  req: IncomingMessage & { originalUrl?: string },
  res: ServerResponse,
  requestId: string | undefined,
  error: HttpError,
): void {
  const url = req.originalUrl ?? req.url;
  if (res.headersSent) {
    logger.error({ err: error, requestId, url }, 'unexpected error after the response started');
    res.destroy();
    return;
  }
  let status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  let extensions: Record<string, unknown>;
  let message: string;
  if (error.type === 'entity.too.large') {
    status = 413;
    message = `The request body is larger than ${maxBodyBytes} bytes, the maximum`;
    // `value` as for every limit: the declared length, or null when the body was stopped at the limit unread
    extensions = { code: 'BODY_TOO_LARGE', limit: maxBodyBytes, value: typeof error.expected === 'number' ? error.expected : null };
  } else if (error.type === 'entity.parse.failed') {
    message = 'The request body is not valid JSON';
    extensions = { code: 'BAD_REQUEST' };
  } else if (status < 500) {
    message = 'Bad request';
    extensions = { code: 'BAD_REQUEST' };
  } else {
    const correlationId = randomUUID();
    logger.error({ err: error, requestId, correlationId, url }, 'unexpected error');
    message = `Internal error; quote ${correlationId} when reporting it`;
    extensions = { code: 'INTERNAL_SERVER_ERROR', correlationId };
  }
  if (status < 500) logger.info({ requestId, status, code: extensions.code, url }, 'request refused');
  const body = JSON.stringify({ errors: [{ message, extensions }] });
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
