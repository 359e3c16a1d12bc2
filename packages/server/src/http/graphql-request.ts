import { HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { App } from '../app';
import type { HttpResponseHooks } from '../kernel/request-context';

/**
 * Which proxies may name the client in X-Forwarded-For: only one on this machine. The one source of
 * this rule for both /graphql routes (Express gets it through `trust proxy`, the fast route calls clientIpOf).
 */
export const TRUSTED_PROXIES = 'loopback';
const trusted = proxyAddr.compile(TRUSTED_PROXIES);

export function clientIpOf(req: IncomingMessage): string | null {
  return proxyAddr(req, trusted) ?? null;
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
  const response = await app.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: () =>
      app.contextFor(bearerToken(req, app.config.session.cookieName), {
        requestId,
        clientIp,
        receivedAt,
        userAgent: req.headers['user-agent']?.slice(0, 512) ?? null,
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
