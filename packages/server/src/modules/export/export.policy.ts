import type { RequestContext } from '../../kernel/request-context';
import { isStaff } from '../access/policies';
import { hasSession } from '../api-token/api-token.policy';

/**
 * CSV exports (docs/decisions.md "Issue 17: export and lists"): staff, ADMIN or AGENT, signed in
 * through the web client's session. Customers list their tickets in the portal but export nothing;
 * an API token pages the GraphQL lists instead (its scopes are checked there).
 */
export const canExport = (ctx: RequestContext): boolean => hasSession(ctx) && isStaff(ctx);
