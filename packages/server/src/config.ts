import path from 'node:path';
import { z } from 'zod';
import proxyAddr from 'proxy-addr';

/** Repository root: config paths are relative to it, whatever the working directory. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/clientele.sqlite')
    .refine((v) => v.startsWith('sqlite:') || parseMysqlUrl(v) !== null, {
      message:
        'must be sqlite:<path>, sqlite::memory: or mysql://user:password@host:port/database (several hosts: mysql://user:password@host1:3306,host2:3306/database)',
    }),
  // default: on for a first look, off in production and when ADMIN_EMAIL sets up a real installation
  DEMO_DATA: flag.optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  // encrypts secrets at rest (two-step sign-in); unset outside production: generated into the data folder
  SECRET_KEY: z.string().min(32, 'SECRET_KEY needs at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  STAFF_TWO_FACTOR_REQUIRED: flag.default(false),
  ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD needs at least 12 characters').optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_OUTBOX: z.string().default('./data/outbox'),
  MAIL_FROM: z.string().default('Clientele <no-reply@clientele.local>'),
  PUBLIC_URL: z.string().url().optional(),
  INVITATION_TTL_HOURS: positiveInt.default(168),
  // invitation mails (docs/api.md "Limits"): per inviter and per invited address in a sliding hour, per invitation
  INVITATION_MAILS_PER_INVITER_PER_HOUR: positiveInt.default(50),
  INVITATION_MAILS_PER_ADDRESS_PER_HOUR: positiveInt.default(3),
  INVITATION_RESEND_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  SESSION_IDLE_MINUTES: positiveInt.default(8 * 60),
  SESSION_ABSOLUTE_HOURS: positiveInt.default(7 * 24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  // limits checked before execution and request hardening (docs/api.md "Limits")
  MAX_QUERY_DEPTH: positiveInt.default(12),
  MAX_QUERY_TOKENS: positiveInt.default(2000),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).default(30),
  MAX_QUERY_COST: positiveInt.default(5000),
  MAX_BODY_BYTES: positiveInt.default(256 * 1024),
  REQUEST_TIMEOUT_MS: positiveInt.default(10_000),
  // incremental sync (docs/api.md "Incremental sync"): UPDATED_AT_ASC lists only changes at least this old
  // (0: at once, and then a change committing late can be missed while others write)
  SYNC_SETTLE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  // faults (docs/decisions.md "Issue 14: faults"): waiting for a pooled connection, opening one, pool size
  DB_ACQUIRE_TIMEOUT_MS: positiveInt.default(3_000),
  DB_CONNECT_TIMEOUT_MS: positiveInt.default(3_000),
  DB_POOL_SIZE: positiveInt.default(10),
  REDIS_TIMEOUT_MS: positiveInt.default(500),
  // SIGTERM: readiness 503 at once, keep accepting for SHUTDOWN_DELAY_MS (a load balancer's health-check interval), then drain
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(15_000),
  // rate limits (docs/api.md "Rate limits"): a leaky bucket of cost points per account (or IP when anonymous)
  REDIS_URL: z.string().url().optional(),
  RATE_LIMIT_CAPACITY: positiveInt.default(10_000),
  RATE_LIMIT_RESTORE_RATE: positiveInt.default(500),
  SIGN_IN_ATTEMPTS_PER_ACCOUNT: positiveInt.default(10),
  SIGN_IN_ATTEMPTS_PER_IP: positiveInt.default(100),
  SIGN_IN_WINDOW_MINUTES: positiveInt.default(15),
  // live (not revoked, not expired) API tokens one account may hold (docs/api.md "API tokens")
  API_TOKENS_PER_ACCOUNT: positiveInt.default(50),
  // webhooks (docs/api.md "Webhooks"): allow http:// receivers, and receivers on loopback/private addresses (tests, on-premise)
  WEBHOOK_ALLOW_HTTP: flag.default(false),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: flag.default(false),
  // per account across all addresses: beyond it sign-in slows down (never refused) from addresses the account has not signed in from
  SIGN_IN_ACCOUNT_CEILING: positiveInt.default(100),
  SIGN_IN_SLOWDOWN_MAX_SECONDS: z.coerce.number().int().min(0).max(60).default(8),
  SIGN_IN_KNOWN_ADDRESS_DAYS: z.coerce.number().int().min(0).default(30),
  // proxies whose X-Forwarded-For names the client (proxy-addr syntax: loopback, uniquelocal, 10.0.0.0/8, an address)
  TRUSTED_PROXIES: z
    .string()
    .default('loopback')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .refine(isProxyList, { message: 'must be a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal' }),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((origins) => origins.every(isOrigin), {
      message: 'must be a comma-separated list of origins such as https://portal.example.com',
    }),
});

function isProxyList(value: string[]): boolean {
  try {
    proxyAddr.compile(value);
    return true;
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/** One MySQL/MariaDB server of DATABASE_URL. */
export interface DatabaseHost {
  host: string;
  port: number;
}

