import type { RequestContext } from '../../kernel/request-context';
import { isStaffAdmin } from '../access/policies';
import { hasSession } from '../api-token/api-token.policy';

/** access-model.md: "create accounts directly, disable accounts" — staff ADMIN only. */
export const canCreateAccounts = (ctx: RequestContext) => isStaffAdmin(ctx);
export const canDisableAccounts = (ctx: RequestContext) => isStaffAdmin(ctx);
/** Staff, or the account itself (accountVisibility). */
export const canReadVisibilityOf = (ctx: RequestContext, accountId: string) =>
  ctx.viewer != null && (ctx.viewer.account.staffRole != null || ctx.viewer.account.id === accountId);
/** Own names and language: from a signed-in session, not through an API token (no scope covers the person's profile). */
export const canUpdateOwnProfile = (ctx: RequestContext) => hasSession(ctx);
