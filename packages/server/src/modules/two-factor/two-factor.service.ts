import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { RequestContext } from '../../kernel/request-context';
import { conflict, DomainError, ErrorCode, forbidden, invalidInput } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { hashToken } from '../../shared/tokens';
import { PASSWORD_MAX } from '../../shared/validation';
import { AccountEntity } from '../account/account.entity';
import { findAccountWithPasswordHash, verifyPassword } from '../account/password';
import { AuditService, auditTarget } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { recordSignIn } from '../sign-in-log/sign-in-log.service';
import { claimChallenge, liveChallenge, twoFactorRequiredFor } from './second-step';
import { RecoveryCodeEntity, TwoFactorEntity } from './two-factor.entity';

/** RFC 6238 as account-security.md fixes it: SHA-1, 6 digits, 30 s, ±1 step. */
const TOTP_OPTIONS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const RECOVERY_CODES = 10;

const invalidCode = (field: string[]) => new DomainError(ErrorCode.INVALID_CODE, 'This code is not right (or was used already)', field);

/** `xxxxx-xxxxx`: 50 random bits in an alphabet without look-alikes, easy to type from paper. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
const recoveryHash = (code: string) => hashToken(code.replace(/[\s-]/g, '').toLowerCase());

/** Two-step sign-in: enrolment, the second step of a sign-in, turning it off (account-security.md). */
export class TwoFactorService {
  constructor(
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  /**
   * Checks a TOTP code against `sealedSecret` and records its step, or a recovery code and marks it
   * used, in the caller's transaction. Each succeeds once: the step only moves forward and a
   * recovery code is used by a conditional update, so a replay (even a concurrent one) fails.
   */
  private async acceptCode(tx: RequestContext, accountId: string, sealedSecret: string, code: string, field: string[]): Promise<void> {
    const digits = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(digits)) {
      const secret = OTPAuth.Secret.fromBase32(tx.deps.secrets.open(sealedSecret));
      const delta = OTPAuth.TOTP.validate({ token: digits, secret, ...TOTP_OPTIONS, window: 1 });
      if (delta === null) throw invalidCode(field);
      const step = OTPAuth.TOTP.counter({ period: TOTP_OPTIONS.period }) + delta;
      const result = await tx.db
        .createQueryBuilder()
        .update(TwoFactorEntity)
        .set({ lastStep: step })
        .where('account_id = :accountId AND (last_step IS NULL OR last_step < :step)', { accountId, step })
        .execute();
      if (result.affected !== 1) throw invalidCode(field);
      return;
    }
    const used = await tx.db
      .createQueryBuilder()
      .update(RecoveryCodeEntity)
      .set({ usedAt: new Date() })
      .where('account_id = :accountId AND code_hash = :hash AND used_at IS NULL', { accountId, hash: recoveryHash(code) })
      .execute();
    if (used.affected !== 1) throw invalidCode(field);
  }

  /** The account a two-step mutation acts for: the challenge's during a sign-in, else the signed-in viewer (a session). */
  private async subjectOf(
    ctx: RequestContext,
    challenge: string | null,
  ): Promise<{ account: AccountEntity; challenge: Awaited<ReturnType<typeof liveChallenge>> | null }> {
    if (challenge != null) {
      const found = await liveChallenge(ctx.db, challenge, ['challenge']);
      const account = await ctx.db.findOneBy(AccountEntity, { id: found.accountId });
      if (!account || account.disabled)
        throw new DomainError(ErrorCode.INVALID_TOKEN, 'This sign-in is not valid (any more): sign in again', ['challenge']);
      return { account, challenge: found };
    }
    if (!ctx.viewer) throw new DomainError(ErrorCode.INVALID_TOKEN, 'Sign in first', ['challenge']);
    if (ctx.viewer.apiToken) throw forbidden('Two-step sign-in is managed from a signed-in session, not with an API token');
    return { account: ctx.viewer.account, challenge: null };
  }