export interface MysqlDatabaseConfig {
  kind: 'mysql';
  /** The servers, in order of preference: the first that answers is used until it fails (src/db/failover-pool.ts). */
  hosts: DatabaseHost[];
  user: string;
  password: string;
  database: string;
  statementTimeoutMs?: number;
  /** Longest wait for a pooled connection (DB_ACQUIRE_TIMEOUT_MS). */
  acquireTimeoutMs?: number;
  /** Longest wait for a new connection's handshake (DB_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  /** Connections per server (DB_POOL_SIZE). */
  poolSize?: number;
}

export type DatabaseConfig = { kind: 'sqlite'; file: string } | MysqlDatabaseConfig;

/**
 * `mysql://user:password@host:port/database`, with one host or several separated by commas
 * (`mysql://u:p@db1:3306,db2:3306/clientele`; IPv6 in brackets). Query parameters are ignored.
 * Null when it is not such a URL.
 */
export function parseMysqlUrl(url: string): Omit<MysqlDatabaseConfig, 'kind'> | null {
  const match = /^(?:mysql|mariadb):\/\/(?:([^@/]*)@)?([^/?#]+)(?:\/([^?#]*))?(?:[?#].*)?$/.exec(url);
  if (!match) return null;
  const [, userInfo = '', hostList, path = ''] = match;
  const hosts: DatabaseHost[] = [];
  for (const part of hostList.split(',')) {
    const host = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(part.trim());
    if (!host) return null;
    const port = host[3] ? Number(host[3]) : 3306;
    if (port < 1 || port > 65535) return null;
    hosts.push({ host: host[1] ?? host[2], port });
  }
  const colon = userInfo.indexOf(':');
  try {
    return {
      hosts,
      user: decodeURIComponent(colon >= 0 ? userInfo.slice(0, colon) : userInfo),
      password: decodeURIComponent(colon >= 0 ? userInfo.slice(colon + 1) : ''),
      database: decodeURIComponent(path),
    };
  } catch {
    return null; // a malformed %-escape
  }
}

/** Refused before execution when exceeded; see src/graphql/limits.ts. */
export interface QueryLimits {
  maxDepth: number;
  maxTokens: number;
  maxAliases: number;
  maxCost: number;
}

/** Budgets of the leaky-bucket rate limiter; see src/modules/rate-limit. */
export interface RateLimits {
  redisUrl: string | null;
  /** Longest wait for one Redis command; past it (or with Redis down) budgets fall back to this process's memory. */
  redisTimeoutMs?: number;
  /** Cost points per caller (an account, shared by all its sessions and API tokens; the IP when anonymous). */
  capacity: number;
  restorePerSecond: number;
  /**
   * Sign-in and invitation-acceptance attempts within the window (at most N in any window): per
   * (account, client address) pair for sign-in, per token for acceptance, and per client address.
   */
  attemptsPerAccount: number;
  attemptsPerIp: number;
  attemptWindowMinutes: number;
  /** Sign-in attempts per account from all addresses within the window before sign-in slows down. */
  accountCeiling: number;
  /** The longest wait (doubling from 1 s) past the ceiling; 0: no waiting. */
  slowdownMaxSeconds: number;
  /** How long an address the account signed in from is spared the slowdown. */
  knownAddressDays: number;
}

/** How many invitation mails may go out; see src/modules/invitation/invitation-mail-quota.ts. */
export interface InvitationMailLimits {
  /** Mails (invitations and resends) one account may cause within the last hour. */
  perInviterPerHour: number;
  /** Mails to one address (across inviters and companies) within the last hour. */
  perAddressPerHour: number;
  /** Least time between two mails of one invitation (0: no minimum). */
  resendIntervalSeconds: number;
}

export interface Config {
  rateLimits: RateLimits;
  /** Live (not revoked, not expired) API tokens per account; creating one more is CONFLICT. */
  apiTokensPerAccount: number;
  env: string;
  port: number;
  host: string;
  database: DatabaseConfig;
  demoData: boolean;
  /** SECRET_KEY; null: read from (or generated into) `secretKeyFile` at start. */
  secretKey: string | null;
  secretKeyFile: string;
  /** STAFF_TWO_FACTOR_REQUIRED: every staff account must use two-step sign-in. */
  staffTwoFactorRequired: boolean;
  bootstrapAdmin: { email: string; password: string } | null;
  mail: { smtpUrl: string | null; outbox: string; from: string };
  publicUrl: string;
  invitationTtlHours: number;
  invitationMailLimits: InvitationMailLimits;
  session: { idleMinutes: number; absoluteHours: number; cookieName: string; secureCookie: boolean };
  logLevel: string;
  webDist: string;
  limits: QueryLimits;
  /**
   * Incremental sync: `tickets(orderBy: UPDATED_AT_ASC)` leaves out tickets changed less than
   * `settleMs` ago, so a change still committing is never passed by a client's cursor (docs/decisions.md "Issue 15: incremental sync").
   */
  sync: { settleMs: number };
  /** `trustedProxies`: whose X-Forwarded-For names the client (the sign-in log, per-address limits). */
  http: { maxBodyBytes: number; corsOrigins: string[]; requestTimeoutMs: number; trustedProxies: string[] };
  /** SIGTERM: how long to keep accepting after readiness turns 503, and the longest drain before a forced exit. */
  shutdown: { delayMs: number; timeoutMs: number };
  /** Where webhook deliveries may go (src/infrastructure/egress): http:// receivers, non-public addresses. */
  webhooks: { allowHttp: boolean; allowPrivateNetworks: boolean };
}

/** The embedded database's folder (./data by default), where a generated SECRET_KEY is kept. */
function dataFolderOf(url: string): string {
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : '';
  return file && file !== ':memory:' ? path.dirname(path.resolve(repoRoot, file)) : path.resolve(repoRoot, 'data');
}

function parseDatabase(
  url: string,
  timeouts: { statementTimeoutMs: number; acquireTimeoutMs: number; connectTimeoutMs: number; poolSize: number },
): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === ':memory:') return { kind: 'sqlite', file };
    return { kind: 'sqlite', file: path.resolve(repoRoot, file) };
  }
  return { kind: 'mysql', ...parseMysqlUrl(url)!, ...timeouts };
}

