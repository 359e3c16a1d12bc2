import type { EntityManager } from 'typeorm';
import type { Config } from '../../config';
import type { RequestContext } from '../../kernel/request-context';
import { DomainError, ErrorCode } from '../../shared/errors';
import { hashToken, newSecretToken } from '../../shared/tokens';
import type { AccountEntity } from '../account/account.entity';
import { SignInChallengeEntity, TwoFactorEntity } from './two-factor.entity';

/** A second-step challenge lives this long (account-security.md). */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export interface SecondFactorChallenge {
  challenge: string;
  enrollmentRequired: boolean;
  expiresAt: Date;
}

/**
 * Whether a policy requires two-step sign-in of the account: STAFF_TWO_FACTOR_REQUIRED for staff;
 * for a customer, an active membership (portal enabled) in a company with `twoFactorRequired`.
 */
export async function twoFactorRequiredFor(
  db: EntityManager,
  config: Pick<Config, 'staffTwoFactorRequired'>,
  account: Pick<AccountEntity, 'id' | 'staffRole'>,
): Promise<boolean> {
  if (account.staffRole) return config.staffTwoFactorRequired;
  const rows: unknown[] = await db.query(
    `SELECT 1 AS required FROM membership m JOIN company c ON c.id = m.company_id
      WHERE m.account_id = ? AND c.portal_enabled = 1 AND c.two_factor_required = 1 LIMIT 1`,
    [account.id],
  );
  return rows.length > 0;
}

export async function isEnrolled(db: EntityManager, accountId: string): Promise<boolean> {
  const state = await db.findOneBy(TwoFactorEntity, { accountId });
  return state?.secret != null;
}

/**
 * After the right password: a challenge for the second step when the account uses two-step
 * sign-in or a policy requires it (then `enrollmentRequired` until it has enrolled); else null.
 */
export async function secondStepFor(tx: RequestContext, account: AccountEntity): Promise<SecondFactorChallenge | null> {
  const enrolled = await isEnrolled(tx.db, account.id);
  if (!enrolled && !(await twoFactorRequiredFor(tx.db, tx.deps.config, account))) return null;
  const challenge = newSecretToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  await tx.db.insert(SignInChallengeEntity, {
    tokenHash: hashToken(challenge),
    accountId: account.id,
    enrollmentRequired: !enrolled,
    createdAt: now,
    expiresAt,
  });
  return { challenge, enrollmentRequired: !enrolled, expiresAt };
}

/** The live challenge behind `challenge`, or INVALID_TOKEN / TOKEN_EXPIRED at `field`. */
export async function liveChallenge(db: EntityManager, challenge: string, field: string[]): Promise<SignInChallengeEntity> {
  const found = await db.findOneBy(SignInChallengeEntity, { tokenHash: hashToken(challenge) });
  if (!found) throw new DomainError(ErrorCode.INVALID_TOKEN, 'This sign-in is not valid (any more): sign in again', field);
  if (found.expiresAt.getTime() <= Date.now()) {
    throw new DomainError(ErrorCode.TOKEN_EXPIRED, 'This sign-in took too long: sign in again', field);
  }
  return found;
}

/** Uses the challenge up in the caller's transaction: of two concurrent uses, one wins. */
export async function claimChallenge(db: EntityManager, found: SignInChallengeEntity, field: string[]): Promise<void> {
  const { affected } = await db.delete(SignInChallengeEntity, { tokenHash: found.tokenHash });
  if (affected !== 1) throw new DomainError(ErrorCode.INVALID_TOKEN, 'This sign-in is not valid (any more): sign in again', field);
}
