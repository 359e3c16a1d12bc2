import { parse as parseContentType } from 'content-type';
import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import type { App } from '../app';
import { clientIpResolver, executeGraphQL } from '../http/graphql-request';
import { requestIdFrom, sendErrorAsJson, type HttpError, type NodeMiddleware } from '../http/hardening';

/**
 * POST /graphql with a JSON body, the API's one hot path, served without Express's router, request
 * and response wrappers and body-parser (a fifth of a small request's CPU): the same middleware as
 * every other route (request id, security headers, CORS), the body read with the same limit and the
 * same JSON errors. Anything else (GET queries, preflights, other media types or encodings, other
 * paths) returns false and is Express's, which stays the reference for the edge cases.
 */
export function fastGraphQLRoute(app: App, sharedMiddleware: NodeMiddleware[]) {
  const maxBodyBytes = app.config.http.maxBodyBytes;
  const clientIpOf = clientIpResolver(app.config.http.trustedProxies);
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
        .then((text) => {
          app.fastPaths.fastHttpRoute++;
          return executeGraphQL(app, req, res, parseJsonBody(text), requestId, clientIpOf(req));
        })
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
