import type { IncomingMessage } from 'node:http';
import { loadConfig } from '../../src/config';
import { clientIpResolver } from '../../src/http/graphql-request';

/** A request as it reaches the server: the connecting address and the proxy header. */
function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as never;
}

describe('TRUSTED_PROXIES: whose X-Forwarded-For names the client', () => {
  it('by default only loopback: a local reverse proxy is believed, anyone else is the client', () => {
    const config = loadConfig({});
    expect(config.http.trustedProxies).toEqual(['loopback']);
    const clientIpOf = clientIpResolver(config.http.trustedProxies);
    expect(clientIpOf(request('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(clientIpOf(request('10.0.0.5', '203.0.113.9'))).toBe('10.0.0.5');
  });

  it('a load balancer on another machine: its subnet is trusted, a client cannot forge a hop past it', () => {
    const config = loadConfig({ TRUSTED_PROXIES: 'loopback, 10.0.0.0/8' });
    expect(config.http.trustedProxies).toEqual(['loopback', '10.0.0.0/8']);
    const clientIpOf = clientIpResolver(config.http.trustedProxies);
    expect(clientIpOf(request('10.0.0.5', '203.0.113.9'))).toBe('203.0.113.9');
    // the client sent "X-Forwarded-For: 198.51.100.1" itself; HAProxy appended the real address
    expect(clientIpOf(request('10.0.0.5', '198.51.100.1, 203.0.113.9'))).toBe('203.0.113.9');
    expect(clientIpOf(request('192.0.2.7', '203.0.113.9'))).toBe('192.0.2.7');
  });

  it('an unreadable list is refused at start, with the setting named', () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: 'loopback, not-an-address' })).toThrow(/TRUSTED_PROXIES/);
  });
});
