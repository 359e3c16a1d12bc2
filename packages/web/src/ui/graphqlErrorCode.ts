import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** The `extensions.code` of a GraphQL error an operation threw (e.g. RATE_LIMITED), or null for anything else. */
export function graphqlErrorCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : null;
}
