import type { MockedResponse } from '@apollo/client/testing';
import { ViewerQuery } from '../features/auth/useViewer';
import { CompanyPickerQuery } from '../features/companies/CompanyPicker';
import { SessionListQuery } from '../features/security/SessionList';
import { TwoFactorSettingsQuery } from '../features/security/TwoFactorSettings';

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
  companies: Array<{ id: string; name: string; createTicket?: boolean; path?: Array<{ id: string; name: string }> }>,
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
            edges: found.map(({ createTicket = true, path = [], ...c }) => ({
              __typename: 'CompanyEdge',
              node: {
                __typename: 'Company',
                ...c,
                path: path.map((a) => ({ __typename: 'Company', ...a })),
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

export const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
export const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

/** A live session as `Account.sessions` lists it; the first of `sessionListMock`'s default is this device. */
export const session = (
  id: string,
  overrides: Partial<{ userAgent: string | null; clientAddress: string | null; current: boolean }> = {},
) => ({
  __typename: 'Session' as const,
  id,
  createdAt: '2026-12-01T08:00:00.000Z',
  lastSeenAt: '2026-12-07T06:00:00.000Z',
  userAgent: FIREFOX_WINDOWS,
  clientAddress: '203.0.113.7',
  current: false,
  ...overrides,
});

/** The profile's SessionListQuery: the viewer's live sessions, for `uses` requests. */
export function sessionListMock(sessions = [session('ses_1', { current: true })], uses = 1): MockedResponse {
  return {
    request: { query: SessionListQuery },
    result: { data: { viewer: { __typename: 'Account', id: VIEWER.id, sessions } } },
    maxUsageCount: uses,
  };
}

/** The profile's TwoFactorSettingsQuery: whether the viewer uses two-step sign-in, for `uses` requests. */
export function twoFactorSettingsMock(enabled = false, uses = 1): MockedResponse {
  return {
    request: { query: TwoFactorSettingsQuery },
    result: { data: { viewer: { __typename: 'Account', id: VIEWER.id, twoFactorEnabled: enabled } } },
    maxUsageCount: uses,
  };
}
