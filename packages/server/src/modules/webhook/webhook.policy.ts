import type { RequestContext } from '../../kernel/request-context';
import { isStaffAdmin } from '../access/policies';
import { ApiTokenScope } from '../api-token/api-token.entity';
import { hasScope } from '../api-token/api-token.policy';

/** Webhooks are used from a session, or through an API token with the WEBHOOKS scope (integration.md). */
export const mayUseWebhooks = (ctx: RequestContext): boolean => ctx.viewer != null && hasScope(ctx, ApiTokenScope.WEBHOOKS);

/** An account's webhooks are its own business, and a staff ADMIN's, who sees and manages every webhook. */
export const canManageWebhooksOf = (ctx: RequestContext, ownerId: string): boolean =>
  mayUseWebhooks(ctx) && (ctx.viewer!.account.id === ownerId || isStaffAdmin(ctx));
