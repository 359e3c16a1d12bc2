import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { GrantTable, type GrantRow } from './GrantTable';

const HOLDING = { id: 'cmp_holding', name: 'Northwind Holding' };
const RETAIL = { id: 'cmp_retail', name: 'Northwind Retail' };

const ROWS: GrantRow[] = [
  {
    key: 'acc_alice',
    cells: ['Alice Novak', 'alice@example.com'],
    grants: [
      { reason: 'SUBSIDIARY', via: HOLDING },
      { reason: 'COMPANY_WIDE', via: RETAIL },
    ],
  },
  { key: 'acc_bob', cells: ['Bob Horvat', 'bob@example.com'], grants: [{ reason: 'OWN_TICKET', via: RETAIL }] },
];
const LOADED = { loading: false, data: {} };

function setup(rows: GrantRow[], query: Parameters<typeof GrantTable>[0]['query'] = LOADED) {
  return renderWithProviders(<GrantTable label="Who sees a ticket" columns={['Name', 'Email']} rows={rows} query={query} />);
}

describe('GrantTable', () => {
  it('lists each row with its cells and every grant that explains it', () => {
    setup(ROWS);
    const table = screen.getByRole('table', { name: 'Who sees a ticket' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Name', 'Email', 'Why']);
    const [, alice, bob] = within(table).getAllByRole('row');
    const [name, email, why] = within(alice).getAllByRole('cell');
    expect([name.textContent, email.textContent]).toEqual(['Alice Novak', 'alice@example.com']);
    expect(within(why).getByText('subsidiary · via Northwind Holding')).toBeInTheDocument();
    expect(within(why).getByText('company · via Northwind Retail')).toBeInTheDocument();
    expect(within(bob).getAllByRole('cell')).toHaveLength(3);
    expect(within(bob).getByText('own · via Northwind Retail')).toBeInTheDocument();
  });

  it('says when nobody has access', () => {
    setup([]);
    expect(screen.getByRole('status')).toHaveTextContent('Nothing here yet.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('announces loading, and an error with a retry', async () => {
    const { unmount } = setup([], { loading: true });
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    unmount();
    const refetch = vi.fn();
    const { user } = setup([], { loading: false, error: { message: 'FORBIDDEN' }, refetch });
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong: FORBIDDEN');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalled();
  });
});
