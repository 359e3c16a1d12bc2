import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { companyPickerMock } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { signInEvent, signInLogMock } from '../../test/signInLogMocks';
import { CompanyDetail, CompanyDetailQuery, UpdateCompanyMutation } from './CompanyDetail';

const SETTINGS = {
  __typename: 'CompanySettings',
  portalEnabled: true,
  membersSeeCompanyTickets: false,
  subsidiaryTicketsVisible: false,
  shareTicketsWithFamily: false,
  twoFactorRequired: false,
};

function detailMock(manageCompany: boolean, twoFactorRequired = false) {
  return {
    request: { query: CompanyDetailQuery, variables: { id: 'cmp_1' } },
    result: {
      data: {
        company: {
          __typename: 'Company',
          id: 'cmp_1',
          name: 'Northwind Holding',
          parent: null,
          path: [],
          settings: { ...SETTINGS, twoFactorRequired },
          viewerCan: { __typename: 'CompanyPermissions', manageCompany, changeMembersSeeCompanyTickets: manageCompany },
        },
      },
    },
  };
}

function updateMock(twoFactorRequired: boolean, calls = vi.fn()) {
  const variables = { input: { id: 'cmp_1', settings: { twoFactorRequired } } };
  return {
    request: { query: UpdateCompanyMutation, variables },
    result: () => {
      calls(variables);
      return {
        data: {
          updateCompany: {
            __typename: 'CompanyPayload',
            company: { __typename: 'Company', id: 'cmp_1', name: 'Northwind Holding', settings: { ...SETTINGS, twoFactorRequired } },
            userErrors: [],
          },
        },
      };
    },
  };
}

function setup(mocks: object[]) {
  return renderWithProviders(<CompanyDetail id="cmp_1" />, [
    companyPickerMock([]),
    signInLogMock('cmp_1', [signInEvent(1, { secondFactorUsed: true })], { uses: 5 }),
    ...mocks,
  ] as never);
}

const twoStep = () => screen.findByRole('switch', { name: /Require two-step sign-in/ });

describe('Require two-step sign-in (company detail)', () => {
  it('asks first, saying what changes for the members; Cancel changes nothing', async () => {
    const calls = vi.fn();
    const { user } = setup([detailMock(true), updateMock(true, calls)]);
    await user.click(await twoStep());
    const dialog = screen.getByRole('dialog', { name: 'Require two-step sign-in at Northwind Holding?' });
    expect(dialog).toHaveTextContent('Every member of Northwind Holding must set up two-step sign-in at their next sign-in');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await twoStep()).not.toBeChecked();
    await waitFor(() => expect(screen.getByRole('switch', { name: /Require two-step sign-in/ })).toHaveFocus());
    expect(calls).not.toHaveBeenCalled();
  });

  it('turns it on after confirmation with the right variables and says so', async () => {
    const calls = vi.fn();
    const { user } = setup([detailMock(true), updateMock(true, calls)]);
    await user.click(await twoStep());
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Require it' }));
    expect(await screen.findByText('Two-step sign-in is now required at Northwind Holding.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledExactlyOnceWith({ input: { id: 'cmp_1', settings: { twoFactorRequired: true } } });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await twoStep()).toBeChecked();
  });

  it('turns it off after its own confirmation and says so', async () => {
    const calls = vi.fn();
    const { user } = setup([detailMock(true, true), updateMock(false, calls)]);
    expect(await twoStep()).toBeChecked();
    await user.click(await twoStep());
    const dialog = screen.getByRole('dialog', { name: 'Stop requiring two-step sign-in at Northwind Holding?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop requiring it' }));
    expect(await screen.findByText('Two-step sign-in is no longer required at Northwind Holding.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledExactlyOnceWith({ input: { id: 'cmp_1', settings: { twoFactorRequired: false } } });
    await waitFor(() => expect(screen.getByRole('switch', { name: /Require two-step sign-in/ })).not.toBeChecked());
  });

  it('shows a staff AGENT the setting without letting them change it, and the sign-in log', async () => {
    setup([detailMock(false, true)]);
    const toggle = await twoStep();
    expect(toggle).toBeChecked();
    expect(toggle).toBeDisabled();
    const log = await screen.findByRole('table', { name: 'Sign-in log' });
    expect(within(log).getByText('with second step')).toBeInTheDocument();
  });
});
