import type { RequestContext } from '../../kernel/request-context';
import { lockForUpdate } from '../../db/transactions';
import { conflict, DomainError, ErrorCode, forbidden, invalidInput } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { hashToken, newSecretToken } from '../../shared/tokens';
import { cleanName, normalizeEmail } from '../../shared/validation';
import { AccountEntity } from '../account/account.entity';
import { AuditService, auditTarget } from '../audit/audit.service';
import { CompanyService } from '../company/company.service';
import { MembershipEntity } from '../membership/membership.entity';
import {
  enqueueInvitationMail,
  expiryFrom,
  InvitationConfig,
  invitationAuditView,
  markExpired,
  pendingKeyOf,
  reportedStatus,
} from './invitation-lifecycle';
import { InvitationEntity, InvitationStatus } from './invitation.entity';
import { InviteMemberInput } from './invitation.input';
import { canInviteInto } from './invitation.policy';

/** `inviteMember`: a pending invitation into a company and its mail; one pending per (company, email), none for members. */
export class InviteMember {
  constructor(
    private readonly config: InvitationConfig,
    private readonly audit: AuditService,
    private readonly companies: CompanyService,
  ) {}

  async run(ctx: RequestContext, input: InviteMemberInput): Promise<{ invitation: InvitationEntity }> {
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
      if (pending) await markExpired(tx, pending);
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
        expiresAt: expiryFrom(this.config, now),
        invitedById: ctx.viewer!.account.id,
        membershipId: null,
        acceptedAt: null,
        createdAt: now,
      });
      await tx.db.insert(InvitationEntity, invitation);
      await this.audit.recordChange(tx, 'invitation.create', auditTarget.invitation(invitation), null, invitationAuditView(invitation));
      // last step of the transaction: when the mail cannot be sent, nothing was created
      await enqueueInvitationMail(tx, this.config, invitation, company, token);
      return { invitation };
    });
  }
}
