import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { MemberList, MemberListQuery, RemoveMembershipMutation } from './MemberList';

const COMPANY = { id: 'cmp_1', name: 'Northwind Retail' };

function membersMock(names: Array<[string, string]>, total = names.length) {
  return {
    request: { query: MemberListQuery, variables: { companyId: COMPANY.id } },
    result: {
      data: {
        company: {
          __typename: 'Company',
          ...COMPANY,
          memberships: {
            __typename: 'MembershipConnection',
            totalCount: total,
            edges: names.map(([first, last], i) => ({
              __typename: 'MembershipEdge',
              node: {
                __typename: 'Membership',
                id: `mbr_${i}`,
                role: 'MEMBER',
                capabilities: ['TICKETS'],
                account: {
                  __typename: 'Account',
                  id: `acc_${i}`,
                  firstName: first,
                  lastName: last,
                  email: `${first}@example.com`,
                  disabled: false,
                },
              },
            })),
          },
        },
      },
    },
  };
}

afterEach(() => vi.restoreAllMocks());

describe('MemberList', () => {
  it('counts the members, and says how many of how many when not all fit on the page', async () => {
    const { unmount } = renderWithProviders(<MemberList company={COMPANY} canManage={false} />, [membersMock([['Bob', 'Builder']])]);
    expect(await screen.findByText('1 member')).toBeInTheDocument();
    unmount();
    renderWithProviders(<MemberList company={COMPANY} canManage={false} />, [
      membersMock(
        [
          ['Bob', 'Builder'],
          ['Alice', 'Novak'],
        ],
        140,
      ),
    ]);
    expect(await screen.findByText('Showing 2 of 140 members')).toBeInTheDocument();
  });

  it('says a company has no members yet (it has no filters to clear)', async () => {
    renderWithProviders(<MemberList company={COMPANY} canManage />, [membersMock([])]);
    expect(await screen.findByText('No members yet. Invite your first colleague.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    expect(screen.getByText('0 members')).toBeInTheDocument();
  });

  it('asks in an in-app dialog what removing means before it removes anyone', async () => {
    const nativeConfirm = vi.spyOn(window, 'confirm');
    const removed = vi.fn();
    const { user } = renderWithProviders(<MemberList company={COMPANY} canManage />, [
      membersMock([
        ['Bob', 'Builder'],
        ['Alice', 'Novak'],
      ]),
      {
        request: { query: RemoveMembershipMutation, variables: { id: 'mbr_0' } },
        result: () => {
          removed();
          return { data: { removeMembership: { __typename: 'DeletePayload', deletedId: 'mbr_0', userErrors: [] } } };
        },
      },
      membersMock([['Alice', 'Novak']]),
    ] as never);

    await user.click(await screen.findByRole('button', { name: 'Remove: Bob Builder' }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove Bob Builder from Northwind Retail?' });
    expect(dialog).toHaveTextContent('The account itself stays');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(removed).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Remove: Bob Builder' }));
    dialog = await screen.findByRole('dialog', { name: 'Remove Bob Builder from Northwind Retail?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Bob Builder was removed.')).toBeInTheDocument();
    expect(removed).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(nativeConfirm).not.toHaveBeenCalled();
  });
});
