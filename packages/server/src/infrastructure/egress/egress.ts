import { createHmac } from 'node:crypto';
import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent, request } from 'undici';
import { ipLiteralOf, isPublicAddress } from './address';

/** What outbound requests may reach (config `webhooks`: WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
export interface EgressPolicy {
  allowHttp: boolean;
  allowPrivateNetworks: boolean;
}

export type EgressRefusal = 'INVALID_URL' | 'SCHEME_NOT_ALLOWED' | 'PRIVATE_ADDRESS' | 'UNRESOLVABLE';

export class EgressRefusedError extends Error {
  constructor(
    readonly reason: EgressRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'EgressRefusedError';
  }
}

/** Resolves a host name to all its addresses (default: the system resolver, as `dns.lookup`). Tests inject one. */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

/** Internal options; `resolve` exists for tests (a name that resolves to a chosen address). */
export interface EgressTestOptions {
  resolve?: HostResolver;
}

export interface PostOutcome {
  ok: boolean;
  status: number | null;
  durationMs: number;
  responseExcerpt: string;
  error: string | null;
}

/** Bytes of a response body kept as the excerpt; the rest is discarded unread. */
export const RESPONSE_EXCERPT_BYTES = 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

const systemResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** The URL parsed, with its scheme checked against the policy. */
function parseTarget(url: string, policy: EgressPolicy): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EgressRefusedError('INVALID_URL', 'not a valid absolute URL');
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && policy.allowHttp)) {
    throw new EgressRefusedError(
      'SCHEME_NOT_ALLOWED',
      policy.allowHttp ? 'the URL must start with https:// or http://' : 'the URL must start with https://',
    );
  }
  if (parsed.username || parsed.password) {
    throw new EgressRefusedError('INVALID_URL', 'the URL must not contain a user name or password');
  }
  if (!parsed.hostname) throw new EgressRefusedError('INVALID_URL', 'the URL has no host');
  return parsed;
}

function refusePrivate(addresses: readonly string[], policy: EgressPolicy): void {
  if (policy.allowPrivateNetworks) return;
  // every address counts: the connector may try any of them (happy eyeballs)
  if (addresses.some((address) => !isPublicAddress(address))) {
    throw new EgressRefusedError('PRIVATE_ADDRESS', 'the host is a loopback, private or otherwise non-public address');
  }
}

async function resolveChecked(hostname: string, policy: EgressPolicy, resolve: HostResolver): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(hostname);
  } catch {
    throw new EgressRefusedError('UNRESOLVABLE', 'the host name does not resolve');
  }
  if (addresses.length === 0) throw new EgressRefusedError('UNRESOLVABLE', 'the host name does not resolve');
  refusePrivate(
    addresses.map((a) => a.address),
    policy,
  );
  return addresses;
}

/**
 * For creation-time validation: parses the URL, checks the scheme, resolves the host (DNS) and
 * refuses non-public addresses unless the policy allows them. Throws EgressRefusedError.
 */
export async function checkOutboundUrl(url: string, policy: EgressPolicy, testOptions: EgressTestOptions = {}): Promise<void> {
  const target = parseTarget(url, policy);
  const literal = ipLiteralOf(target.hostname);
  if (literal) refusePrivate([literal], policy);
  else await resolveChecked(target.hostname, policy, testOptions.resolve ?? systemResolver);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The lookup the connector uses (net/tls `lookup` option): the addresses it hands over are the
 * ones connected to, so a name that resolved to a public address at creation and to a private
 * one now (DNS rebinding) is refused here. Literal IPs never reach it: checked before connecting.
 */
function guardedLookup(policy: EgressPolicy, resolve: HostResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveChecked(hostname, policy, resolve).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) {
          callback(Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        } else if (options.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (error: Error) => callback(error, ''),
    );
  };
}

function refusalIn(error: unknown): EgressRefusedError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof EgressRefusedError) return e;
  }
  return null;
}

