import path from 'node:path';
import { z } from 'zod';

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
    .refine((v) => v.startsWith('sqlite:') || /^mysql:\/\//.test(v) || /^mariadb:\/\//.test(v), {
      message: 'must be sqlite:<path>, sqlite::memory: or mysql://user:password@host:port/database',
    }),
  DEMO_DATA: flag.default(true),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD needs at least 12 characters').optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_OUTBOX: z.string().default('./data/outbox'),
  MAIL_FROM: z.string().default('Clientele <no-reply@clientele.local>'),
  PUBLIC_URL: z.string().url().optional(),
  INVITATION_TTL_HOURS: positiveInt.default(168),
  SESSION_IDLE_MINUTES: positiveInt.default(8 * 60),
  SESSION_ABSOLUTE_HOURS: positiveInt.default(7 * 24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
});

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string };

export interface Config {
  env: string;
  port: number;
  host: string;
  database: DatabaseConfig;
  demoData: boolean;
  bootstrapAdmin: { email: string; password: string } | null;
  mail: { smtpUrl: string | null; outbox: string; from: string };
  publicUrl: string;
  invitationTtlHours: number;
  session: { idleMinutes: number; absoluteHours: number; cookieName: string; secureCookie: boolean };
  logLevel: string;
  webDist: string;
}

function parseDatabase(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === ':memory:') return { kind: 'sqlite', file };
    return { kind: 'sqlite', file: path.resolve(repoRoot, file) };
  }
  return { kind: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
}

/** Reads and validates the environment once; throws a readable error listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new Error('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: parseDatabase(e.DATABASE_URL),
    demoData: e.DEMO_DATA,
    bootstrapAdmin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : null,
    mail: { smtpUrl: e.SMTP_URL ?? null, outbox: path.resolve(repoRoot, e.MAIL_OUTBOX), from: e.MAIL_FROM },
    publicUrl,
    invitationTtlHours: e.INVITATION_TTL_HOURS,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieName: 'clientele_session',
      secureCookie: publicUrl.startsWith('https://'),
    },
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(repoRoot, e.WEB_DIST ?? 'packages/web/dist'),
  };
}
