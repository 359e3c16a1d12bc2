import type { RequestContext } from '../../kernel/request-context';
import { isStaffAdmin } from '../access/policies';

/**
 * Sessions of an account are the account's own business and a staff ADMIN's (account-security.md);
 * from a signed-in session only: an API token neither reads nor ends sessions.
 */
export const canManageSessionsOf = (ctx: RequestContext, accountId: string): boolean =>
  ctx.viewer != null && !ctx.viewer.apiToken && (ctx.viewer.account.id === accountId || isStaffAdmin(ctx));
