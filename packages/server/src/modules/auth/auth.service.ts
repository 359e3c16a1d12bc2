import type { Config } from '../../config';
import type { RequestContext, SignedInViewer } from '../../kernel/request-context';
import { isEmail } from 'class-validator';
import { DomainError, ErrorCode, invalidInput, type TokenRejection } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { hashToken, newSecretToken } from '../../shared/tokens';
import { normalizeEmail, PASSWORD_MAX } from '../../shared/validation';
import { EntityManager } from 'typeorm';
import { ignoreConflict, TransactionRunner } from '../../db/transactions';
import { AccountEntity } from '../account/account.entity';
import { findAccountWithPasswordHash, verifyPassword } from '../account/password';
import { AuditService, auditTarget } from '../audit/audit.service';
import { SessionEntity } from './session.entity';
import { recordSignIn } from '../sign-in-log/sign-in-log.service';
import { secondStepFor, type SecondFactorChallenge } from '../two-factor/second-step';

/** What signIn (and resetPassword) answer: a session, or the second step's challenge. */
export interface SignInResult {
  token: string | null;
  account: AccountEntity | null;
  secondFactor: SecondFactorChallenge | null;
}
import { columnsOf, hydrate } from '../../db/raw-entities';
import { MEMBERSHIP_GRANT_COLUMNS, MembershipGrantRow, viewerGrantsFromRows } from '../../kernel/viewer-grants';

