import type { MockedResponse } from '@apollo/client/testing';
import { ViewerQuery } from '../features/auth/useViewer';
import { CompanyPickerQuery } from '../features/companies/CompanyPicker';

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

/**
 * The company pickers' search (`CompanyPickerQuery`): `companies` for every search, or only for
 * those `matches` accepts; `searches` records each search that reached the server. For the new-ticket
 * picker each company says whether the viewer may raise tickets there (`createTicket`, default true).
 */
export function companyPickerMock(
  companies: Array<{ id: string; name: string; createTicket?: boolean }>,
  { matches = () => true, searches }: { matches?: (search: string | null) => boolean; searches?: (search: string | null) => void } = {},
): MockedResponse {
  return {
    request: { query: CompanyPickerQuery, variables: (v: { search?: string | null }) => matches(v.search ?? null) },
    result: (v: { search?: string | null; forNewTicket?: boolean }) => {
      searches?.(v.search ?? null);
      const found = companies.filter((c) => !v.search || c.name.toLowerCase().includes(v.search.toLowerCase()));
      return {
        data: {
          companies: {
            __typename: 'CompanyConnection',
            totalCount: found.length,
            edges: found.map(({ createTicket = true, ...c }) => ({
              __typename: 'CompanyEdge',
              node: {
                __typename: 'Company',
                ...c,
                ...(v.forNewTicket ? { viewerCan: { __typename: 'CompanyPermissions', createTicket } } : {}),
              },
            })),
          },
        },
      };
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}
