import type { EntityManager } from 'typeorm';
import { verifyPassword } from '../modules/account/password';
import { DEMO_PASSWORD } from './demo-data';

/**
 * Enabled accounts of the demo data set (addresses under `.demo`) that still sign in with the
 * password the README publishes. Their hashes are verified once each: the demo data shares one.
 */
export async function accountsWithDemoPassword(reader: EntityManager): Promise<string[]> {
  const rows: Array<{ email: string; password_hash: string | null }> = await reader.query(
    `SELECT email, password_hash FROM account WHERE disabled = 0 AND email_normalized LIKE '%.demo'`,
  );
  const verdicts = new Map<string, Promise<boolean>>();
  for (const { password_hash: hash } of rows) if (hash && !verdicts.has(hash)) verdicts.set(hash, verifyPassword(hash, DEMO_PASSWORD));
  const open: string[] = [];
  for (const { email, password_hash: hash } of rows) if (hash && (await verdicts.get(hash))) open.push(email);
  return open.sort();
}

/** Production mode refuses to serve while anyone can sign in with the published demo password (account-security.md). */
export async function assertNoDemoPasswordInProduction(config: { env: string }, reader: EntityManager): Promise<void> {
  if (config.env !== 'production') return;
  const open = await accountsWithDemoPassword(reader);
  if (open.length === 0) return;
  const shown = open.slice(0, 5).join(', ') + (open.length > 5 ? `, and ${open.length - 5} more` : '');
  throw new Error(
    `Refusing to start in production: ${open.length} account(s) can sign in with the published demo password (${shown}). ` +
      'Disable them or change their passwords (or start on a database without the demo data; DEMO_DATA=0).',
  );
}
