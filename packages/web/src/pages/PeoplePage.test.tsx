import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { viewerMock } from '../test/mocks';
import { renderWithProviders } from '../test/render';
import PeoplePage, { PeoplePageQuery } from './PeoplePage';

const RETAIL = { __typename: 'Company' as const, id: 'cmp_retail', name: 'Northwind Retail' };
const can = (
  viewerCan: Partial<Record<'invite' | 'listInvitations' | 'listMembers' | 'manageMembers' | 'readSignInLog', boolean>> = {},
) => ({
  __typename: 'CompanyPermissions',
  invite: false,
  listInvitations: false,
  listMembers: false,
  manageMembers: false,
  readSignInLog: false,
  ...viewerCan,
});

/** A customer MEMBER of Northwind Retail: ViewerQuery's memberships carry the same company fields as the page. */
const memberViewer = viewerMock({
  memberships: [
    { __typename: 'Membership', id: 'mem_1', role: 'MEMBER', capabilities: ['TICKETS'], company: { ...RETAIL, viewerCan: can() } },
  ],
});

const pageMock = (companyId: string, company: object | null) => ({
  request: { query: PeoplePageQuery, variables: { companyId } },
  result: { data: { company } },
});

describe('PeoplePage', () => {
  it("opens the viewer's company and says that only its administrators change people", async () => {
    renderWithProviders(<PeoplePage />, [memberViewer, pageMock(RETAIL.id, { ...RETAIL, viewerCan: can() })], { route: '/people' });
    expect(await screen.findByRole('heading', { name: 'People · Northwind Retail' })).toBeInTheDocument();
    expect(screen.getByText('You can see your colleagues; only administrators of Northwind Retail change them.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite someone' })).not.toBeInTheDocument();
  });

  it('says so when the company in the link is not there, or not for this viewer', async () => {
    renderWithProviders(<PeoplePage />, [memberViewer, pageMock('cmp_gone', null)], { route: '/people?company=cmp_gone' });
    await screen.findByText('Not found, or you may not see it.');
    expect(screen.getByRole('status')).toHaveTextContent('Not found, or you may not see it.');
    expect(screen.queryByRole('heading', { name: 'Members' })).not.toBeInTheDocument();
  });

  it('asks a customer without a company to wait for one', async () => {
    renderWithProviders(<PeoplePage />, [viewerMock({ memberships: [] })], { route: '/people' });
    await screen.findByText('You are not a member of any company yet.');
    expect(screen.getByRole('status')).toHaveTextContent('You are not a member of any company yet.');
  });
});
