import type { RequestContext } from '../../kernel/request-context';
import { forbidden } from '../../shared/errors';
import { paginate, PageArgs, type PageSource } from '../../shared/pagination';
import type { SqlCondition } from '../../shared/sql-condition';
import { countEntities, selectEntities } from '../../db/raw-entities';
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
import { RevokeInvitation, RevokeInvitationOutcome } from './revoke-invitation';

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
    const now = new Date();
    const byStatus = ((): SqlCondition | null => {
      switch (args.status) {
        case InvitationStatus.PENDING:
          return { sql: 'i.status = :pending AND i.expires_at > :now', params: { pending: InvitationStatus.PENDING, now } };
        case InvitationStatus.EXPIRED:
          return {
            sql: '(i.status = :expired OR (i.status = :pending AND i.expires_at <= :now))',
            params: { expired: InvitationStatus.EXPIRED, pending: InvitationStatus.PENDING, now },
          };
        case InvitationStatus.ACCEPTED:
        case InvitationStatus.REVOKED:
          return { sql: 'i.status = :status', params: { status: args.status } };
        default:
          return null;
      }
    })();
    // hand-written SELECT and COUNT (db/raw-entities.ts), as the member list beside it on the People page (issue 16, C2)
    const conditions = [{ sql: 'i.company_id = :companyId', params: { companyId } }, invitationScope(await ctx.grants(), 'i'), byStatus];
    const source: PageSource<InvitationEntity> = {
      rows: (after, orderBy, limit) => selectEntities(ctx.db, InvitationEntity, 'i', [...conditions, after], { orderBy, limit }),
      count: () => countEntities(ctx.db, InvitationEntity, 'i', conditions),
    };
    return paginate(source, args, [
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

  revoke(ctx: RequestContext, id: string): Promise<{ invitation: InvitationEntity; revokeOutcome: RevokeInvitationOutcome }> {
    return this.revoking.run(ctx, id);
  }

  accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<{ token: string; account: AccountEntity }> {
    return this.accepting.run(ctx, input);
  }

  preview(ctx: RequestContext, token: string): Promise<InvitationPreview | null> {
    return previewInvitation(ctx, token);
  }
}