/** Activity is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export class AuthService {
  constructor(
    private readonly config: Pick<Config, 'session'>,
    private readonly audit: AuditService,
  ) {}

  /**
   * Same answer (INVALID_CREDENTIALS) for an unknown email and a wrong password, whether or not the
   * account is disabled; a disabled account's right password is told ACCOUNT_DISABLED (issue 17, bug 8):
   * only someone who knows the password learns the account exists. Every path verifies one argon2
   * hash (a dummy one for an unknown email), so the time tells nothing either.
   */
  async signIn(ctx: RequestContext, email: string, password: string): Promise<SignInResult> {
    // access-model.md "Errors": an email that is no email is INVALID_INPUT (no account can have it, so this reveals nothing)
    if (email.length > 254 || !isEmail(email.trim())) throw invalidInput('email must be an email address', ['email']);
    const account = await findAccountWithPasswordHash(ctx.db, normalizeEmail(email));
    // against guessing: attempts per account found (whatever spelling was typed; an unknown email by
    // its normalized spelling, so it behaves alike) and client address, and per client address
    const attempt = await ctx.deps.limiter.signInAttempt(account ? account.id : `email:${normalizeEmail(email)}`, ctx.clientIp);
    // an over-long password cannot be right: refuse it without making the server hash megabytes
    const valid = password.length <= PASSWORD_MAX && (await verifyPassword(account ? account.passwordHash : null, password));
    // only failures count; a disabled account's right password counts too, so limits do not tell it apart
    if (valid && account && !account.disabled) await attempt.succeeded();
    if (!account || !valid || account.disabled) {
      await ctx.inTransaction(async (tx) => {
        await this.audit.record(tx, {
          action: 'auth.sign_in_failed',
          targetType: 'Account',
          targetId: account?.id ?? null,
          actorId: null,
          after: { email: email.slice(0, 254), reason: !account ? 'unknown_email' : !valid ? 'wrong_password' : 'disabled' },
        });
        await recordSignIn(tx, { accountId: account?.id ?? null, email, succeeded: false, secondFactorUsed: false });
      });
      if (account && valid)
        throw new DomainError(ErrorCode.ACCOUNT_DISABLED, 'This account is disabled; ask your administrator to enable it');
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Email or password is not correct');
    }
    const session = await ctx.inTransaction(async (tx) => {
      const actor = tx.as({ account, sessionId: '' });
      // the right password, and two-step sign-in in use or required: no session yet, a challenge instead
      const secondFactor = await secondStepFor(actor, account);
      if (secondFactor) return { secondFactor };
      const started = await this.startSession(actor, account);
      await this.audit.recordChange(actor, 'auth.sign_in', auditTarget.account(account.id));
      await recordSignIn(actor, { accountId: account.id, email, succeeded: true, secondFactorUsed: false });
      return started;
    });
    if ('secondFactor' in session) return { token: null, account: null, secondFactor: session.secondFactor };
    ctx.http?.setSessionCookie(session.token, session.expiresAt);
    ctx.signedInAs({ account, sessionId: session.sessionId });
    return { token: session.token, account, secondFactor: null };
  }

  /** Creates a session in the caller's transaction; the token is returned once and stored hashed. */
  async startSession(tx: RequestContext, account: AccountEntity): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const token = newSecretToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.session.absoluteHours * 3_600_000);
    const sessionId = newId('Session');
    await tx.db.insert(SessionEntity, {
      id: sessionId,
      tokenHash: hashToken(token),
      accountId: account.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: tx.userAgent,
      clientAddress: tx.clientIp?.slice(0, 64) ?? null,
    });
    return { token, expiresAt, sessionId };
  }

  async signOut(ctx: RequestContext): Promise<boolean> {
    ctx.http?.clearSessionCookie();
    if (!ctx.viewer) return false;
    const sessionId = ctx.viewer.sessionId;
    await ctx.inTransaction(async (tx) => {
      await tx.db.delete(SessionEntity, { id: sessionId });
      await this.audit.recordChange(tx, 'auth.sign_out', auditTarget.account(ctx.viewer!.account.id));
    });
    return true;
  }

  /**
   * The viewer behind a bearer token or session cookie, or why it is refused: unknown (TOKEN_INVALID:
   * never issued, or signed out or revoked, which deletes the session), its account disabled
   * (TOKEN_REVOKED), idle too long or past its absolute end (TOKEN_EXPIRED); checked on every
   * request. A customer's grants come with it, from the same statement (one round trip less on
   * every request).
   */
  async resolveViewer(reader: EntityManager, transactions: TransactionRunner, token: string): Promise<SignedInViewer | TokenRejection> {
    const rows: Array<Record<string, unknown> & Partial<MembershipGrantRow> & { portal_company_id: string | null }> = await reader.query(
      sessionSql(reader),
      [hashToken(token)],
    );
    if (rows.length === 0) return 'TOKEN_INVALID';
    const session = hydrate(reader, SessionEntity, 's', rows[0]);
    const account = hydrate(reader, AccountEntity, 'a', rows[0]);
    if (account.disabled) return 'TOKEN_REVOKED';
    const now = Date.now();
    const idleLimit = this.config.session.idleMinutes * 60_000;
    if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleLimit <= now) return 'TOKEN_EXPIRED';
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      // best effort: a touch that keeps colliding (Galera) must not fail the request it serves
      await transactions.run((db) => db.update(SessionEntity, { id: session.id }, { lastSeenAt: new Date(now) })).catch(ignoreConflict);
    }
    const memberships = rows.filter((r) => r.portal_company_id != null) as MembershipGrantRow[];
    return {
      viewer: { account, sessionId: session.id },
      grants: account.staffRole ? null : viewerGrantsFromRows(account.id, memberships),
    };
  }
}

/** The session, its account and the account's memberships in portal-enabled companies (none for staff). */
const sessionSqlOf = new WeakMap<object, string>();
function sessionSql(db: EntityManager): string {
  let sql = sessionSqlOf.get(db.connection);
  if (!sql) {
    sql = `SELECT ${columnsOf(db, SessionEntity, 's')}, ${columnsOf(db, AccountEntity, 'a')}, c.id AS portal_company_id, ${MEMBERSHIP_GRANT_COLUMNS}
      FROM session s JOIN account a ON a.id = s.account_id
      LEFT JOIN membership m ON m.account_id = a.id
      LEFT JOIN company c ON c.id = m.company_id AND c.portal_enabled = 1
      WHERE s.token_hash = ?`;
    sessionSqlOf.set(db.connection, sql);
  }
  return sql;
}
