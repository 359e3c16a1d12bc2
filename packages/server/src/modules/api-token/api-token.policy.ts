import type { RequestContext } from '../../kernel/request-context';
import { forbidden } from '../../shared/errors';
import { isStaffAdmin } from '../access/policies';
import { ApiTokenScope } from './api-token.entity';

/** Token management needs a signed-in session: a token cannot mint or manage tokens. */
export const hasSession = (ctx: RequestContext) => ctx.viewer != null && !ctx.viewer.apiToken;

/** Own tokens, or any account's for a staff ADMIN; from a session only (a token never manages tokens). */
export const canManageTokensOf = (ctx: RequestContext, accountId: string) =>
  hasSession(ctx) && (isStaffAdmin(ctx) || ctx.viewer!.account.id === accountId);

/**
 * Listing: the account itself or a staff ADMIN (an AGENT does not see an ADMIN's tokens); through
 * an API token only with TOKENS_READ, and then only its own account's.
 */
export const canListTokensOf = (ctx: RequestContext, accountId: string) => {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (viewer.apiToken) return viewer.apiToken.scopes.has(ApiTokenScope.TOKENS_READ) && viewer.account.id === accountId;
  return isStaffAdmin(ctx) || viewer.account.id === accountId;
};

/** A token restricted to a company cannot act across companies (staff-wide operations). */
export const isCompanyRestricted = (ctx: RequestContext) => ctx.viewer?.apiToken?.companyId != null;

/** Whether the request may use a scope: sessions may use all, tokens those they were given. */
export const hasScope = (ctx: RequestContext, scope: ApiTokenScope) => !ctx.viewer?.apiToken || ctx.viewer.apiToken.scopes.has(scope);

/** Staff-wide operations (across companies) are refused to company-restricted tokens. */
export function assertNotCompanyRestricted(ctx: RequestContext): void {
  if (isCompanyRestricted(ctx)) throw forbidden('This API token is restricted to one company and cannot do this');
}
