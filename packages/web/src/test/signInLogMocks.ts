import type { MockedResponse } from '@apollo/client/testing';
import { SIGN_IN_LOG_PAGE, SignInLogQuery } from '../features/sign-in-log/SignInLog';
import { FIREFOX_WINDOWS } from './mocks';

/** One row of a company's sign-in log; `account: null` is a sign-in the viewer cannot attribute to a person. */
export const signInEvent = (
  n: number,
  overrides: Partial<{
    email: string;
    succeeded: boolean;
    secondFactorUsed: boolean;
    clientAddress: string | null;
    userAgent: string | null;
    account: { id: string; firstName: string; lastName: string } | null;
  }> = {},
) => {
  const { account = { id: 'acc_alice', firstName: 'Alice', lastName: 'Novak' }, ...rest } = overrides;
  return {
    __typename: 'SignInEvent' as const,
    at: `2026-12-0${n}T08:00:00.000Z`,
    email: 'alice@example.com',
    clientAddress: '203.0.113.7',
    userAgent: FIREFOX_WINDOWS,
    succeeded: true,
    secondFactorUsed: false,
    account: account && { __typename: 'Account' as const, ...account },
    ...rest,
  };
};

/** Company.signInEvents of `companyId`: one page of `events`; `after` asks for a later page, `next` offers one; `total`: the whole log's count (default: these events). */
export function signInLogMock(
  companyId: string,
  events: ReturnType<typeof signInEvent>[],
  {
    after,
    next,
    uses = 1,
    requests,
    total,
  }: { after?: string; next?: string; uses?: number; requests?: (variables: object) => void; total?: number } = {},
): MockedResponse {
  const variables = { companyId, first: SIGN_IN_LOG_PAGE, ...(after ? { after } : {}) };
  return {
    request: { query: SignInLogQuery, variables },
    result: () => {
      requests?.(variables);
      return {
        data: {
          company: {
            __typename: 'Company',
            id: companyId,
            signInEvents: {
              __typename: 'SignInEventConnection',
              totalCount: total ?? events.length,
              pageInfo: { __typename: 'PageInfo', endCursor: next ?? null, hasNextPage: !!next },
              edges: events.map((node, i) => ({ __typename: 'SignInEventEdge', cursor: `${after ?? 'c'}_${i}`, node })),
            },
          },
        },
      };
    },
    maxUsageCount: uses,
  };
}
