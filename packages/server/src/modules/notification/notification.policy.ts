import type { RequestContext } from '../../kernel/request-context';
import { isStaff, isStaffAdmin } from '../access/policies';
import { hasSession } from '../api-token/api-token.policy';

/**
 * conversation.md: every account changes its own level; staff ADMIN may change anyone's. Like the
 * rest of the profile, a setting of the person, not of an integration: it needs a session.
 */
export const canSetNotificationLevelOf = (ctx: RequestContext, accountId: string): boolean =>
  hasSession(ctx) && (ctx.viewer?.account.id === accountId || isStaffAdmin(ctx));

/** `Account.notificationLevel` is the account's own business and staff's (null for anyone else). */
export const canReadNotificationLevelOf = (ctx: RequestContext, accountId: string): boolean =>
  ctx.viewer?.account.id === accountId || isStaff(ctx);
