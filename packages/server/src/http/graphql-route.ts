import { HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { parse as parseContentType } from 'content-type';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import getRawBody from 'raw-body';
import type { App } from '../app';
import type { HttpResponseHooks } from '../graphql/context';
import { requestIdFrom, sendErrorAsJson, type HttpError, type NodeMiddleware } from './hardening';

/** Express's `trust proxy: loopback`: X-Forwarded-For counts only when a local proxy sent it. */
const trustLoopback = proxyAddr.compile('loopback');

function clientIpOf(req: IncomingMessage): string | null {
  return proxyAddr(req, trustLoopback) ?? null;
}

function bearerToken(req: IncomingMessage, cookieName: string): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || null;
  const cookies = req.headers.cookie ? parseCookies(req.headers.cookie) : {};
  return cookies[cookieName] ?? null;
}

/** The session cookie, written on the plain Node response (the same for both routes below). */
function sessionCookieHooks(res: ServerResponse, config: App['config']): HttpResponseHooks {
  const name = config.session.cookieName;
  return {
    setSessionCookie(token, expiresAt) {
      res.appendHeader(
        'Set-Cookie',
        serializeCookie(name, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.session.secureCookie,
          path: '/',
          expires: expiresAt,
        }),
      );
    },
    clearSessionCookie() {
      res.appendHeader('Set-Cookie', serializeCookie(name, '', { path: '/', expires: new Date(1) }));
    },
  };
}

/**
 * Runs one GraphQL-over-HTTP request through Apollo: the request's headers, query string and parsed
 * body in, Apollo's status, headers and body out. Shared by the fast route and Express's route.
 */
export async function executeGraphQL(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  requestId: string,
  clientIp: string | null,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers,
    search: query >= 0 ? url.slice(query) : '',
    body,
  };
  const response = await app.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: () =>
      app.contextFor(bearerToken(req, app.config.session.cookieName), {
        requestId,
        clientIp,
        http: sessionCookieHooks(res, app.config),
      }),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('Content-Length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * POST /graphql with a JSON body, the API's one hot path, served without Express's router, request
 * and response wrappers and body-parser (a fifth of a small request's CPU): the same middleware as
 * every other route (request id, security headers, CORS), the body read with the same limit and the
 * same JSON errors. Anything else (GET queries, preflights, other media types or encodings, other
 * paths) returns false and is Express's, which stays the reference for the edge cases.
 */
export function fastGraphQLRoute(app: App, sharedMiddleware: NodeMiddleware[]) {
  const maxBodyBytes = app.config.http.maxBodyBytes;
  return function serveFast(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST' || !isGraphQLPath(req.url) || !isPlainJson(req)) return false;
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    const fail = (error: HttpError) => sendErrorAsJson(app.logger, maxBodyBytes, req, res, requestId, error);
    let i = 0;
    const next = (error?: unknown) => {
      if (error) return fail(error as HttpError);
      if (i < sharedMiddleware.length) return sharedMiddleware[i++](req, res, next);
      getRawBody(req, { length: req.headers['content-length'], limit: maxBodyBytes, encoding: 'utf-8' })
        .then((text) => executeGraphQL(app, req, res, parseJsonBody(text), requestId, clientIpOf(req)))
        .catch(fail);
    };
    next();
    return true;
  };
}

function isGraphQLPath(url: string | undefined): boolean {
  if (!url?.startsWith('/graphql')) return false;
  return url.length === '/graphql'.length || url[8] === '?';
}

/** application/json in UTF-8 (body-parser's default charset), not compressed. */
function isPlainJson(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const header = req.headers['content-type'];
  if (!header) return false;
  try {
    const { type, parameters } = parseContentType(header);
    return type === 'application/json' && (parameters.charset === undefined || parameters.charset.toLowerCase() === 'utf-8');
  } catch {
    return false;
  }
}

/** As body-parser's strict JSON: an object or array, or nothing at all; anything else is a parse failure. */
function parseJsonBody(text: string): unknown {
  if (text.length === 0) return {};
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[')
    throw Object.assign(new SyntaxError('not a JSON object or array'), { status: 400, type: 'entity.parse.failed' });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw Object.assign(error as Error, { status: 400, type: 'entity.parse.failed' });
  }
}
