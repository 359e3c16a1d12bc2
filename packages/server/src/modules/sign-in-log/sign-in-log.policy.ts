import type { RequestContext } from '../../kernel/request-context';
import { hasRoleIn, isStaff } from '../access/policies';
import { Role } from '../membership/membership.entity';

/** A company's sign-in log: staff, and the company's ADMINISTRATORs through an active membership (account-security.md). */
export const canReadSignInLogOf = async (ctx: RequestContext, companyId: string) =>
  isStaff(ctx) || (await hasRoleIn(ctx, companyId, Role.ADMINISTRATOR));