function describe(error: unknown): string {
  const refusal = refusalIn(error);
  if (refusal) return `refused: ${refusal.message}`;
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code;
  const message = error.cause instanceof Error && error.cause.message ? error.cause.message : error.message;
  const text = message.replace(/^Error: /, '');
  return code && !text.includes(code) ? `${code}: ${text}` : text;
}

/** Reads at most RESPONSE_EXCERPT_BYTES of a body; a longer one is dropped with its connection, a read one leaves it for reuse. */
async function excerptOf(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= RESPONSE_EXCERPT_BYTES) {
      body.destroy(); // the rest unread: this connection is closed, not reused
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
}

/**
 * POSTs `body` (already serialized JSON) with `headers`. Never throws: every failure is an outcome
 * with `ok: false` and `error` set. Refuses a non-public address actually connected to (checked in
 * the connector's lookup), follows no redirect (a 3xx is a failure), gives the whole exchange
 * `timeoutMs` (default 10 s), and keeps at most ~1 KB of the response as the excerpt.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: EgressPolicy,
  options: { timeoutMs?: number } & EgressTestOptions = {},
): Promise<PostOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const outcome = (fields: Omit<PostOutcome, 'durationMs'>): PostOutcome => ({
    ...fields,
    durationMs: Math.round(performance.now() - started),
  });

  let target: URL;
  try {
    target = parseTarget(url, policy);
    const literal = ipLiteralOf(target.hostname);
    if (literal) refusePrivate([literal], policy);
  } catch (error) {
    return outcome({ ok: false, status: null, responseExcerpt: '', error: describe(error) });
  }

  const pooled = !options.resolve;
  const agent = pooled ? pooledAgent(policy, timeoutMs) : agentFor(policy, options.resolve!, timeoutMs);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await request(target, {
      method: 'POST',
      dispatcher: agent,
      signal: deadline.signal,
      headers: { 'content-type': 'application/json', 'user-agent': 'Clientele-Webhooks', ...headers },
      body,
    });
    const responseExcerpt = await excerptOf(response.body);
    const status = response.statusCode;
    if (status >= 200 && status < 300) return outcome({ ok: true, status, responseExcerpt, error: null });
    const error = status >= 300 && status < 400 ? `redirect (HTTP ${status}) not followed` : `the receiver answered HTTP ${status}`;
    return outcome({ ok: false, status, responseExcerpt, error });
  } catch (error) {
    const message = deadline.signal.aborted ? `timed out after ${timeoutMs} ms` : describe(error);
    return outcome({ ok: false, status: null, responseExcerpt: '', error: message });
  } finally {
    clearTimeout(timer);
    if (!pooled) await agent.destroy().catch(() => undefined);
  }
}

function agentFor(policy: EgressPolicy, resolve: HostResolver, timeoutMs: number): Agent {
  return new Agent({
    connect: { lookup: guardedLookup(policy, resolve), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // kept a few seconds: a burst of deliveries to one receiver reuses its connections
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 4_000,
    connections: 8,
  });
}

/**
 * One agent per policy and timeout, its connections kept alive between deliveries: each connection
 * was opened through the guarded lookup under that same policy, so reusing it reaches only an address
 * that was checked (a connection is never re-pointed by DNS). Saves a TCP and TLS handshake per
 * delivery in a burst (bench W1).
 */
const agents = new Map<string, Agent>();
function pooledAgent(policy: EgressPolicy, timeoutMs: number): Agent {
  const key = `${policy.allowHttp}:${policy.allowPrivateNetworks}:${timeoutMs}`;
  let agent = agents.get(key);
  if (!agent) agents.set(key, (agent = agentFor(policy, systemResolver, timeoutMs)));
  return agent;
}

/** Closes the pooled connections (at shutdown, and between tests). */
export async function closeEgressConnections(): Promise<void> {
  const open = [...agents.values()];
  agents.clear();
  await Promise.all(open.map((agent) => agent.close().catch(() => undefined)));
}

/** `sha256=<hex HMAC-SHA256 of body with secret>`: the X-Clientele-Signature header. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
