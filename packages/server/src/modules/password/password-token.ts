import type { EntityManager } from 'typeorm';
import { hashToken, newSecretToken } from '../../shared/tokens';
import { PasswordResetEntity } from './password-reset.entity';

/**
 * Stores the hash of a fresh single-use set-password token for the account, in the caller's
 * transaction, and returns the token for the mail. One row per account: a new token replaces the
 * previous one, so only the newest link (reset or account setup) works.
 */
export async function issuePasswordToken(db: EntityManager, accountId: string, ttlMs: number): Promise<string> {
  const token = newSecretToken();
  const now = new Date();
  await db.upsert(
    PasswordResetEntity,
    { accountId, tokenHash: hashToken(token), createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) },
    ['accountId'],
  );
  return token;
}
