import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  checkOutboundUrl,
  closeEgressConnections,
  EgressPolicy,
  EgressRefusedError,
  HostResolver,
  isPublicAddress,
  postJson,
  RESPONSE_EXCERPT_BYTES,
  signatureOf,
} from '../../src/infrastructure/egress';

/**
 * Outbound HTTP for webhooks: literal and resolved non-public addresses refused at check time and
 * at connect time (DNS rebinding), no redirects, one deadline, bounded excerpts. Receivers are local
 * HTTP servers; names resolve through an injected resolver so no test depends on real DNS.
 */

const STRICT: EgressPolicy = { allowHttp: true, allowPrivateNetworks: false };
const LOCAL_OK: EgressPolicy = { allowHttp: true, allowPrivateNetworks: true };

const resolveTo =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

interface Receiver {
  port: number;
  url: string;
  requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

async function receiver(respond: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      respond(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EgressRefusedError) return error.reason;
    throw error;
  }
  return 'ALLOWED';
}

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['10.20.30.40', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['0.1.2.3', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['240.0.0.1', false],
    ['192.0.2.1', false],
    ['::', false],
    ['::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.0.0.1', false],
    ['fe80::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['64:ff9b::a00:1', false],
    ['2001:db8::1', false],
    ['not-an-address', false],
  ])('%s -> %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('checkOutboundUrl', () => {
  it.each([
    'http://127.0.0.1/hook',
    'https://10.1.2.3/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:8080/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://0.0.0.0/',
    'http://2130706433/', // 127.0.0.1 in decimal; the URL parser normalizes it
    'http://0x7f.1/',
    'https://192.168.0.10:8443/x',
  ])('refuses the literal non-public address of %s', async (url) => {
    expect(await refusalOf(checkOutboundUrl(url, STRICT))).toBe('PRIVATE_ADDRESS');
  });

  it('allows a public literal address and a name resolving to public addresses', async () => {
    expect(await refusalOf(checkOutboundUrl('https://93.184.216.34/hook', STRICT))).toBe('ALLOWED');
    const resolve = resolveTo('93.184.216.34', '2606:4700:4700::1111');
    expect(await refusalOf(checkOutboundUrl('https://hooks.example.com/x', STRICT, { resolve }))).toBe('ALLOWED');
  });

  it('refuses a name resolving to loopback (the real resolver: localhost)', async () => {
    expect(await refusalOf(checkOutboundUrl('http://localhost:9999/hook', STRICT))).toBe('PRIVATE_ADDRESS');
  });

  it('refuses a name when any of its addresses is non-public', async () => {
    const onlyPrivate = resolveTo('10.0.0.7');
    const mixed = resolveTo('93.184.216.34', '::ffff:127.0.0.1');
    expect(await refusalOf(checkOutboundUrl('https://internal.example.com/', STRICT, { resolve: onlyPrivate }))).toBe('PRIVATE_ADDRESS');
    expect(await refusalOf(checkOutboundUrl('https://mixed.example.com/', STRICT, { resolve: mixed }))).toBe('PRIVATE_ADDRESS');
  });

  it('allows non-public addresses when the policy does', async () => {
    expect(await refusalOf(checkOutboundUrl('http://127.0.0.1:1/hook', LOCAL_OK))).toBe('ALLOWED');
    expect(await refusalOf(checkOutboundUrl('http://localhost:1/hook', LOCAL_OK))).toBe('ALLOWED');
  });

  it('checks the scheme and the shape of the URL', async () => {
    const httpsOnly: EgressPolicy = { allowHttp: false, allowPrivateNetworks: false };
    expect(await refusalOf(checkOutboundUrl('http://93.184.216.34/hook', httpsOnly))).toBe('SCHEME_NOT_ALLOWED');
    expect(await refusalOf(checkOutboundUrl('https://93.184.216.34/hook', httpsOnly))).toBe('ALLOWED');
    expect(await refusalOf(checkOutboundUrl('ftp://93.184.216.34/hook', STRICT))).toBe('SCHEME_NOT_ALLOWED');
    expect(await refusalOf(checkOutboundUrl('file:///etc/passwd', STRICT))).toBe('SCHEME_NOT_ALLOWED');
    expect(await refusalOf(checkOutboundUrl('not a url', STRICT))).toBe('INVALID_URL');
    expect(await refusalOf(checkOutboundUrl('https://user:pw@93.184.216.34/', STRICT))).toBe('INVALID_URL');
  });

  it('reports a name that does not resolve', async () => {
    const nxdomain: HostResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
    };
    expect(await refusalOf(checkOutboundUrl('https://nowhere.example/', STRICT, { resolve: nxdomain }))).toBe('UNRESOLVABLE');
    expect(await refusalOf(checkOutboundUrl('https://empty.example/', STRICT, { resolve: resolveTo() }))).toBe('UNRESOLVABLE');
  });
});

