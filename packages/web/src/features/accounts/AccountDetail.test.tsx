import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AccountsPage } from '../../pages/staff/AccountsPage';
import { SAFARI_IPHONE, session, viewerMock } from '../../test/mocks';
import { LocationProbe, renderWithProviders } from '../../test/render';
import { AccountDetailQuery } from './AccountDetail';
import { ACCOUNTS_PAGE, AccountListQuery } from './AccountList';
import { AccountSessionsRevokeMutation, AccountSessionsSignOutEverywhereMutation } from './AccountSessions';

const ALICE = { id: 'acc_alice', firstName: 'Alice', lastName: 'Novak', email: 'alice@example.com' };

const listMock = {
  request: { query: AccountListQuery, variables: { first: ACCOUNTS_PAGE, filter: { search: null, kind: null, includeDisabled: false } } },
  result: {
    data: {
      accounts: {
        __typename: 'AccountConnection',
        totalCount: 1,
        pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
        edges: [
          {
            __typename: 'AccountEdge',
            node: { __typename: 'Account', ...ALICE, disabled: false, staffRole: null, notificationLevel: 'ALL', memberships: [] },
          },
        ],
      },
    },
  },
  maxUsageCount: 5,
};

type Sessions = ReturnType<typeof session>[] | null;

function detailMock(sessions: Sessions, twoFactorEnabled: boolean | null = true, uses = 1) {
  return {
    request: { query: AccountDetailQuery, variables: { id: ALICE.id } },
    result: {
      data: { node: { __typename: 'Account', ...ALICE, disabled: false, staffRole: null, twoFactorEnabled, sessions } },
    },
    maxUsageCount: uses,
  };
}

const ok = (field: string) => ({ data: { [field]: { __typename: 'OkPayload', ok: true, userErrors: [] } } });

function setup(route: string, mocks: object[], staffRole: 'ADMIN' | 'AGENT' = 'ADMIN') {
  return renderWithProviders(
    <>
      <AccountsPage />
      <LocationProbe />
    </>,
    [viewerMock({ id: 'acc_admin', staffRole }, 10), listMock, ...mocks] as never,
    { route },
  );
}

const drawer = () => screen.findByRole('dialog', { name: 'Account' });

describe('account detail (staff accounts page)', () => {
  it('opens from the name in the list, in the URL, with two-step sign-in and the sessions', async () => {
    const { user } = setup('/staff/accounts', [
      detailMock([session('ses_1'), session('ses_2', { userAgent: SAFARI_IPHONE, clientAddress: null })]),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Details of Alice Novak' }));
    const detail = await drawer();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/staff/accounts?account=acc_alice'));
    expect(await within(detail).findByText('Two-step sign-in:')).toBeInTheDocument();
    expect(within(detail).getByText('on')).toBeInTheDocument();
    const list = within(detail).getByRole('list', { name: 'Where this account is signed in' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByText('Firefox on Windows')).toBeInTheDocument();
    expect(within(list).getByText('Address: 203.0.113.7')).toBeInTheDocument();
    expect(within(list).getByText('Address: unknown')).toBeInTheDocument();
    expect(within(list).getAllByText(/^Signed in: /)).toHaveLength(2);
    expect(within(list).getAllByText(/^Last active: /)).toHaveLength(2);
    await user.click(within(detail).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/staff\/accounts$/));
  });

  it('signs out one session with its id and drops it from the list', async () => {
    const calls = vi.fn();
    const { user } = setup('/staff/accounts?account=acc_alice', [
      detailMock([session('ses_1'), session('ses_2', { userAgent: SAFARI_IPHONE })]),
      {
        request: { query: AccountSessionsRevokeMutation, variables: { id: 'ses_2' } },
        result: () => {
          calls();
          return ok('revokeSession');
        },
      },
    ]);
    const detail = await drawer();
    await user.click(await within(detail).findByRole('button', { name: /^Sign out Safari on iOS, last active/ }));
    expect(await screen.findByText('Safari on iOS of Alice Novak was signed out.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(within(detail).queryByText('Safari on iOS')).not.toBeInTheDocument());
    expect(within(detail).getByText('Firefox on Windows')).toBeInTheDocument();
  });

  it('signs the account out everywhere only after confirmation, then shows none and moves the focus to the heading', async () => {
    const calls = vi.fn();
    const { user } = setup('/staff/accounts?account=acc_alice', [
      detailMock([session('ses_1'), session('ses_2')]),
      {
        request: { query: AccountSessionsSignOutEverywhereMutation, variables: { accountId: ALICE.id } },
        result: () => {
          calls();
          return ok('signOutEverywhere');
        },
      },
      detailMock([]), // the refetch after signing out
    ]);
    const detail = await drawer();
    await user.click(await within(detail).findByRole('button', { name: 'Sign out everywhere' }));
    const confirm = screen.getByRole('dialog', { name: 'Sign out Alice Novak everywhere?' });
    expect(confirm).toHaveTextContent('This ends every session of Alice Novak');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(calls).not.toHaveBeenCalled();
    await user.click(within(detail).getByRole('button', { name: 'Sign out everywhere' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Sign out Alice Novak everywhere?' })).getByRole('button', { name: 'Sign out everywhere' }),
    );
    expect(await screen.findByText('Alice Novak was signed out everywhere.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledTimes(1);
    expect(await within(detail).findByText('Alice Novak is not signed in anywhere.')).toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: 'Sign out everywhere' })).not.toBeInTheDocument();
    await waitFor(() => expect(within(detail).getByRole('heading', { name: 'Where this account is signed in' })).toHaveFocus());
  });

  it('shows a staff AGENT whether two-step sign-in is on, but no sessions and no actions', async () => {
    setup('/staff/accounts?account=acc_alice', [detailMock(null, false)], 'AGENT');
    const detail = await drawer();
    expect(await within(detail).findByText('off')).toBeInTheDocument();
    expect(within(detail).getByText('Only staff administrators see where an account is signed in.')).toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: /Sign out/ })).not.toBeInTheDocument();
  });
});
