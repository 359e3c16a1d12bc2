import type { RequestContext } from '../../kernel/request-context';
import { StaffRole } from '../account/account.entity';
import { Role } from '../membership/membership.entity';

/** Building blocks of the per-module policies (`<module>.policy.ts`). */
export const isStaff = (ctx: RequestContext): boolean => ctx.viewer?.account.staffRole != null;

export const isStaffAdmin = (ctx: RequestContext): boolean => ctx.viewer?.account.staffRole === StaffRole.ADMIN;

/** The viewer's role in the company through an active membership (access-model.md), or null. */
export async function roleIn(ctx: RequestContext, companyId: string): Promise<Role | null> {
  const grants = await ctx.grants();
  return grants ? grants.roleIn(companyId) : null;
}

export async function hasRoleIn(ctx: RequestContext, companyId: string, ...roles: Role[]): Promise<boolean> {
  const role = await roleIn(ctx, companyId);
  return role !== null && roles.includes(role);
}
