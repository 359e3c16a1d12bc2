import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ACCOUNTS_PAGE, AccountListQuery, SetAccountDisabledMutation } from '../../features/accounts/AccountList';
import { SetNotificationLevelMutation } from '../../features/profile/useSetNotificationLevel';
import { CreateAccountMutation } from '../../features/accounts/CreateAccountForm';
import { companyPickerMock, viewerMock } from '../../test/mocks';
import { LocationProbe, renderWithProviders } from '../../test/render';
import { AccountsPage } from './AccountsPage';

interface Person {
  id: string;
  firstName: string;
  lastName: string;
  staffRole?: 'ADMIN' | 'AGENT' | null;
  disabled?: boolean;
  company?: string;
  notificationLevel?: 'ALL' | 'PARTICIPATING' | 'NONE';
}

const SAM: Person = { id: 'acc_sam', firstName: 'Sam', lastName: 'Agent', staffRole: 'AGENT' };
const ALICE: Person = { id: 'acc_alice', firstName: 'Alice', lastName: 'Novak', company: 'Northwind Holding' };
const HANA: Person = { id: 'acc_hana', firstName: 'Hana', lastName: 'Kováčová', company: 'Northwind Retail' };
const QUINN: Person = { id: 'acc_quinn', firstName: 'Quinn', lastName: 'Adams', company: 'Contoso Dental Clinics', disabled: true };

const account = (p: Person) => ({
  __typename: 'Account',
  id: p.id,
  firstName: p.firstName,
  lastName: p.lastName,
  email: `${p.firstName.toLowerCase()}@example.com`,
  disabled: p.disabled ?? false,
  staffRole: p.staffRole ?? null,
  notificationLevel: p.notificationLevel ?? (p.staffRole ? 'PARTICIPATING' : 'ALL'),
  memberships: p.company
    ? [
        {
          __typename: 'Membership',
          id: `mbr_${p.id}`,
          role: 'ADMINISTRATOR',
          company: { __typename: 'Company', id: `cmp_${p.id}`, name: p.company },
        },
      ]
    : [],
});

type Filter = { search?: string | null; kind?: 'STAFF' | 'CUSTOMER' | null; includeDisabled?: boolean };

/** accounts(filter) answering `people`; `after` asks for a later page; `requests` sees every request. */
function listMock(
  filter: Filter,
  people: Person[],
  {
    after,
    next,
    total,
    requests = vi.fn(),
  }: { after?: string; next?: string; total?: number; requests?: (variables: object) => void } = {},
) {
  const variables = {
    first: ACCOUNTS_PAGE,
    filter: { search: filter.search ?? null, kind: filter.kind ?? null, includeDisabled: filter.includeDisabled ?? false },
    ...(after ? { after } : {}),
  };
  return {
    request: { query: AccountListQuery, variables },
    result: () => {
      requests(variables);
      return {
        data: {
          accounts: {
            __typename: 'AccountConnection',
            totalCount: total ?? people.length,
            pageInfo: { __typename: 'PageInfo', endCursor: next ?? null, hasNextPage: !!next },
            edges: people.map((p) => ({ __typename: 'AccountEdge', cursor: `c_${p.id}`, node: account(p) })),
          },
        },
      };
    },
  };
}

function setup(route: string, mocks: object[], staffRole: 'ADMIN' | 'AGENT' = 'ADMIN') {
  return renderWithProviders(
    <>
      <AccountsPage />
      <LocationProbe />
    </>,
    [viewerMock({ id: 'acc_admin', staffRole }, 10), ...mocks] as never,
    { route },
  );
}

const table = () => screen.getByRole('table', { name: 'Accounts' });
const location = () => screen.getByTestId('location').textContent;
const searchBox = () => screen.getByRole('searchbox', { name: 'Search by name or email' });

