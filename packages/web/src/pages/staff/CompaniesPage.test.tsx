import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CompanyDetailQuery, UpdateCompanyMutation } from '../../features/companies/CompanyDetail';
import { CompanyTreeQuery } from '../../features/companies/CompanyTree';
import { CreateCompanyMutation } from '../../features/companies/CreateCompanyDialog';
import { viewerMock } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { CompaniesPage } from './CompaniesPage';

const SETTINGS = {
  __typename: 'CompanySettings',
  portalEnabled: true,
  membersSeeCompanyTickets: false,
  subsidiaryTicketsVisible: false,
  shareTicketsWithFamily: false,
};

function treeMock(companies: Array<{ id: string; name: string; parent?: string }>) {
  return {
    request: { query: CompanyTreeQuery },
    result: {
      data: {
        companies: {
          __typename: 'CompanyConnection',
          totalCount: companies.length,
          edges: companies.map((c) => ({
            __typename: 'CompanyEdge',
            node: {
              __typename: 'Company',
              id: c.id,
              name: c.name,
              parent: c.parent ? { __typename: 'Company', id: c.parent } : null,
              settings: { __typename: 'CompanySettings', portalEnabled: true },
            },
          })),
        },
      },
    },
  };
}

function detailMock(id: string, name: string, manageCompany: boolean) {
  return {
    request: { query: CompanyDetailQuery, variables: { id } },
    result: {
      data: {
        company: {
          __typename: 'Company',
          id,
          name,
          parent: null,
          settings: SETTINGS,
          viewerCan: { __typename: 'CompanyPermissions', manageCompany, changeMembersSeeCompanyTickets: manageCompany },
        },
      },
    },
  };
}

const BEFORE = [
  { id: 'cmp_1', name: 'Northwind Holding' },
  { id: 'cmp_2', name: 'Northwind Retail', parent: 'cmp_1' },
];

function setup(staffRole: 'ADMIN' | 'AGENT', mocks: object[]) {
  return renderWithProviders(
    <Routes>
      <Route path="/staff/companies/:id" element={<CompaniesPage />} />
    </Routes>,
    [viewerMock({ staffRole }), treeMock(BEFORE), detailMock('cmp_1', 'Northwind Holding', staffRole === 'ADMIN'), ...mocks] as never,
    { route: '/staff/companies/cmp_1' },
  );
}

const tree = () => screen.getByRole('navigation', { name: 'Company tree' });

describe('CompaniesPage', () => {
  it('offers neither creating nor renaming to a staff AGENT', async () => {
    setup('AGENT', []);
    expect(await screen.findByRole('heading', { name: 'Northwind Holding' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New company' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rename company' })).not.toBeInTheDocument();
  });

  it('lets a staff ADMIN rename a company and refreshes the tree', async () => {
    const { user } = setup('ADMIN', [
      {
        request: { query: UpdateCompanyMutation, variables: { input: { id: 'cmp_1', name: 'Northwind Group' } } },
        result: {
          data: {
            updateCompany: {
              __typename: 'CompanyPayload',
              company: { __typename: 'Company', id: 'cmp_1', name: 'Northwind Group', settings: SETTINGS },
              userErrors: [],
            },
          },
        },
      },
      treeMock([{ id: 'cmp_1', name: 'Northwind Group' }, BEFORE[1]]),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Rename company' }));
    const input = screen.getByRole('textbox', { name: /Company name/ });
    await user.clear(input);
    await user.paste('Northwind Group');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Northwind Group' })).toBeInTheDocument();
    await waitFor(() => expect(within(tree()).getByRole('link', { name: 'Northwind Group' })).toBeInTheDocument());
    expect(within(tree()).queryByRole('link', { name: 'Northwind Holding' })).not.toBeInTheDocument();
    expect(await screen.findByText('Company renamed.')).toBeInTheDocument();
  });

  it('lets a staff ADMIN create a company and opens it in the refreshed tree', async () => {
    const { user } = setup('ADMIN', [
      {
        request: {
          query: CreateCompanyMutation,
          variables: {
            input: {
              name: 'Northwind Hungary',
              parentId: 'cmp_1',
              settings: {
                portalEnabled: true,
                membersSeeCompanyTickets: false,
                subsidiaryTicketsVisible: false,
                shareTicketsWithFamily: false,
              },
            },
          },
        },
        result: {
          data: {
            createCompany: {
              __typename: 'CompanyPayload',
              company: { __typename: 'Company', id: 'cmp_3', name: 'Northwind Hungary' },
              userErrors: [],
            },
          },
        },
      },
      treeMock([...BEFORE, { id: 'cmp_3', name: 'Northwind Hungary', parent: 'cmp_1' }]),
      detailMock('cmp_3', 'Northwind Hungary', true),
    ]);
    await user.click(await screen.findByRole('button', { name: 'New company' }));
    await user.click(screen.getByRole('textbox', { name: /Company name/ }));
    await user.paste('Northwind Hungary');
    await user.click(screen.getByRole('button', { name: 'Create company' }));
    expect(await screen.findByRole('heading', { name: 'Northwind Hungary' })).toBeInTheDocument();
    expect(within(tree()).getByRole('link', { name: 'Northwind Hungary' })).toHaveAttribute('data-active', 'true');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
