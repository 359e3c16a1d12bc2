import type { RequestContext } from '../../kernel/request-context';
import { conflict } from '../../shared/errors';
import { AuditService, auditTarget } from '../audit/audit.service';
import { MembershipEntity } from '../membership/membership.entity';
import { MembershipService } from '../membership/membership.service';
import { invitationAuditView, lockInvitationForChange } from './invitation-lifecycle';
import { InvitationEntity, InvitationStatus } from './invitation.entity';
import { RevokeInvitationOutcome } from './revoke-invitation-outcome';

export { RevokeInvitationOutcome };

/**
 * `revokeInvitation`: pending (or expired) → REVOKED; accepted → REVOKED and the membership it
 * created (`invitation.membership_id`, recorded on acceptance) is removed, under the
 * last-administrator rule. Only that membership: one the invitee got otherwise is never removed
 * here. The outcome says which of these happened (docs/decisions.md, "Issue 17": bug 3).
 */
export class RevokeInvitation {
  constructor(
    private readonly audit: AuditService,
    private readonly memberships: MembershipService,
  ) {}

  async run(ctx: RequestContext, id: string): Promise<{ invitation: InvitationEntity; revokeOutcome: RevokeInvitationOutcome }> {
    return ctx.inTransaction(async (tx) => {
      const invitation = await lockInvitationForChange(tx, id);
      if (invitation.status === InvitationStatus.REVOKED) throw conflict('This invitation is already revoked', ['id']);
      const before = invitationAuditView(invitation);
      let revokeOutcome = RevokeInvitationOutcome.WITHDRAWN;
      if (invitation.status === InvitationStatus.ACCEPTED) {
        const membership = invitation.membershipId ? await tx.db.findOneBy(MembershipEntity, { id: invitation.membershipId }) : null;
        if (membership) {
          // the last-administrator rule applies (removeLocked)
          await this.memberships.removeLocked(tx, membership);
          revokeOutcome = RevokeInvitationOutcome.MEMBERSHIP_REMOVED;
        } else {
          const [other] = await tx.db.query(
            `SELECT m.id FROM membership m JOIN account a ON a.id = m.account_id WHERE m.company_id = ? AND a.email_normalized = ?`,
            [invitation.companyId, invitation.emailNormalized],
          );
          revokeOutcome = other ? RevokeInvitationOutcome.MEMBERSHIP_KEPT : RevokeInvitationOutcome.NO_MEMBERSHIP;
        }
      }
      invitation.status = InvitationStatus.REVOKED;
      invitation.pendingKey = null;
      invitation.tokenHash = null;
      await tx.db.update(InvitationEntity, { id: invitation.id }, { status: invitation.status, pendingKey: null, tokenHash: null });
      await this.audit.recordChange(tx, 'invitation.revoke', auditTarget.invitation(invitation), before, {
        ...invitationAuditView(invitation),
        outcome: revokeOutcome,
      });
      return { invitation, revokeOutcome };
    });
  }
}
