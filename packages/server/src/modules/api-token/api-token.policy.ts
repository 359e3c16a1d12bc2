import type { RequestContext } from '../../kernel/request-context';
import { forbidden } from '../../shared/errors';
import { isStaff } from '../access/policies';
import { ApiTokenScope } from './api-token.entity';

/** Token management needs a signed-in session: a token cannot mint or manage tokens. */
export const hasSession = (ctx: RequestContext) => ctx.viewer != null && !ctx.viewer.apiToken;

/** Own tokens, or any token for staff. */
export const canManageTokensOf = (ctx: RequestContext, accountId: string) =>
  hasSession(ctx) && (isStaff(ctx) || ctx.viewer!.account.id === accountId);

/** Listing: the account itself (also through a token) or staff. */
export const canListTokensOf = (ctx: RequestContext, accountId: string) =>
  ctx.viewer != null && (isStaff(ctx) || ctx.viewer.account.id === accountId);

/** A token restricted to a company cannot act across companies (staff-wide operations). */
export const isCompanyRestricted = (ctx: RequestContext) => ctx.viewer?.apiToken?.companyId != null;

/** Whether the request may use a scope: sessions may use all, tokens those they were given. */
export const hasScope = (ctx: RequestContext, scope: ApiTokenScope) => !ctx.viewer?.apiToken || ctx.viewer.apiToken.scopes.has(scope);

/** Staff-wide operations (across companies) are refused to company-restricted tokens. */
export function assertNotCompanyRestricted(ctx: RequestContext): void {
  if (isCompanyRestricted(ctx)) throw forbidden('This API token is restricted to one company and cannot do this');
}
