import type { RequestContext } from '../../kernel/request-context';
import { isStaffAdmin } from '../access/policies';

/** conversation.md: every account changes its own level; staff ADMIN may change anyone's. */
export const canSetNotificationLevelOf = (ctx: RequestContext, accountId: string): boolean =>
  ctx.viewer?.account.id === accountId || isStaffAdmin(ctx);
