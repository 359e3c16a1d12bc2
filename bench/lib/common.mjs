// Shared by the seeder, the baseline and the harness.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(benchDir, '..');
export const serverDir = path.join(repoRoot, 'packages', 'server');
/** Resolves modules as the server does (argon2, reflect-metadata, its built dist). */
export const serverRequire = createRequire(path.join(serverDir, 'package.json'));

export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://clientele:clientele-ci@127.0.0.1:3306/clientele_bench';
// another file for another database (bench/cluster.mjs seeds two and keeps the usual one as it is)
export const FIXTURES_FILE = process.env.BENCH_FIXTURES_FILE ?? path.join(benchDir, 'results', 'fixtures.json');
/** Every seeded account has this password (one precomputed argon2id hash). */
export const BENCH_PASSWORD = 'bench-password-2026';

export const SCALES = {
  small: { companies: 1_000, accounts: 10_000, tickets: 100_000 },
  medium: { companies: 3_000, accounts: 30_000, tickets: 300_000 },
  large: { companies: 10_000, accounts: 100_000, tickets: 1_000_000 },
};

export const sha256hex = (s) => createHash('sha256').update(s).digest('hex');

/** The server's keyset cursor for tickets: base64url(JSON [createdAt ISO, id]). */
export const ticketCursor = (createdAt, id) => Buffer.from(JSON.stringify([new Date(createdAt).toISOString(), id])).toString('base64url');

export function dbName(url = DATABASE_URL) {
  return new URL(url).pathname.replace(/^\//, '');
}

/** mysql2 connection options from a mysql:// URL. */
export function mysqlOptions(url = DATABASE_URL, withDatabase = true) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: withDatabase ? dbName(url) : undefined,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
  };
}

export function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const [k, v] = a.slice(2).split('=');
    if (v !== undefined) args[k] = v;
    else if (argv[i + 1] && !argv[i + 1].startsWith('--')) args[k] = argv[++i];
    else args[k] = true;
  }
  return args;
}
