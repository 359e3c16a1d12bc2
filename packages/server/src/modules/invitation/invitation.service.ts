import { In } from 'typeorm';
import type { Config } from '../../config';
import type { RequestContext } from '../../kernel/request-context';
import { lockForUpdate } from '../../db/transactions';
import { conflict, DomainError, ErrorCode, forbidden, invalidInput, notFound } from '../../shared/errors';
import { isIdOf, newId } from '../../shared/ids';
import { paginate, PageArgs } from '../../shared/pagination';
import { hashToken, newSecretToken } from '../../shared/tokens';
import { cleanName, normalizeEmail } from '../../shared/validation';
import { companyScope } from '../access/visibility';
import { AccountEntity } from '../account/account.entity';
import { AccountService, checkPassword } from '../account/account.service';
import { findAccountWithPasswordHash, hashPassword, verifyPassword } from '../account/password';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { CompanyEntity } from '../company/company.entity';
import { CompanyService } from '../company/company.service';
import { enqueueMail } from '../../infrastructure/outbox';
import { MembershipEntity, Role } from '../membership/membership.entity';
import { MembershipService } from '../membership/membership.service';
import { invitationMail } from './invitation-mail';
import { InvitationEntity, InvitationStatus } from './invitation.entity';
import { AcceptInvitationInput, InviteMemberInput } from './invitation.input';
import type { InvitationPreview } from './invitation-preview.type';
import { canInviteInto, canListInvitationsOf } from './invitation.policy';

const auditView = (i: InvitationEntity) => ({
  email: i.email,
  firstName: i.firstName,
  lastName: i.lastName,
  language: i.language,
  role: i.role,
  status: i.status,
  expiresAt: i.expiresAt.toISOString(),
  membershipId: i.membershipId,
});

const pendingKeyOf = (companyId: string, emailNormalized: string) => `${companyId}:${emailNormalized}`;

/** EXPIRED is reported for a pending invitation past its expiry. */
export function reportedStatus(invitation: InvitationEntity, now = new Date()): InvitationStatus {
  return invitation.status === InvitationStatus.PENDING && invitation.expiresAt <= now ? InvitationStatus.EXPIRED : invitation.status;
}

export class InvitationService {
  constructor(
    private readonly config: Pick<Config, 'publicUrl' | 'invitationTtlHours'>,
    private readonly audit: AuditService,
    private readonly accounts: AccountService,
    private readonly companies: CompanyService,
    private readonly memberships: MembershipService,
    private readonly auth: AuthService,
  ) {}

  /** DataLoader batch for node(id): staff see all; an ADMINISTRATOR sees those of its companies. */
  async findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<InvitationEntity[]> {
    const query = ctx.db
      .getRepository(InvitationEntity)
      .createQueryBuilder('i')
      .where({ id: In([...ids]) });
    const g = await ctx.grants();
    if (g && !g.isStaff) {
      const administered = g.memberships.filter((m) => m.role === Role.ADMINISTRATOR).map((m) => m.companyId);
      query.andWhere(administered.length ? 'i.company_id IN (:...administered)' : '1 = 0', { administered });
    }
    const restriction = companyScope(g, 'i.company_id'); // also narrows a company-restricted token
    if (restriction) query.andWhere(restriction.sql, restriction.params);
    return query.getMany();
  }

  /** Invitations of a company, newest first, optionally by reported status. */
  async listOfCompany(ctx: RequestContext, companyId: string, args: PageArgs & { status?: InvitationStatus | null }) {
    if (!(await canListInvitationsOf(ctx, companyId))) throw forbidden('Only administrators of this company can list its invitations');
    const query = ctx.db.getRepository(InvitationEntity).createQueryBuilder('i').where({ companyId });
    const now = new Date();
    switch (args.status) {
      case InvitationStatus.PENDING:
        query.andWhere('i.status = :pending AND i.expires_at > :now', { pending: InvitationStatus.PENDING, now });
        break;
      case InvitationStatus.EXPIRED:
        query.andWhere('(i.status = :expired OR (i.status = :pending AND i.expires_at <= :now))', {
          expired: InvitationStatus.EXPIRED,
          pending: InvitationStatus.PENDING,
          now,
        });
        break;
      case InvitationStatus.ACCEPTED:
      case InvitationStatus.REVOKED:
        query.andWhere('i.status = :status', { status: args.status });
        break;
    }
    return paginate(query, args, [
      { column: 'i.created_at', direction: 'DESC', valueOf: (i) => i.createdAt, isDate: true },
      { column: 'i.id', direction: 'DESC', valueOf: (i) => i.id },
    ]);
  }

