import type { RequestContext } from '../../kernel/request-context';
import { hasRoleIn, isStaff, isStaffAdmin } from '../access/policies';
import { Role } from '../membership/membership.entity';

/** Invite into C, resend, revoke invitations of C: staff ADMIN or ADMINISTRATOR of C. */
export const canInviteInto = async (ctx: RequestContext, companyId: string) =>
  isStaffAdmin(ctx) || (await hasRoleIn(ctx, companyId, Role.ADMINISTRATOR));

/** List invitations of C: staff (ADMIN, AGENT) or ADMINISTRATOR of C. */
export const canListInvitationsOf = async (ctx: RequestContext, companyId: string) =>
  isStaff(ctx) || (await hasRoleIn(ctx, companyId, Role.ADMINISTRATOR));