  /** completeSignIn: the second step with a TOTP code or a recovery code; returns the session as signIn does. */
  async completeSignIn(ctx: RequestContext, challenge: string, code: string): Promise<{ token: string; account: AccountEntity }> {
    const { account, challenge: found } = await this.subjectOf(ctx, challenge);
    if (found!.enrollmentRequired) {
      throw invalidInput('Two-step sign-in must be set up first: beginTwoFactorEnrollment with this challenge', ['challenge']);
    }
    // wrong codes count against the same attempt limits as passwords
    const attempt = await ctx.deps.limiter.signInAttempt(account.id, ctx.clientIp);
    let session;
    try {
      session = await ctx.inTransaction(async (tx) => {
        await claimChallenge(tx.db, found!, ['challenge']);
        const state = await tx.db.findOneBy(TwoFactorEntity, { accountId: account.id });
        if (!state?.secret)
          throw new DomainError(ErrorCode.INVALID_TOKEN, 'This sign-in is not valid (any more): sign in again', ['challenge']);
        await this.acceptCode(tx, account.id, state.secret, code, ['code']);
        const actor = tx.as({ account, sessionId: '' });
        const started = await this.auth.startSession(actor, account);
        await this.audit.recordChange(actor, 'auth.sign_in', auditTarget.account(account.id), null, { secondFactor: true });
        await recordSignIn(actor, { accountId: account.id, email: account.email, succeeded: true, secondFactorUsed: true });
        return started;
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.INVALID_CODE) {
        await ctx.inTransaction((tx) =>
          recordSignIn(tx, { accountId: account.id, email: account.email, succeeded: false, secondFactorUsed: true }),
        );
      }
      throw error;
    }
    await attempt.succeeded();
    ctx.http?.setSessionCookie(session.token, session.expiresAt);
    ctx.signedInAs({ account, sessionId: session.sessionId });
    return { token: session.token, account };
  }

  /** A fresh secret waiting for its first code: for the viewer (a session), or during a sign-in that requires enrolment. */
  async beginEnrollment(ctx: RequestContext, challenge: string | null): Promise<{ enrollment: { secret: string; otpauthUri: string } }> {
    const { account } = await this.subjectOf(ctx, challenge);
    const secret = new OTPAuth.Secret({ size: 20 });
    const otpauthUri = new OTPAuth.TOTP({ issuer: 'Clientele', label: account.email, secret, ...TOTP_OPTIONS }).toString();
    await ctx.inTransaction(async (tx) => {
      const state = await tx.db.findOneBy(TwoFactorEntity, { accountId: account.id });
      if (state?.secret)
        throw conflict('Two-step sign-in is on already; turn it off first to set up another device', challenge ? ['challenge'] : null);
      const pendingSecret = tx.deps.secrets.seal(secret.base32);
      if (state) await tx.db.update(TwoFactorEntity, { accountId: account.id }, { pendingSecret });
      else await tx.db.insert(TwoFactorEntity, { accountId: account.id, secret: null, pendingSecret, enabledAt: null, lastStep: null });
    });
    return { enrollment: { secret: secret.base32, otpauthUri } };
  }

  /**
   * The first code from the new device turns two-step sign-in on and returns 10 recovery codes
   * (shown once, stored hashed); with a challenge it also completes that sign-in.
   */
  async confirmEnrollment(
    ctx: RequestContext,
    code: string,
    challenge: string | null,
  ): Promise<{ recoveryCodes: string[]; token: string | null; account: AccountEntity }> {
    const { account, challenge: found } = await this.subjectOf(ctx, challenge);
    const attempt = await ctx.deps.limiter.signInAttempt(account.id, ctx.clientIp);
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    const session = await ctx.inTransaction(async (tx) => {
      if (found) await claimChallenge(tx.db, found, ['challenge']);
      const state = await tx.db.findOneBy(TwoFactorEntity, { accountId: account.id });
      if (state?.secret) throw conflict('Two-step sign-in is on already', ['code']);
      if (!state?.pendingSecret) throw invalidInput('Start the set-up first (beginTwoFactorEnrollment)', ['code']);
      await this.acceptCode(tx, account.id, state.pendingSecret, code, ['code']);
      await tx.db.update(
        TwoFactorEntity,
        { accountId: account.id },
        { secret: state.pendingSecret, pendingSecret: null, enabledAt: new Date() },
      );
      await tx.db.delete(RecoveryCodeEntity, { accountId: account.id });
      await tx.db.insert(
        RecoveryCodeEntity,
        recoveryCodes.map((c) => ({ id: newId('RecoveryCode'), accountId: account.id, codeHash: recoveryHash(c), usedAt: null })),
      );
      const actor = tx.as({ account, sessionId: ctx.viewer?.sessionId ?? '' });
      await this.audit.recordChange(actor, 'auth.two_factor_enable', auditTarget.account(account.id));
      if (!found) return null;
      const started = await this.auth.startSession(actor, account);
      await recordSignIn(actor, { accountId: account.id, email: account.email, succeeded: true, secondFactorUsed: true });
      return started;
    });
    await attempt.succeeded();
    if (session) {
      ctx.http?.setSessionCookie(session.token, session.expiresAt);
      ctx.signedInAs({ account, sessionId: session.sessionId });
    }
    return { recoveryCodes, token: session?.token ?? null, account };
  }

  /** Turns two-step sign-in off with the password, unless a policy requires it. */
  async disable(ctx: RequestContext, password: string): Promise<{ ok: true }> {
    const { account } = await this.subjectOf(ctx, null);
    if (await twoFactorRequiredFor(ctx.db, ctx.deps.config, account)) {
      throw forbidden('Two-step sign-in is required for your account by your company or the provider');
    }
    const attempt = await ctx.deps.limiter.signInAttempt(account.id, ctx.clientIp);
    const withHash = await findAccountWithPasswordHash(ctx.db, account.emailNormalized);
    const valid = password.length <= PASSWORD_MAX && (await verifyPassword(withHash?.passwordHash ?? null, password));
    if (!valid) throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'The password is not correct', ['password']);
    await attempt.succeeded();
    await ctx.inTransaction(async (tx) => {
      await tx.db.delete(RecoveryCodeEntity, { accountId: account.id });
      await tx.db.delete(TwoFactorEntity, { accountId: account.id });
      await this.audit.recordChange(tx, 'auth.two_factor_disable', auditTarget.account(account.id));
    });
    return { ok: true };
  }

  /** Account.twoFactorEnabled: for the account itself and staff; null for anyone else. */
  async enabledOf(ctx: RequestContext, accountId: string): Promise<boolean | null> {
    const viewer = ctx.viewer;
    if (!viewer || (viewer.account.id !== accountId && !viewer.account.staffRole)) return null;
    return ctx.loaders.twoFactorEnabled.load(accountId);
  }
}
