import type { RequestContext } from '../../kernel/request-context';
import { conflict } from '../../shared/errors';
import { AuditService, auditTarget } from '../audit/audit.service';
import { MembershipEntity } from '../membership/membership.entity';
import { MembershipService } from '../membership/membership.service';
import { invitationAuditView, lockInvitationForChange } from './invitation-lifecycle';
import { InvitationEntity, InvitationStatus } from './invitation.entity';

/** `revokeInvitation`: pending (or expired) → REVOKED; accepted → REVOKED and the membership it created is removed. */
export class RevokeInvitation {
  constructor(
    private readonly audit: AuditService,
    private readonly memberships: MembershipService,
  ) {}

  async run(ctx: RequestContext, id: string): Promise<{ invitation: InvitationEntity }> {
    return ctx.inTransaction(async (tx) => {
      const invitation = await lockInvitationForChange(tx, id);
      if (invitation.status === InvitationStatus.REVOKED) throw conflict('This invitation is already revoked', ['id']);
      const before = invitationAuditView(invitation);
      if (invitation.status === InvitationStatus.ACCEPTED && invitation.membershipId) {
        const membership = await tx.db.findOneBy(MembershipEntity, { id: invitation.membershipId });
        // the last-administrator rule applies (removeLocked)
        if (membership) await this.memberships.removeLocked(tx, membership);
      }
      invitation.status = InvitationStatus.REVOKED;
      invitation.pendingKey = null;
      invitation.tokenHash = null;
      await tx.db.update(InvitationEntity, { id: invitation.id }, { status: invitation.status, pendingKey: null, tokenHash: null });
      await this.audit.recordChange(tx, 'invitation.revoke', auditTarget.invitation(invitation), before, invitationAuditView(invitation));
      return { invitation };
    });
  }
}
