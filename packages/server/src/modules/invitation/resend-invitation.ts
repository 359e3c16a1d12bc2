import type { RequestContext } from '../../kernel/request-context';
import { conflict } from '../../shared/errors';
import { hashToken, newSecretToken } from '../../shared/tokens';
import { AuditService, auditTarget } from '../audit/audit.service';
import { CompanyEntity } from '../company/company.entity';
import {
  enqueueInvitationMail,
  expiryFrom,
  InvitationConfig,
  invitationAuditView,
  lockInvitationForChange,
  markExpired,
  pendingKeyOf,
  reportedStatus,
} from './invitation-lifecycle';
import { InvitationEntity, InvitationStatus } from './invitation.entity';

/** `resendInvitation`: a new token (the old one stops working) and a new expiry; an expired invitation becomes pending again. */
export class ResendInvitation {
  constructor(
    private readonly config: InvitationConfig,
    private readonly audit: AuditService,
  ) {}

  async run(ctx: RequestContext, id: string): Promise<{ invitation: InvitationEntity }> {
    return ctx.inTransaction(async (tx) => {
      const invitation = await lockInvitationForChange(tx, id);
      const status = reportedStatus(invitation);
      if (status === InvitationStatus.ACCEPTED || status === InvitationStatus.REVOKED) {
        throw conflict(`This invitation is ${status.toLowerCase()} and cannot be sent again`, ['id']);
      }
      const before = invitationAuditView(invitation);
      if (status === InvitationStatus.EXPIRED) {
        const pendingKey = pendingKeyOf(invitation.companyId, invitation.emailNormalized);
        const other = await tx.db.findOneBy(InvitationEntity, { pendingKey });
        if (other && other.id !== invitation.id) {
          if (reportedStatus(other) === InvitationStatus.PENDING) throw conflict('A newer invitation for this email is pending', ['id']);
          await markExpired(tx, other);
        }
        invitation.pendingKey = pendingKey;
      }
      const token = newSecretToken();
      invitation.status = InvitationStatus.PENDING;
      invitation.tokenHash = hashToken(token);
      invitation.expiresAt = expiryFrom(this.config, new Date());
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
      await this.audit.recordChange(tx, 'invitation.resend', auditTarget.invitation(invitation), before, invitationAuditView(invitation));
      const company = await tx.db.findOneByOrFail(CompanyEntity, { id: invitation.companyId });
      await enqueueInvitationMail(tx, this.config, invitation, company, token);
      return { invitation };
    });
  }
}
