import type { RequestContext } from '../../kernel/request-context';
import { hasRoleIn, isStaff, isStaffAdmin } from '../access/policies';
import { Role } from './membership.entity';

/** List memberships of C (colleagues): staff, or any role with an active membership in C. */
export const canListMembershipsOf = async (ctx: RequestContext, companyId: string) =>
  isStaff(ctx) || (await hasRoleIn(ctx, companyId, Role.ADMINISTRATOR, Role.MODERATOR, Role.MEMBER));

/** Change role or capabilities of a membership in C, or remove it: staff ADMIN or ADMINISTRATOR of C. */
export const canManageMembershipsOf = async (ctx: RequestContext, companyId: string) =>
  isStaffAdmin(ctx) || (await hasRoleIn(ctx, companyId, Role.ADMINISTRATOR));

/** Adding an existing account to a company directly is the provider's act; customers invite. */
export const canAddMemberships = (ctx: RequestContext) => isStaffAdmin(ctx);