describe('postJson', () => {
  const receivers: Receiver[] = [];
  const start = async (respond: Parameters<typeof receiver>[0]) => {
    const r = await receiver(respond);
    receivers.push(r);
    return r;
  };
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  it('delivers a signed JSON body to a local receiver when private networks are allowed', async () => {
    const r = await start((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks'));
    const body = JSON.stringify({ id: 'd1', event: 'TICKET_CREATED' });
    const outcome = await postJson(r.url, body, { 'X-Clientele-Signature': signatureOf('s3cret', body) }, LOCAL_OK);
    expect(outcome).toMatchObject({ ok: true, status: 200, responseExcerpt: 'thanks', error: null });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]).toMatchObject({ method: 'POST', path: '/hook', body });
    expect(r.requests[0].headers['content-type']).toBe('application/json');
    expect(r.requests[0].headers['x-clientele-signature']).toBe(signatureOf('s3cret', body));
  });

  it('refuses literal non-public targets without connecting', async () => {
    const r = await start((_req, res) => res.end('should not be reached'));
    for (const url of [r.url, `http://[::ffff:127.0.0.1]:${r.port}/hook`, `http://0.0.0.0:${r.port}/hook`]) {
      const outcome = await postJson(url, '{}', {}, STRICT);
      expect(outcome).toMatchObject({ ok: false, status: null, responseExcerpt: '' });
      expect(outcome.error).toMatch(/refused/);
    }
    expect(r.requests).toHaveLength(0);
  });

  it('refuses in the connector when the name now resolves to a private address (DNS rebinding)', async () => {
    const r = await start((_req, res) => res.end('should not be reached'));
    let calls = 0;
    const rebinding: HostResolver = async () => (calls++ === 0 ? resolveTo('93.184.216.34') : resolveTo('127.0.0.1'))('x');
    const url = `http://rebind.example.com:${r.port}/hook`;
    await checkOutboundUrl(url, STRICT, { resolve: rebinding }); // public at creation
    const outcome = await postJson(url, '{}', {}, STRICT, { resolve: rebinding }); // loopback at delivery
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(outcome.error).toMatch(/refused/);
    expect(r.requests).toHaveLength(0);
    // https goes through the same lookup (tls.connect)
    const tlsOutcome = await postJson(`https://rebind.example.com:${r.port}/hook`, '{}', {}, STRICT, { resolve: resolveTo('10.0.0.1') });
    expect(tlsOutcome.error).toMatch(/refused/);
  });

  it('connects to the address the resolver gave (the lookup is the one used)', async () => {
    const r = await start((_req, res) => res.end('ok'));
    const outcome = await postJson(`http://receiver.example.com:${r.port}/hook`, '{}', {}, LOCAL_OK, {
      resolve: resolveTo('127.0.0.1'),
    });
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(r.requests[0].headers.host).toBe(`receiver.example.com:${r.port}`);
  });

  it('refuses localhost by the real resolver', async () => {
    const r = await start((_req, res) => res.end('should not be reached'));
    const outcome = await postJson(`http://localhost:${r.port}/hook`, '{}', {}, STRICT);
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(outcome.error).toMatch(/refused/);
    expect(r.requests).toHaveLength(0);
  });

  it('refuses http:// without allowHttp', async () => {
    const r = await start((_req, res) => res.end('should not be reached'));
    const outcome = await postJson(r.url, '{}', {}, { allowHttp: false, allowPrivateNetworks: true });
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(outcome.error).toMatch(/https/);
    expect(r.requests).toHaveLength(0);
  });

  it('does not follow a redirect, not even to a target the policy would allow', async () => {
    const target = await start((_req, res) => res.end('should not be reached'));
    const redirecting = await start((_req, res) => res.writeHead(307, { location: target.url }).end());
    const outcome = await postJson(redirecting.url, '{"a":1}', {}, LOCAL_OK);
    expect(outcome).toMatchObject({ ok: false, status: 307 });
    expect(outcome.error).toMatch(/redirect/);
    expect(redirecting.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });

  it('reports a non-2xx answer as a failure with its status', async () => {
    const r = await start((_req, res) => res.writeHead(500).end('boom'));
    expect(await postJson(r.url, '{}', {}, LOCAL_OK)).toMatchObject({ ok: false, status: 500, responseExcerpt: 'boom' });
  });

  it('times out a receiver that does not answer, and one that answers too slowly', async () => {
    const silent = await start(() => undefined);
    const trickling = await start((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    for (const r of [silent, trickling]) {
      const outcome = await postJson(r.url, '{}', {}, LOCAL_OK, { timeoutMs: 300 });
      expect(outcome).toMatchObject({ ok: false, status: null, error: 'timed out after 300 ms' });
      expect(outcome.durationMs).toBeGreaterThanOrEqual(250);
      expect(outcome.durationMs).toBeLessThan(2000);
    }
  });

  it('keeps at most ~1 KB of a large answer', async () => {
    const big = 'x'.repeat(4 * 1024 * 1024);
    const r = await start((_req, res) => res.writeHead(200).end(big));
    const outcome = await postJson(r.url, '{}', {}, LOCAL_OK);
    expect(outcome.ok).toBe(true);
    expect(outcome.responseExcerpt).toBe('x'.repeat(RESPONSE_EXCERPT_BYTES));
  });
});

describe('postJson: kept-alive connections', () => {
  it('a burst to one receiver reuses its connections; a stricter policy never borrows it', async () => {
    await closeEgressConnections();
    let connections = 0;
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests++;
      req.resume().on('end', () => res.writeHead(204).end());
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (let i = 0; i < 20; i++) expect((await postJson(`http://127.0.0.1:${port}/hook`, '{}', {}, LOCAL_OK)).ok).toBe(true);
      // reused, not one per delivery (undici may open a second while the first is being released)
      expect(connections).toBeLessThanOrEqual(2);
      const opened = connections;
      // the same receiver by name under the strict policy: refused in its own agent's lookup
      const strict = await postJson(`http://localhost:${port}/hook`, '{}', {}, STRICT);
      expect(strict).toMatchObject({ ok: false, status: null });
      expect(strict.error).toMatch(/^refused: /);
      expect(requests).toBe(20);
      await closeEgressConnections();
      expect((await postJson(`http://127.0.0.1:${port}/hook`, '{}', {}, LOCAL_OK)).ok).toBe(true);
      expect(connections).toBe(opened + 1);
    } finally {
      await closeEgressConnections();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('signatureOf', () => {
  it('is sha256=<hex HMAC-SHA256>', () => {
    // RFC 4231-style check against a well-known vector
    expect(signatureOf('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });
});
