import { isEmail } from 'class-validator';
import type { Config } from '../../config';
import type { RequestContext } from '../../kernel/request-context';
import { enqueueMail } from '../../infrastructure/outbox';
import { DomainError, ErrorCode, forbidden, invalidInput } from '../../shared/errors';
import { hashToken } from '../../shared/tokens';
import { normalizeEmail, PASSWORD_MAX } from '../../shared/validation';
import { AccountEntity } from '../account/account.entity';
import { checkPassword } from '../account/account.service';
import { findAccountWithPasswordHash, hashPassword, verifyPassword } from '../account/password';
import { AuditService, auditTarget } from '../audit/audit.service';
import { AuthService, type SignInResult } from '../auth/auth.service';
import { secondStepFor } from '../two-factor/second-step';
import { SessionEntity } from '../auth/session.entity';
import { passwordResetMail } from './password-mail';
import { PasswordResetEntity } from './password-reset.entity';
import { issuePasswordToken } from './password-token';

/** A reset link works for this long (account-security.md). */
export const RESET_TTL_MS = 60 * 60_000;

/** Forgotten and changed passwords (account-security.md "Passwords"). */
export class PasswordService {
  constructor(
    private readonly config: Pick<Config, 'publicUrl'>,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  /**
   * Mails a reset link to an existing, enabled account; answers `ok` alike for every email, known
   * or not (the mail goes through the outbox after the commit, so the answer does not wait for it).
   */
  async requestReset(ctx: RequestContext, email: string): Promise<{ ok: true }> {
    if (email.length > 254 || !isEmail(email.trim())) throw invalidInput('email must be an email address', ['email']);
    const emailNormalized = normalizeEmail(email);
    // per email (known or not, so a refusal reveals nothing) and per client address
    await ctx.deps.limiter.attempt('password-reset', emailNormalized, ctx.clientIp);
    await ctx.inTransaction(async (tx) => {
      const account = await tx.db.findOneBy(AccountEntity, { emailNormalized });
      if (!account || account.disabled) {
        // a request for nobody is recorded too (like a failed sign-in): a write either way, so the
        // answer takes about as long (bench/sign-in-timing.mjs measures it)
        await tx.db.findOneBy(PasswordResetEntity, { accountId: account?.id ?? '' });
        await this.audit.record(tx, {
          action: 'auth.password_reset_request',
          targetType: 'Account',
          targetId: account?.id ?? null,
          actorId: null,
          after: { email: email.trim().slice(0, 254), reason: account ? 'disabled' : 'unknown_email' },
        });
        return;
      }
      const token = await issuePasswordToken(tx.db, account.id, RESET_TTL_MS);
      const mail = passwordResetMail({
        to: account.email,
        language: account.language,
        firstName: account.firstName,
        resetUrl: `${this.config.publicUrl}/password-reset?token=${encodeURIComponent(token)}`,
      });
      await enqueueMail(tx.db, {
        kind: 'PASSWORD_RESET',
        dedupeKey: `password-reset:${account.id}:${hashToken(token).slice(0, 16)}`,
        recipientAccountId: account.id,
        to: mail.to,
        language: mail.language,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'X-Clientele-Event': 'PASSWORD_RESET' },
      });
      await this.audit.recordChange(tx.as({ account, sessionId: '' }), 'auth.password_reset_request', auditTarget.account(account.id));
      tx.afterCommit(() => ctx.deps.outbox.notify());
    });
    return { ok: true };
  }

  /**
   * Sets a new password with an emailed token: single-use (claimed by deleting its row, so of two
   * concurrent uses one wins), ends every session of the account, and signs in.
   */
  async reset(ctx: RequestContext, token: string, password: string): Promise<SignInResult> {
    checkPassword(password, ['password']);
    await ctx.deps.limiter.attempt('password-reset-token', hashToken(token), ctx.clientIp);
    const tokenHash = hashToken(token);
    // hashing is slow and holds no lock: done before the transaction, wasted only on a bad token
    const found = await ctx.db.findOneBy(PasswordResetEntity, { tokenHash });
    if (!found) throw new DomainError(ErrorCode.INVALID_TOKEN, 'This link is not valid (any more): ask for a new one', ['token']);
    if (found.expiresAt.getTime() <= Date.now())
      throw new DomainError(ErrorCode.TOKEN_EXPIRED, 'This link has expired: ask for a new one', ['token']);
    const passwordHash = await hashPassword(password);
    const signedIn = await ctx.inTransaction(async (tx) => {
      const { affected } = await tx.db.delete(PasswordResetEntity, { accountId: found.accountId, tokenHash });
      if (affected !== 1) throw new DomainError(ErrorCode.INVALID_TOKEN, 'This link is not valid (any more): ask for a new one', ['token']);
      const account = await tx.db.findOneBy(AccountEntity, { id: found.accountId });
      if (!account || account.disabled)
        throw new DomainError(ErrorCode.INVALID_TOKEN, 'This link is not valid (any more): ask for a new one', ['token']);
      await tx.db.update(AccountEntity, { id: account.id }, { passwordHash });
      await tx.db.delete(SessionEntity, { accountId: account.id });
      const actor = tx.as({ account, sessionId: '' });
      await this.audit.recordChange(actor, 'auth.password_reset', auditTarget.account(account.id));
      // with two-step sign-in (used or required) the reset signs in as far as the second step, like signIn
      const secondFactor = await secondStepFor(actor, account);
      if (secondFactor) return { secondFactor, session: null, account };
      const session = await this.auth.startSession(actor, account);
      return { secondFactor: null, session, account };
    });
    if (signedIn.secondFactor) return { token: null, account: null, secondFactor: signedIn.secondFactor };
    const session = signedIn.session!;
    ctx.http?.setSessionCookie(session.token, session.expiresAt);
    ctx.signedInAs({ account: signedIn.account, sessionId: session.sessionId });
    return { token: session.token, account: signedIn.account, secondFactor: null };
  }

  /** From a signed-in session: the current password proves it is the account's owner; every other session ends. */
  async change(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<{ ok: true }> {
    if (!ctx.viewer || ctx.viewer.apiToken) throw forbidden('A password is changed from a signed-in session, not with an API token');
    checkPassword(newPassword, ['newPassword']);
    const viewer = ctx.viewer;
    // wrong current passwords count like failed sign-ins of this account from this address
    await ctx.deps.limiter.attempt('password-change', viewer.account.id, ctx.clientIp);
    const account = await findAccountWithPasswordHash(ctx.db, viewer.account.emailNormalized);
    const valid = currentPassword.length <= PASSWORD_MAX && (await verifyPassword(account?.passwordHash ?? null, currentPassword));
    if (!account || !valid)
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'The current password is not correct', ['currentPassword']);
    const passwordHash = await hashPassword(newPassword);
    await ctx.inTransaction(async (tx) => {
      await tx.db.update(AccountEntity, { id: account.id }, { passwordHash });
      await tx.db
        .createQueryBuilder()
        .delete()
        .from(SessionEntity)
        .where('account_id = :accountId AND id <> :current', { accountId: account.id, current: viewer.sessionId })
        .execute();
      await this.audit.recordChange(tx, 'auth.password_change', auditTarget.account(account.id));
    });
    return { ok: true };
  }
}