describe('AccountsPage', () => {
  it('lists every account with its staff role or companies and its status', async () => {
    setup('/staff/accounts', [listMock({}, [SAM, ALICE])]);
    const sam = (await within(await screen.findByRole('table', { name: 'Accounts' })).findByText('Sam Agent')).closest('tr')!;
    expect(within(sam).getByText('Staff: Agent')).toBeInTheDocument();
    expect(within(sam).getByText('active')).toBeInTheDocument();
    const alice = within(table()).getByText('Alice Novak').closest('tr')!;
    expect(within(alice).getByText('Northwind Holding (Administrator)')).toBeInTheDocument();
    expect(screen.getByText('2 accounts')).toBeInTheDocument();
  });

  it('searches as the person types, once typing pauses, and keeps the search in the URL', async () => {
    const requests = vi.fn();
    const { user } = setup('/staff/accounts', [listMock({}, [SAM, ALICE, HANA]), listMock({ search: 'nov' }, [ALICE], { requests })]);
    await within(await screen.findByRole('table', { name: 'Accounts' })).findByText('Hana Kováčová');
    await user.type(searchBox(), 'nov');
    await waitFor(() => expect(location()).toBe('/staff/accounts?q=nov'));
    await waitFor(() => expect(within(table()).queryByText('Hana Kováčová')).not.toBeInTheDocument());
    expect(within(table()).getByText('Alice Novak')).toBeInTheDocument();
    expect(requests).toHaveBeenCalledTimes(1); // not once for "n" and "no"
  });

  it('reads search, kind and "show disabled" from the URL (a reload keeps them)', async () => {
    setup('/staff/accounts?q=adams&kind=customers&disabled=1', [
      listMock({ search: 'adams', kind: 'CUSTOMER', includeDisabled: true }, [QUINN]),
    ]);
    const quinn = (await within(await screen.findByRole('table', { name: 'Accounts' })).findByText('Quinn Adams')).closest('tr')!;
    expect(within(quinn).getByText('disabled')).toBeInTheDocument();
    expect(searchBox()).toHaveValue('adams');
    expect(screen.getByRole('radio', { name: 'Customers' })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Show disabled accounts' })).toBeChecked();
  });

  it('filters by kind and shows disabled accounts on request', async () => {
    const { user } = setup('/staff/accounts', [
      listMock({}, [SAM, ALICE]),
      listMock({ kind: 'STAFF' }, [SAM]),
      listMock({ kind: 'STAFF', includeDisabled: true }, [SAM, { ...SAM, id: 'acc_old', firstName: 'Old', disabled: true }]),
    ]);
    await within(await screen.findByRole('table', { name: 'Accounts' })).findByText('Alice Novak');
    await user.click(screen.getByRole('radio', { name: 'Staff' }));
    await waitFor(() => expect(within(table()).queryByText('Alice Novak')).not.toBeInTheDocument());
    expect(location()).toBe('/staff/accounts?kind=staff');
    await user.click(screen.getByRole('switch', { name: 'Show disabled accounts' }));
    expect(await screen.findByText('Old Agent')).toBeInTheDocument();
    expect(within(table()).getByText('Sam Agent')).toBeInTheDocument();
    expect(location()).toBe('/staff/accounts?kind=staff&disabled=1');
  });

  it('loads the next page after the last cursor', async () => {
    const { user } = setup('/staff/accounts', [
      listMock({}, [SAM, ALICE], { next: 'c_acc_alice', total: 3 }),
      listMock({}, [HANA], { after: 'c_acc_alice', total: 3 }),
    ]);
    await within(await screen.findByRole('table', { name: 'Accounts' })).findByText('Alice Novak');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table()).findByText('Hana Kováčová')).toBeInTheDocument();
    expect(within(table()).getByText('Sam Agent')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('disables an account only after confirmation, and says so', async () => {
    const calls = vi.fn();
    const { user } = setup('/staff/accounts', [
      listMock({}, [ALICE]),
      {
        request: { query: SetAccountDisabledMutation, variables: { id: ALICE.id, disabled: true } },
        result: () => {
          calls();
          return {
            data: {
              setAccountDisabled: {
                __typename: 'AccountPayload',
                account: { __typename: 'Account', id: ALICE.id, disabled: true },
                userErrors: [],
              },
            },
          };
        },
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Disable: Alice Novak' }));
    const dialog = screen.getByRole('dialog', { name: 'Disable Alice Novak?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(calls).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Disable: Alice Novak' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Alice Novak was disabled.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledTimes(1);
    const row = within(table()).getByText('Alice Novak').closest('tr')!;
    expect(within(row).getByText('disabled')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Enable: Alice Novak' })).toBeInTheDocument();
  });

  it('creates an account with its company and role in one step; the person is mailed a set-password link', async () => {
    const created = vi.fn();
    const { user } = setup('/staff/accounts', [
      listMock({}, [ALICE]),
      companyPickerMock([{ id: 'cmp_retail', name: 'Northwind Retail' }]),
      {
        request: {
          query: CreateAccountMutation,
          variables: {
            input: {
              firstName: 'Vera',
              lastName: 'Schmid',
              email: 'vera@example.com',
              language: 'de',
              staffRole: null,
              companyId: 'cmp_retail',
              role: 'MODERATOR',
            },
          },
        },
        result: () => {
          created();
          return {
            data: {
              createAccount: {
                __typename: 'AccountPayload',
                account: { __typename: 'Account', id: 'acc_vera', email: 'vera@example.com' },
                userErrors: [],
              },
            },
          };
        },
      },
      listMock({}, [ALICE, { id: 'acc_vera', firstName: 'Vera', lastName: 'Schmid' }]),
    ]);
    expect(await screen.findByText('1 account')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Create account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create account' });
    await user.click(within(dialog).getByRole('button', { name: 'Create account' }));
    expect(within(dialog).getAllByText('This cannot be empty.').length).toBe(2);
    expect(created).not.toHaveBeenCalled();
    // nobody types a password for someone else: the server mails a link
    expect(within(dialog).queryByLabelText(/password/i)).not.toBeInTheDocument();
    expect(dialog).toHaveTextContent('The link works once, for 7 days.');
    await user.type(within(dialog).getByRole('textbox', { name: /First name/ }), 'Vera');
    await user.type(within(dialog).getByRole('textbox', { name: /Last name/ }), 'Schmid');
    await user.type(within(dialog).getByRole('textbox', { name: /Email/ }), 'vera@example.com');
    await user.click(within(dialog).getByRole('combobox', { name: /Language of the portal/ }));
    await user.click(await screen.findByRole('option', { name: 'Deutsch', hidden: true }));
    expect(within(dialog).getByRole('combobox', { name: /^Role/ })).toBeDisabled(); // a role needs a company
    await user.click(within(dialog).getByRole('combobox', { name: /Company/ }));
    await user.click(await screen.findByRole('option', { name: 'Northwind Retail', hidden: true }));
    await user.click(within(dialog).getByRole('combobox', { name: /^Role/ }));
    await user.click(await screen.findByRole('option', { name: 'Moderator', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(created).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Account created. We emailed vera@example.com a link to choose a password.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Create account' })).not.toBeInTheDocument());
    expect(await within(table()).findByText('Vera Schmid')).toBeInTheDocument();
    expect(screen.getByText('2 accounts')).toBeInTheDocument();
  });

  it('closes the create dialog with Cancel without creating anything', async () => {
    const { user } = setup('/staff/accounts', [listMock({}, [ALICE]), companyPickerMock([])]);
    await user.click(await screen.findByRole('button', { name: 'Create account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create account' });
    await user.type(within(dialog).getByRole('textbox', { name: /First name/ }), 'Half');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Create account' })).not.toBeInTheDocument());
  });

  it('offers neither creating nor disabling to a staff AGENT', async () => {
    setup('/staff/accounts', [listMock({}, [ALICE])], 'AGENT');
    await within(await screen.findByRole('table', { name: 'Accounts' })).findByText('Alice Novak');
    expect(screen.queryByRole('button', { name: 'Disable: Alice Novak' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create account' })).not.toBeInTheDocument();
  });

  it("lets a staff ADMIN set another account's email notifications", async () => {
    const calls = vi.fn();
    const { user } = setup('/staff/accounts', [
      listMock({}, [SAM, ALICE]),
      {
        request: { query: SetNotificationLevelMutation, variables: { input: { accountId: 'acc_alice', level: 'NONE' } } },
        result: () => {
          calls();
          return {
            data: {
              setNotificationLevel: {
                __typename: 'AccountPayload',
                account: { __typename: 'Account', id: 'acc_alice', notificationLevel: 'NONE' },
                userErrors: [],
              },
            },
          };
        },
      },
    ]);
    const select = await screen.findByRole('combobox', { name: 'Emails for Alice Novak' });
    expect(select).toHaveValue('ALL');
    // the same level reads differently for staff: ALL is every ticket there, the company's for a customer
    expect(within(select).getByRole('option', { name: 'Every ticket of their company' })).toBeInTheDocument();
    const sam = screen.getByRole('combobox', { name: 'Emails for Sam Agent' });
    expect(sam).toHaveValue('PARTICIPATING');
    expect(within(sam).getByRole('option', { name: 'Every ticket' })).toBeInTheDocument();
    await user.selectOptions(select, 'NONE');
    expect(await screen.findByText('Emails for Alice Novak: No emails.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Emails for Alice Novak' })).toHaveValue('NONE'));
  });

  it('shows a staff AGENT the levels as text, not to change', async () => {
    setup('/staff/accounts', [listMock({}, [{ ...ALICE, notificationLevel: 'PARTICIPATING' }])], 'AGENT');
    const row = (await within(await screen.findByRole('table', { name: 'Accounts' })).findByText('Alice Novak')).closest('tr')!;
    expect(within(row).getByText('Tickets they take part in')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Emails for Alice Novak' })).not.toBeInTheDocument();
  });

  it('hides the disable button on the own row for a staff ADMIN', async () => {
    setup('/staff/accounts', [listMock({}, [{ id: 'acc_admin', firstName: 'Ada', lastName: 'Admin', staffRole: 'ADMIN' }, ALICE])]);
    expect(await screen.findByRole('button', { name: 'Disable: Alice Novak' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Disable: Ada Admin' })).not.toBeInTheDocument();
  });

  it('tells an empty list from a search without matches', async () => {
    setup('/staff/accounts?q=zed', [listMock({ search: 'zed' }, [])]);
    expect(await screen.findByText('No account matches “zed”.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when there is nothing at all', async () => {
    setup('/staff/accounts', [listMock({}, [])]);
    expect(await screen.findByText('Nothing here yet.')).toBeInTheDocument();
  });

  it('says no account matches the filters, and clears them (keeping disabled accounts shown)', async () => {
    const { user } = setup('/staff/accounts?q=zed&kind=staff&disabled=1', [
      listMock({ search: 'zed', kind: 'STAFF', includeDisabled: true }, []),
      listMock({ includeDisabled: true }, [ALICE, QUINN]),
    ]);
    expect(await screen.findByText('No account matches “zed”.')).toHaveAttribute('role', 'status');
    expect(screen.queryByText('Nothing here yet.')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await within(await screen.findByRole('table', { name: 'Accounts' })).findByText('Quinn Adams')).toBeInTheDocument();
    expect(location()).toBe('/staff/accounts?disabled=1');
    expect(screen.getByText('2 accounts')).toBeInTheDocument();
  });

  it('says "Showing n of m" while more accounts can be loaded, and exports them all as the filters say', async () => {
    const fetch = vi.fn(async () => new Response('csv'));
    vi.stubGlobal('fetch', fetch);
    Object.assign(URL, { createObjectURL: () => 'blob:accounts', revokeObjectURL: () => undefined });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user } = setup('/staff/accounts?q=nov&kind=customers', [
      listMock({ search: 'nov', kind: 'CUSTOMER' }, [ALICE], { next: 'c_alice', total: 40 }),
    ]);
    expect(await screen.findByText('Showing 1 of 40 accounts')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(fetch).toHaveBeenCalledWith('/export/accounts.csv?search=nov&kind=CUSTOMER&includeDisabled=false', {
      credentials: 'same-origin',
    });
    vi.unstubAllGlobals();
    click.mockRestore();
  });

  it('shows an error with a way to try again', async () => {
    const { user } = setup('/staff/accounts', [
      {
        request: {
          query: AccountListQuery,
          variables: { first: ACCOUNTS_PAGE, filter: { search: null, kind: null, includeDisabled: false } },
        },
        error: new Error('offline'),
      },
      listMock({}, [ALICE]),
    ]);
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong: offline');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await within(await screen.findByRole('table', { name: 'Accounts' })).findByText('Alice Novak')).toBeInTheDocument();
  });
});
