import type { RequestContext } from '../../kernel/request-context';
import { hasRoleIn, isStaffAdmin } from '../access/policies';
import { canInviteInto, canListInvitationsOf } from '../invitation/invitation.policy';
import { canListMembershipsOf, canManageMembershipsOf } from '../membership/membership.policy';
import { canRaiseTicketsIn } from '../ticket/ticket.policy';
import { canReadSignInLogOf } from '../sign-in-log/sign-in-log.policy';
import { Role } from '../membership/membership.entity';
import { CompanySettingsInput } from './company.input';

/** Create, rename, move, and any setting: staff ADMIN. */
export const canManageCompanies = (ctx: RequestContext) => isStaffAdmin(ctx);

/**
 * An update is allowed for staff ADMIN, or for an ADMINISTRATOR of the company when it changes
 * nothing but `membersSeeCompanyTickets` (settings that open one company's data to another are
 * the provider's decision only).
 */
export async function canUpdateCompany(
  ctx: RequestContext,
  companyId: string,
  change: { name?: string | null; settings?: CompanySettingsInput | null },
): Promise<boolean> {
  if (isStaffAdmin(ctx)) return true;
  const s = change.settings;
  const onlyMembersSee =
    change.name == null &&
    s != null &&
    s.portalEnabled == null &&
    s.subsidiaryTicketsVisible == null &&
    s.shareTicketsWithFamily == null &&
    s.twoFactorRequired == null;
  return onlyMembersSee && (await hasRoleIn(ctx, companyId, Role.ADMINISTRATOR));
}

/** What the viewer may do in a company, for the client to hide what it may not (the mutations still check). */
export async function companyPermissions(ctx: RequestContext, companyId: string) {
  const [invite, listInvitations, listMembers, manageMembers, changeMembersSeeCompanyTickets, createTicket, readSignInLog] =
    await Promise.all([
      canInviteInto(ctx, companyId),
      canListInvitationsOf(ctx, companyId),
      canListMembershipsOf(ctx, companyId),
      canManageMembershipsOf(ctx, companyId),
      canUpdateCompany(ctx, companyId, { settings: { membersSeeCompanyTickets: true } }),
      canRaiseTicketsIn(ctx, companyId),
      canReadSignInLogOf(ctx, companyId),
    ]);
  return {
    invite,
    listInvitations,
    listMembers,
    manageMembers,
    changeMembersSeeCompanyTickets,
    manageCompany: canManageCompanies(ctx),
    createTicket,
    readSignInLog,
  };
}
