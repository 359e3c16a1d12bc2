import { GraphQLError } from 'graphql';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import PeoplePage, { PeoplePageQuery } from '../../pages/PeoplePage';
import { SAFARI_IPHONE, viewerMock } from '../../test/mocks';
import { LocationProbe, renderWithProviders } from '../../test/render';
import { signInEvent, signInLogMock } from '../../test/signInLogMocks';
import { SIGN_IN_LOG_PAGE, SignInLog, SignInLogQuery } from './SignInLog';

const RETAIL = { __typename: 'Company' as const, id: 'cmp_retail', name: 'Northwind Retail' };

const table = () => screen.findByRole('table', { name: 'Sign-in log' });
const rowOf = async (text: string) =>
  within(await table())
    .getByText(text)
    .closest('tr')!;

describe('SignInLog', () => {
  it('lists sign-ins newest first with time, person, address, device and outcome in words', async () => {
    renderWithProviders(<SignInLog company={RETAIL} />, [
      signInLogMock(RETAIL.id, [
        signInEvent(3, { secondFactorUsed: true, userAgent: SAFARI_IPHONE }),
        signInEvent(2, { succeeded: false, clientAddress: null, account: { id: 'acc_hana', firstName: 'Hana', lastName: 'Kováčová' } }),
        signInEvent(1, { succeeded: false, email: 'ghost@example.com', account: null, userAgent: null }),
      ]),
    ]);
    const rows = within(await table()).getAllByRole('row');
    expect(rows).toHaveLength(4); // the header and three events, in the server's order
    const alice = await rowOf('Alice Novak');
    expect(within(alice).getByText('Succeeded')).toBeInTheDocument();
    expect(within(alice).getByText('with second step')).toBeInTheDocument();
    expect(within(alice).getByText('Safari on iOS')).toBeInTheDocument();
    expect(within(alice).getByText('203.0.113.7')).toBeInTheDocument();
    expect(alice.querySelector('time')).toHaveAttribute('dateTime', '2026-12-03T08:00:00.000Z');
    const hana = await rowOf('Hana Kováčová');
    expect(within(hana).getByText('Failed')).toBeInTheDocument();
    expect(within(hana).getByText('unknown')).toBeInTheDocument();
    expect(within(hana).queryByText('with second step')).not.toBeInTheDocument();
    // no account the viewer sees: the email that was typed
    const ghost = await rowOf('ghost@example.com');
    expect(within(ghost).getByText('Failed')).toBeInTheDocument();
    expect(within(ghost).getByText('Unknown device')).toBeInTheDocument();
    expect(rows[1]).toBe(alice);
    expect(rows[3]).toBe(ghost);
  });

  it('loads older sign-ins after the last cursor', async () => {
    const requests = vi.fn();
    const { user } = renderWithProviders(<SignInLog company={RETAIL} />, [
      signInLogMock(RETAIL.id, [signInEvent(3)], { next: 'cur_3', total: 2 }),
      signInLogMock(RETAIL.id, [signInEvent(1, { email: 'old@example.com', account: null })], { after: 'cur_3', requests, total: 2 }),
    ]);
    await table();
    expect(screen.getByText('Showing 1 of 2 sign-in attempts')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(await table()).findByText('old@example.com')).toBeInTheDocument();
    expect(requests).toHaveBeenCalledWith({ companyId: RETAIL.id, first: SIGN_IN_LOG_PAGE, after: 'cur_3' });
    expect(within(await table()).getByText('Alice Novak')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.getByText('2 sign-in attempts')).toBeInTheDocument();
  });

  it('says when nobody signed in for 30 days', async () => {
    renderWithProviders(<SignInLog company={RETAIL} />, [signInLogMock(RETAIL.id, [])]);
    expect(await screen.findByText('No sign-ins in the last 30 days.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('explains a refusal in words and offers to try again', async () => {
    renderWithProviders(<SignInLog company={RETAIL} />, [
      {
        request: { query: SignInLogQuery, variables: { companyId: RETAIL.id, first: SIGN_IN_LOG_PAGE } },
        result: { errors: [new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } })] },
      },
    ]);
    expect(await screen.findByRole('alert')).toHaveTextContent('Only staff and the administrators of this company see its sign-in log.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('the sign-in log on the People page', () => {
  const can = (manageMembers: boolean) => ({
    __typename: 'CompanyPermissions',
    invite: manageMembers,
    listInvitations: false,
    listMembers: false,
    manageMembers,
    readSignInLog: manageMembers,
  });
  const customer = (role: 'ADMINISTRATOR' | 'MEMBER') =>
    viewerMock(
      {
        memberships: [
          {
            __typename: 'Membership',
            id: 'mem_1',
            role,
            capabilities: [],
            company: { ...RETAIL, viewerCan: can(role === 'ADMINISTRATOR') },
          },
        ],
      },
      5,
    );
  const pageMock = (manageMembers: boolean) => ({
    request: { query: PeoplePageQuery, variables: { companyId: RETAIL.id } },
    result: { data: { company: { ...RETAIL, viewerCan: can(manageMembers) } } },
    maxUsageCount: 5,
  });

  it("is a tab for the company's administrators, kept in the URL", async () => {
    const { user } = renderWithProviders(
      <>
        <PeoplePage />
        <LocationProbe />
      </>,
      [customer('ADMINISTRATOR'), pageMock(true), signInLogMock(RETAIL.id, [signInEvent(1)])] as never,
      { route: '/people' },
    );
    await user.click(await screen.findByRole('tab', { name: 'Sign-in log' }));
    expect(await screen.findByRole('heading', { name: 'Sign-in log' })).toBeInTheDocument();
    expect(within(await table()).getByText('Alice Novak')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Sign-in log' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/people?company=cmp_retail&view=sign-ins'));
    await user.click(screen.getByRole('tab', { name: 'People' }));
    expect(await screen.findByRole('heading', { name: 'Members' })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Sign-in log' })).not.toBeInTheDocument();
  });

  it('is neither offered nor asked for to a member, even with ?view=sign-ins', async () => {
    const requests = vi.fn();
    renderWithProviders(<PeoplePage />, [customer('MEMBER'), pageMock(false), signInLogMock(RETAIL.id, [], { requests })] as never, {
      route: '/people?view=sign-ins',
    });
    expect(await screen.findByRole('heading', { name: 'Members' })).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Sign-in log' })).not.toBeInTheDocument();
    // the only alert is the read-only note: no refusal of a log the member never asked for
    expect(screen.getByRole('alert')).toHaveTextContent('only administrators of Northwind Retail change them');
    expect(screen.queryByText(/Something went wrong|sign-in log/)).not.toBeInTheDocument();
    expect(requests).not.toHaveBeenCalled();
  });
});
