import type { MockedResponse } from '@apollo/client/testing';
import { ViewerQuery } from '../features/auth/useViewer';

export interface UserErrorInput {
  code: string;
  message?: string;
  field?: string[] | null;
}

/** userErrors as the API returns them. */
export const userErrors = (errors: UserErrorInput[]) =>
  errors.map((e) => ({ __typename: 'UserError' as const, code: e.code, message: e.message ?? e.code, field: e.field ?? null }));

export const VIEWER = {
  __typename: 'Account' as const,
  id: 'acc_alice',
  email: 'alice@example.com',
  firstName: 'Alice',
  lastName: 'Novak',
  language: 'en',
  staffRole: null as string | null,
  memberships: [] as unknown[],
};

/** The ViewerQuery answer: signed out (null) or an account, for `uses` requests. */
export function viewerMock(viewer: Partial<typeof VIEWER> | null, uses = 1): MockedResponse {
  return {
    request: { query: ViewerQuery },
    result: { data: { viewer: viewer && { ...VIEWER, ...viewer } } },
    maxUsageCount: uses,
  };
}
