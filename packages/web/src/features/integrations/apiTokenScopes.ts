import type { MessageKey } from '../../app/i18n/en';
import type { ApiTokenScope } from '../../gql/graphql';

/** Every scope with its label, in the order the form offers them (the Record makes a new scope a type error until it is named). */
export const SCOPE_LABELS: Record<ApiTokenScope, MessageKey> = {
  TICKETS_READ: 'apiTokens.scope.TICKETS_READ',
  TICKETS_WRITE: 'apiTokens.scope.TICKETS_WRITE',
  COMPANIES_READ: 'apiTokens.scope.COMPANIES_READ',
  COMPANIES_WRITE: 'apiTokens.scope.COMPANIES_WRITE',
  MEMBERS_READ: 'apiTokens.scope.MEMBERS_READ',
  MEMBERS_WRITE: 'apiTokens.scope.MEMBERS_WRITE',
  AUDIT_READ: 'apiTokens.scope.AUDIT_READ',
  TOKENS_READ: 'apiTokens.scope.TOKENS_READ',
  WEBHOOKS: 'apiTokens.scope.WEBHOOKS',
};

export const SCOPES = Object.keys(SCOPE_LABELS) as ApiTokenScope[];

/** Expiry choices, as GitHub offers them: a number of days, or never. */
export const EXPIRY_DAYS = [30, 90, 365, null] as const;
export type ExpiryDays = (typeof EXPIRY_DAYS)[number];

export function expiresAtFor(days: ExpiryDays, now = new Date()): string | null {
  return days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString();
}
