import type { RequestContext } from '../../kernel/request-context';
import { forbidden } from '../../shared/errors';
import { paginate, PageArgs } from '../../shared/pagination';
import { invitationScope } from '../access/visibility';
import type { AccountEntity } from '../account/account.entity';
import { AccountService } from '../account/account.service';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { CompanyService } from '../company/company.service';
import { MembershipService } from '../membership/membership.service';
import { AcceptInvitation } from './accept-invitation';
import { InviteMember } from './invite-member';
import { findVisibleInvitations, InvitationConfig } from './invitation-lifecycle';
import { InvitationEntity, InvitationStatus } from './invitation.entity';
import { AcceptInvitationInput, InviteMemberInput } from './invitation.input';
import type { InvitationPreview } from './invitation-preview.type';
import { canListInvitationsOf } from './invitation.policy';
import { previewInvitation } from './preview-invitation';
import { ResendInvitation } from './resend-invitation';
import { RevokeInvitation } from './revoke-invitation';

export { reportedStatus } from './invitation-lifecycle';

/**
 * The invitation reads, and the entry to its use cases: one file each (invite-member.ts,
 * resend-invitation.ts, revoke-invitation.ts, accept-invitation.ts, preview-invitation.ts), with
 * what they share in invitation-lifecycle.ts.
 */
export class InvitationService {
  private readonly inviting: InviteMember;
  private readonly resending: ResendInvitation;
  private readonly revoking: RevokeInvitation;
  private readonly accepting: AcceptInvitation;

  constructor(
    config: InvitationConfig,
    audit: AuditService,
    accounts: AccountService,
    companies: CompanyService,
    memberships: MembershipService,
    auth: AuthService,
  ) {
    this.inviting = new InviteMember(config, audit, companies);
    this.resending = new ResendInvitation(config, audit);
    this.revoking = new RevokeInvitation(audit, memberships);
    this.accepting = new AcceptInvitation(audit, accounts, memberships, auth);
  }

  /** DataLoader batch for node(id): staff see all; an ADMINISTRATOR sees those of its companies. */
  findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<InvitationEntity[]> {
    return findVisibleInvitations(ctx, ids);
  }

  /** Invitations of a company, newest first, optionally by reported status. */
  async listOfCompany(ctx: RequestContext, companyId: string, args: PageArgs & { status?: InvitationStatus | null }) {
    if (!(await canListInvitationsOf(ctx, companyId))) throw forbidden('Only administrators of this company can list its invitations');
    const query = ctx.db.getRepository(InvitationEntity).createQueryBuilder('i').where({ companyId });
    const scope = invitationScope(await ctx.grants(), 'i');
    if (scope) query.andWhere(scope.sql, scope.params);
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

  invite(ctx: RequestContext, input: InviteMemberInput): Promise<{ invitation: InvitationEntity }> {
    return this.inviting.run(ctx, input);
  }

  resend(ctx: RequestContext, id: string): Promise<{ invitation: InvitationEntity }> {
    return this.resending.run(ctx, id);
  }

  revoke(ctx: RequestContext, id: string): Promise<{ invitation: InvitationEntity }> {
    return this.revoking.run(ctx, id);
  }

  accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<{ token: string; account: AccountEntity }> {
    return this.accepting.run(ctx, input);
  }

  preview(ctx: RequestContext, token: string): Promise<InvitationPreview | null> {
    return previewInvitation(ctx, token);
  }
}
