import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { App } from '../app';
import type { HttpResponseHooks } from '../kernel/request-context';
import { CapturedResponse, idempotencyKeyOf, isMutationBody, runIdempotently } from './idempotency';

/**
 * The client's address, X-Forwarded-For believed only from `trustedProxies` (TRUSTED_PROXIES; default
 * loopback). The one source of this rule for both /graphql routes: Express gets the same list
 * through `trust proxy`, the fast route calls the function this returns.
 */
export function clientIpResolver(trustedProxies: readonly string[]): (req: IncomingMessage) => string | null {
  const trusted = proxyAddr.compile([...trustedProxies]);
  return (req) => proxyAddr(req, trusted) ?? null;
}

/**
 * The request's token: `Authorization: Bearer <token>` (the scheme in any case; an empty token is
 * refused as TOKEN_INVALID), else the session cookie. Other schemes (a proxy's Basic) are not ours.
 */
function bearerToken(req: IncomingMessage, cookieName: string): { token: string | null; tokenSource: 'authorization' | 'cookie' } {
  const bearer = /^bearer(?:\s+(.*))?$/is.exec(req.headers.authorization ?? '');
  if (bearer) return { token: (bearer[1] ?? '').trim(), tokenSource: 'authorization' };
  const cookies = req.headers.cookie ? parseCookies(req.headers.cookie) : {};
  return { token: cookies[cookieName] || null, tokenSource: 'cookie' };
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
  const receivedAt = Date.now(); // the request deadline counts from here, the session lookup included
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
  const { token, tokenSource } = bearerToken(req, app.config.session.cookieName);
  const context = () =>
    app.contextFor(token, {
      tokenSource,
      requestId,
      clientIp,
      receivedAt,
      userAgent: req.headers['user-agent']?.slice(0, 512) ?? null,
      http: sessionCookieHooks(res, app.config),
    });
  const idempotencyKey = idempotencyKeyOf(req.headers);
  if (idempotencyKey !== undefined && httpGraphQLRequest.method === 'POST' && isMutationBody(body, app.config.limits.maxTokens)) {
    // the key is the account's: the context (token lookup) first, then Apollo runs on that same context
    const contextValue = context();
    contextValue.catch(() => undefined); // Apollo reports a failed context
    const answer = await runIdempotently(
      app,
      { key: idempotencyKey, body, deadlineAt: receivedAt + app.config.http.requestTimeoutMs, requestId },
      contextValue,
      async () => captured(await app.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => contextValue })),
    );
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status;
    res.setHeader('Content-Length', Buffer.byteLength(answer.body));
    res.end(answer.body);
    return;
  }
  const response = await app.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
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

/** Apollo's answer in full (a mutation's is never incremental; if it were, its parts are joined). */
async function captured(response: HTTPGraphQLResponse): Promise<CapturedResponse> {
  let body: string;
  if (response.body.kind === 'complete') body = response.body.string;
  else {
    body = '';
    for await (const chunk of response.body.asyncIterator) body += chunk;
  }
  return { status: response.status ?? 200, headers: [...response.headers], body };
}
