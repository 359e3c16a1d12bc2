import type { RequestContext } from '../../kernel/request-context';
import { hashToken } from '../../shared/tokens';
import { AccountEntity } from '../account/account.entity';
import { CompanyEntity } from '../company/company.entity';
import { reportedStatus } from './invitation-lifecycle';
import { InvitationEntity, InvitationStatus } from './invitation.entity';
import type { InvitationPreview } from './invitation-preview.type';

/**
 * `invitationPreview`: the accept page's view of a token, looked up by its hash like `acceptInvitation`.
 * Only pending rows keep a hash, so used, revoked and replaced links (and unknown ones) answer null.
 */
export async function previewInvitation(ctx: RequestContext, token: string): Promise<InvitationPreview | null> {
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