/** Reads and validates the environment once; throws a readable error listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SECRET_KEY) {
    throw new Error(
      'Invalid configuration:\n  SECRET_KEY must be set in production (at least 32 characters, e.g. openssl rand -base64 32)',
    );
  }
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new Error('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: parseDatabase(e.DATABASE_URL, {
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      poolSize: e.DB_POOL_SIZE,
    }),
    demoData: e.DEMO_DATA ?? (e.NODE_ENV !== 'production' && !e.ADMIN_EMAIL),
    secretKey: e.SECRET_KEY ?? null,
    secretKeyFile: path.join(dataFolderOf(e.DATABASE_URL), 'secret-key'),
    staffTwoFactorRequired: e.STAFF_TWO_FACTOR_REQUIRED,
    bootstrapAdmin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : null,
    mail: { smtpUrl: e.SMTP_URL ?? null, outbox: path.resolve(repoRoot, e.MAIL_OUTBOX), from: e.MAIL_FROM },
    publicUrl,
    invitationTtlHours: e.INVITATION_TTL_HOURS,
    invitationMailLimits: {
      perInviterPerHour: e.INVITATION_MAILS_PER_INVITER_PER_HOUR,
      perAddressPerHour: e.INVITATION_MAILS_PER_ADDRESS_PER_HOUR,
      resendIntervalSeconds: e.INVITATION_RESEND_INTERVAL_SECONDS,
    },
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieName: 'clientele_session',
      // production: always Secure (account-security.md); elsewhere when the public address is https
      secureCookie: e.NODE_ENV === 'production' || publicUrl.startsWith('https://'),
    },
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(repoRoot, e.WEB_DIST ?? 'packages/web/dist'),
    apiTokensPerAccount: e.API_TOKENS_PER_ACCOUNT,
    rateLimits: {
      redisUrl: e.REDIS_URL ?? null,
      redisTimeoutMs: e.REDIS_TIMEOUT_MS,
      capacity: e.RATE_LIMIT_CAPACITY,
      restorePerSecond: e.RATE_LIMIT_RESTORE_RATE,
      attemptsPerAccount: e.SIGN_IN_ATTEMPTS_PER_ACCOUNT,
      attemptsPerIp: e.SIGN_IN_ATTEMPTS_PER_IP,
      attemptWindowMinutes: e.SIGN_IN_WINDOW_MINUTES,
      accountCeiling: e.SIGN_IN_ACCOUNT_CEILING,
      slowdownMaxSeconds: e.SIGN_IN_SLOWDOWN_MAX_SECONDS,
      knownAddressDays: e.SIGN_IN_KNOWN_ADDRESS_DAYS,
    },
    limits: { maxDepth: e.MAX_QUERY_DEPTH, maxTokens: e.MAX_QUERY_TOKENS, maxAliases: e.MAX_QUERY_ALIASES, maxCost: e.MAX_QUERY_COST },
    sync: { settleMs: e.SYNC_SETTLE_MS },
    http: {
      maxBodyBytes: e.MAX_BODY_BYTES,
      corsOrigins: e.CORS_ORIGINS,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      trustedProxies: e.TRUSTED_PROXIES,
    },
    shutdown: { delayMs: e.SHUTDOWN_DELAY_MS, timeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    webhooks: { allowHttp: e.WEBHOOK_ALLOW_HTTP, allowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS },
  };
}