  async invite(ctx: RequestContext, input: InviteMemberInput): Promise<{ invitation: InvitationEntity }> {
    const company = await this.companies.requireVisible(ctx, input.companyId, ['input', 'companyId']);
    if (!(await canInviteInto(ctx, company.id))) throw forbidden('Only administrators of this company can invite people');
    const emailNormalized = normalizeEmail(input.email);
    return ctx.inTransaction(async (tx) => {
      await lockForUpdate(tx.db, 'company', 'id', [company.id]);
      const existing = await tx.db.findOneBy(AccountEntity, { emailNormalized });
      if (existing?.staffRole) throw invalidInput('This email belongs to a staff account', ['input', 'email']);
      if (existing && (await tx.db.existsBy(MembershipEntity, { accountId: existing.id, companyId: company.id }))) {
        throw new DomainError(ErrorCode.ALREADY_MEMBER, `${input.email} is already a member of ${company.name}`, ['input', 'email']);
      }
      const pendingKey = pendingKeyOf(company.id, emailNormalized);
      const pending = await tx.db.findOneBy(InvitationEntity, { pendingKey });
      if (pending && reportedStatus(pending) === InvitationStatus.PENDING) {
        throw conflict(`${input.email} already has a pending invitation to ${company.name}: resend it instead`, ['input', 'email']);
      }
      if (pending) await this.markExpired(tx, pending);
      const now = new Date();
      const token = newSecretToken();
      const invitation = tx.db.create(InvitationEntity, {
        id: newId('Invitation'),
        companyId: company.id,
        email: input.email.trim(),
        emailNormalized,
        firstName: cleanName(input.firstName),
        lastName: cleanName(input.lastName),
        language: input.language.trim(),
        role: input.role,
        status: InvitationStatus.PENDING,
        pendingKey,
        tokenHash: hashToken(token),
        expiresAt: this.expiryFrom(now),
        invitedById: ctx.viewer!.account.id,
        membershipId: null,
        acceptedAt: null,
        createdAt: now,
      });
      await tx.db.insert(InvitationEntity, invitation);
      await this.audit.record(tx, {
        action: 'invitation.create',
        targetType: 'Invitation',
        targetId: invitation.id,
        companyId: company.id,
        after: auditView(invitation),
      });
      // last step of the transaction: when the mail cannot be sent, nothing was created
      await this.sendMail(tx, invitation, company, token);
      return { invitation };
    });
  }

  /** A new token (the old one stops working) and a new expiry; an expired invitation becomes pending again. */
  async resend(ctx: RequestContext, id: string): Promise<{ invitation: InvitationEntity }> {
    return ctx.inTransaction(async (tx) => {
      const invitation = await this.lockForChange(tx, id);
      const status = reportedStatus(invitation);
      if (status === InvitationStatus.ACCEPTED || status === InvitationStatus.REVOKED) {
        throw conflict(`This invitation is ${status.toLowerCase()} and cannot be sent again`, ['id']);
      }
      const before = auditView(invitation);
      if (status === InvitationStatus.EXPIRED) {
        const pendingKey = pendingKeyOf(invitation.companyId, invitation.emailNormalized);
        const other = await tx.db.findOneBy(InvitationEntity, { pendingKey });
        if (other && other.id !== invitation.id) {
          if (reportedStatus(other) === InvitationStatus.PENDING) throw conflict('A newer invitation for this email is pending', ['id']);
          await this.markExpired(tx, other);
        }
        invitation.pendingKey = pendingKey;
      }
      const token = newSecretToken();
      invitation.status = InvitationStatus.PENDING;
      invitation.tokenHash = hashToken(token);
      invitation.expiresAt = this.expiryFrom(new Date());
      await tx.db.update(
        InvitationEntity,
        { id: invitation.id },
        {
          status: invitation.status,
          pendingKey: invitation.pendingKey,
          tokenHash: invitation.tokenHash,
          expiresAt: invitation.expiresAt,
        },
      );
      await this.audit.record(tx, {
        action: 'invitation.resend',
        targetType: 'Invitation',
        targetId: invitation.id,
        companyId: invitation.companyId,
        before,
        after: auditView(invitation),
      });
      const company = await tx.db.findOneByOrFail(CompanyEntity, { id: invitation.companyId });
      await this.sendMail(tx, invitation, company, token);
      return { invitation };
    });
  }

  /** Pending (or expired) → REVOKED; accepted → REVOKED and the membership it created is removed. */
  async revoke(ctx: RequestContext, id: string): Promise<{ invitation: InvitationEntity }> {
    return ctx.inTransaction(async (tx) => {
      const invitation = await this.lockForChange(tx, id);
      if (invitation.status === InvitationStatus.REVOKED) throw conflict('This invitation is already revoked', ['id']);
      const before = auditView(invitation);
      if (invitation.status === InvitationStatus.ACCEPTED && invitation.membershipId) {
        const membership = await tx.db.findOneBy(MembershipEntity, { id: invitation.membershipId });
        if (membership) await this.memberships.removeLocked(tx, membership);
      }
      invitation.status = InvitationStatus.REVOKED;
      invitation.pendingKey = null;
      invitation.tokenHash = null;
      await tx.db.update(InvitationEntity, { id: invitation.id }, { status: invitation.status, pendingKey: null, tokenHash: null });
      await this.audit.record(tx, {
        action: 'invitation.revoke',
        targetType: 'Invitation',
        targetId: invitation.id,
        companyId: invitation.companyId,
        before,
        after: auditView(invitation),
      });
      return { invitation };
    });
  }

