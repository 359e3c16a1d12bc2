import type { RequestContext } from '../../kernel/request-context';
import { lockForUpdate } from '../../db/transactions';
import { DomainError, ErrorCode, forbidden, invalidInput } from '../../shared/errors';
import { hashToken } from '../../shared/tokens';
import { singleLineName } from '../../shared/validation';
import { AccountEntity } from '../account/account.entity';
import { AccountService, checkPassword } from '../account/account.service';
import { findAccountWithPasswordHash, hashPassword, verifyPassword } from '../account/password';
import { AuditService, auditTarget } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { MembershipService } from '../membership/membership.service';
import { invitationAuditView, reportedStatus } from './invitation-lifecycle';
import { InvitationEntity, InvitationStatus } from './invitation.entity';
import { AcceptInvitationInput } from './invitation.input';

/** A token that still works: INVITATION_INVALID when unknown, used, revoked or replaced; INVITATION_EXPIRED past its expiry. */
function assertAcceptable(invitation: InvitationEntity | null): asserts invitation is InvitationEntity {
  if (!invitation || invitation.status !== InvitationStatus.PENDING) {
    throw new DomainError(
      ErrorCode.INVITATION_INVALID,
      'This invitation link is not valid: it was used, revoked or replaced by a newer one',
      ['input', 'token'],
    );
  }
  if (reportedStatus(invitation) === InvitationStatus.EXPIRED) {
    throw new DomainError(ErrorCode.INVITATION_EXPIRED, 'This invitation has expired: ask for a new one', ['input', 'token']);
  }
}

/**
 * `acceptInvitation` with the emailed token: creates the account (new email, password required) or
 * proves the existing account's password, adds the membership with the role's default capabilities,
 * and signs in. The invitation row is locked, so the same token accepted twice at once wins once.
 */
export class AcceptInvitation {
  constructor(
    private readonly audit: AuditService,
    private readonly accounts: AccountService,
    private readonly memberships: MembershipService,
    private readonly auth: AuthService,
  ) {}

  async run(ctx: RequestContext, input: AcceptInvitationInput): Promise<{ token: string; account: AccountEntity }> {
    const tokenHash = hashToken(input.token);
    // against guessing: attempts per token and per client IP
    await ctx.deps.limiter.attempt('accept', tokenHash, ctx.clientIp);
    const peek = await ctx.db.findOneBy(InvitationEntity, { tokenHash });
    assertAcceptable(peek); // token problems first: they tell the person what to do next
    const existingAccount = await findAccountWithPasswordHash(ctx.db, peek.emailNormalized);
    // hashing and verifying are slow: do them before the transaction, check the outcome inside it
    let newPasswordHash: string | null = null;
    let passwordOk = false;
    if (existingAccount) {
      passwordOk = input.password != null && (await verifyPassword(existingAccount.passwordHash, input.password));
    } else if (input.password != null) {
      checkPassword(input.password, ['input', 'password']);
      newPasswordHash = await hashPassword(input.password);
    }
    const result = await ctx.inTransaction(async (tx) => {
      await lockForUpdate(tx.db, 'invitation', 'token_hash', [tokenHash]);
      const current = await tx.db.findOneBy(InvitationEntity, { tokenHash });
      const invitation = current?.id === peek.id ? current : null;
      assertAcceptable(invitation); // again, now under the lock: a concurrent accept has won
      await lockForUpdate(tx.db, 'company', 'id', [invitation.companyId]);
      let account = await tx.db.findOneBy(AccountEntity, { emailNormalized: invitation.emailNormalized });
      if (account) {
        if (!existingAccount || existingAccount.id !== account.id || !passwordOk) {
          throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'An account with this email exists: enter its password to accept', [
            'input',
            'password',
          ]);
        }
        if (account.disabled) throw forbidden('This account is disabled');
      } else {
        if (!newPasswordHash) throw invalidInput(`Choose a password of at least 12 characters`, ['input', 'password']);
        account = await this.accounts.insert(tx, {
          email: invitation.email,
          // invitations from before names had to be one line
          firstName: singleLineName(invitation.firstName),
          lastName: singleLineName(invitation.lastName),
          language: invitation.language,
          passwordHash: newPasswordHash,
          staffRole: null,
        });
        // no viewer yet: the new account is its own creator
        await this.audit.record(tx, {
          action: 'account.create',
          targetType: 'Account',
          targetId: account.id,
          actorId: account.id,
          after: { email: account.email, via: 'invitation' },
        });
      }
      const actor = tx.as({ account, sessionId: '' });
      const membership = await this.memberships.insert(actor, account.id, invitation.companyId, invitation.role, null);
      const before = invitationAuditView(invitation);
      invitation.status = InvitationStatus.ACCEPTED;
      invitation.acceptedAt = new Date();
      invitation.membershipId = membership.id;
      await tx.db.update(
        InvitationEntity,
        { id: invitation.id },
        {
          status: invitation.status,
          acceptedAt: invitation.acceptedAt,
          membershipId: membership.id,
          pendingKey: null,
          tokenHash: null,
        },
      );
      await this.audit.recordChange(
        actor,
        'invitation.accept',
        auditTarget.invitation(invitation),
        before,
        invitationAuditView(invitation),
      );
      const session = await this.auth.startSession(actor, account);
      return { ...session, account };
    });
    ctx.http?.setSessionCookie(result.token, result.expiresAt);
    ctx.signedInAs({ account: result.account, sessionId: result.sessionId });
    return { token: result.token, account: result.account };
  }
}
