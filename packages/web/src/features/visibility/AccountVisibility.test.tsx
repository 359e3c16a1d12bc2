import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { AccountPickerQuery } from '../accounts/AccountPicker';
import { AccountVisibility, AccountVisibilityQuery } from './AccountVisibility';

const ALICE = { __typename: 'Account', id: 'acc_alice', firstName: 'Alice', lastName: 'Novak', email: 'alice@example.com' };
const company = (id: string, name: string) => ({ __typename: 'Company', id, name });

const mocks = [
  {
    request: { query: AccountPickerQuery, variables: { filter: { search: null, kind: 'CUSTOMER' } } },
    result: { data: { accounts: { __typename: 'AccountConnection', totalCount: 1, edges: [{ __typename: 'AccountEdge', node: ALICE }] } } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  {
    request: { query: AccountVisibilityQuery, variables: { accountId: ALICE.id } },
    result: {
      data: {
        accountVisibility: [
          {
            __typename: 'CompanyAccess',
            company: company('cmp_retail', 'Northwind Retail'),
            grants: [{ __typename: 'AccessGrant', reason: 'SUBSIDIARY', via: company('cmp_holding', 'Northwind Holding') }],
          },
        ],
      },
    },
  },
];

describe('AccountVisibility', () => {
  it('shows every company the picked account sees, and why, in the shared grant table', async () => {
    const { user } = renderWithProviders(<AccountVisibility />, mocks);
    await user.click(screen.getByRole('combobox', { name: 'Account' }));
    await user.click(await screen.findByRole('option', { name: 'Alice Novak · alice@example.com', hidden: true }));
    const table = await screen.findByRole('table', { name: 'What an account sees' });
    const [, row] = within(table).getAllByRole('row');
    expect(within(row).getAllByRole('cell')[0]).toHaveTextContent('Northwind Retail');
    expect(within(row).getByText('subsidiary · via Northwind Holding')).toBeInTheDocument();
  });
});