  /**
   * Accepts with the emailed token: creates the account (new email, password required) or proves
   * the existing account's password, adds the membership with the role's default capabilities, and
   * signs in. The invitation row is locked, so the same token accepted twice at once wins once.
   */
  async accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<{ token: string; account: AccountEntity }> {
    const tokenHash = hashToken(input.token);
    // against guessing: attempts per token and per client IP
    await ctx.deps.limiter.attempt('accept', tokenHash, ctx.clientIp);
    const peek = await ctx.db.findOneBy(InvitationEntity, { tokenHash });
    this.assertAcceptable(peek); // token problems first: they tell the person what to do next
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
      this.assertAcceptable(invitation); // again, now under the lock: a concurrent accept has won
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
          firstName: invitation.firstName,
          lastName: invitation.lastName,
          language: invitation.language,
          passwordHash: newPasswordHash,
          staffRole: null,
        });
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
      const before = auditView(invitation);
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
      await this.audit.record(actor, {
        action: 'invitation.accept',
        targetType: 'Invitation',
        targetId: invitation.id,
        companyId: invitation.companyId,
        before,
        after: auditView(invitation),
      });
      const session = await this.auth.startSession(actor, account);
      return { ...session, account };
    });
    ctx.http?.setSessionCookie(result.token, result.expiresAt);
    ctx.signedInAs({ account: result.account, sessionId: result.sessionId });
    return { token: result.token, account: result.account };
  }

  /**
   * The accept page's view of a token, looked up by its hash like `accept`. Only pending rows keep
   * a hash, so used, revoked and replaced links (and unknown ones) answer null.
   */
  async preview(ctx: RequestContext, token: string): Promise<InvitationPreview | null> {
    if (token.length === 0 || token.length > 200) return null;
    const invitation = await ctx.db.findOneBy(InvitationEntity, { tokenHash: hashToken(token), status: InvitationStatus.PENDING });
    if (!invitation) return null;
    const [company, inviter, existing] = await Promise.all([
      ctx.db.findOneByOrFail(CompanyEntity, { id: invitation.companyId }),
      invitation.invitedById ? ctx.db.findOneBy(AccountEntity, { id: invitation.invitedById }) : null,
      ctx.db.countBy(AccountEntity, { emailNormalized: invitation.emailNormalized }),
    ]);
    return {
      companyName: company.name,
      role: invitation.role,
      inviterName: inviter ? `${inviter.firstName} ${inviter.lastName}` : null,
      email: invitation.email,
      firstName: invitation.firstName,
      lastName: invitation.lastName,
      language: invitation.language,
      status: reportedStatus(invitation),
      expiresAt: invitation.expiresAt,
      existingAccount: existing > 0,
    };
  }

  private assertAcceptable(invitation: InvitationEntity | null): asserts invitation is InvitationEntity {
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

  private async lockForChange(tx: RequestContext, id: string): Promise<InvitationEntity> {
    if (!isIdOf('Invitation', id)) throw invalidInput('id is not an invitation id', ['id']);
    const found = await tx.db.findOneBy(InvitationEntity, { id });
    if (!found) throw notFound('Invitation', ['id']);
    await lockForUpdate(tx.db, 'company', 'id', [found.companyId]);
    tx.resetCaches();
    if ((await this.findVisibleByIds(tx, [id])).length === 0) throw notFound('Invitation', ['id']);
    if (!(await canInviteInto(tx, found.companyId))) throw forbidden('Only administrators of this company can manage its invitations');
    return tx.db.findOneByOrFail(InvitationEntity, { id });
  }

  /** Frees the (company, email) pending slot of an invitation past its expiry. */
  private async markExpired(tx: RequestContext, invitation: InvitationEntity): Promise<void> {
    invitation.status = InvitationStatus.EXPIRED;
    invitation.pendingKey = null;
    invitation.tokenHash = null;
    await tx.db.update(InvitationEntity, { id: invitation.id }, { status: invitation.status, pendingKey: null, tokenHash: null });
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.invitationTtlHours * 3_600_000);
  }

  acceptUrl(token: string): string {
    return `${this.config.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}`;
  }

  private async sendMail(ctx: RequestContext, invitation: InvitationEntity, company: CompanyEntity, token: string): Promise<void> {
    const inviter = ctx.viewer!.account;
    const mail = invitationMail({
      to: invitation.email,
      language: invitation.language,
      firstName: invitation.firstName,
      inviterName: `${inviter.firstName} ${inviter.lastName}`.trim(),
      companyName: company.name,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      acceptUrl: this.acceptUrl(token),
    });
    // written with the invitation (a rollback sends nothing), delivered by the outbox after the commit;
    // a resend is a new token, hence a new mail (its own dedupe key)
    await enqueueMail(ctx.db, {
      kind: 'INVITATION',
      dedupeKey: `invitation:${invitation.id}:${hashToken(token).slice(0, 16)}`,
      to: mail.to,
      language: mail.language,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    ctx.afterCommit(() => ctx.deps.outbox.notify());
  }
}
