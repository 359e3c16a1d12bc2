import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CompanyDetailQuery, UpdateCompanyMutation } from '../../features/companies/CompanyDetail';
import { CompanyTreePathQuery, CompanyTreeQuery, TREE_PAGE } from '../../features/companies/CompanyTree';
import { CompanyTreeChildrenQuery } from '../../features/companies/CompanyTreeNode';
import { CreateCompanyMutation } from '../../features/companies/CreateCompanyDialog';
import { signInLogMock } from '../../test/signInLogMocks';
import { companyPickerMock, viewerMock } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { CompaniesPage } from './CompaniesPage';

const SETTINGS = {
  __typename: 'CompanySettings',
  portalEnabled: true,
  membersSeeCompanyTickets: false,
  subsidiaryTicketsVisible: false,
  shareTicketsWithFamily: false,
  twoFactorRequired: false,
};

const node = (c: { id: string; name: string }, children: string[] = []) => ({
  __typename: 'Company',
  id: c.id,
  name: c.name,
  children: children.map((id) => ({ __typename: 'Company', id })),
});

/** The tree's top level (one page). */
function treeMock(roots: Array<{ id: string; name: string; children?: string[] }>) {
  return {
    request: { query: CompanyTreeQuery, variables: { first: TREE_PAGE } },
    result: {
      data: {
        companies: {
          __typename: 'CompanyConnection',
          totalCount: roots.length,
          pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
          edges: roots.map((c) => ({ __typename: 'CompanyEdge', node: node(c, c.children) })),
        },
      },
    },
  };
}

/** The subsidiaries of `id`, loaded when it is expanded. */
function childrenMock(id: string, children: Array<{ id: string; name: string }>) {
  return {
    request: { query: CompanyTreeChildrenQuery, variables: { id } },
    result: { data: { company: { __typename: 'Company', id, children: children.map((c) => node(c)) } } },
  };
}

/** The ancestors of `id` (the tree expands them; the detail shows them as breadcrumbs). */
const companyPath = (ancestors: Array<{ id: string; name: string }>) => ancestors.map((c) => ({ __typename: 'Company', ...c }));

function pathMock(id: string, ancestors: Array<{ id: string; name: string }>) {
  return {
    request: { query: CompanyTreePathQuery, variables: { id } },
    result: { data: { company: { __typename: 'Company', id, path: ancestors.map((c) => ({ __typename: 'Company', id: c.id })) } } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

function detailMock(id: string, name: string, manageCompany: boolean, ancestors: Array<{ id: string; name: string }> = []) {
  const path = companyPath(ancestors);
  return {
    request: { query: CompanyDetailQuery, variables: { id } },
    result: {
      data: {
        company: {
          __typename: 'Company',
          id,
          name,
          parent: null,
          path,
          settings: SETTINGS,
          viewerCan: { __typename: 'CompanyPermissions', manageCompany, changeMembersSeeCompanyTickets: manageCompany },
        },
      },
    },
  };
}

const HOLDING = { id: 'cmp_1', name: 'Northwind Holding' };
const RETAIL = { id: 'cmp_2', name: 'Northwind Retail' };
const HUNGARY = { id: 'cmp_3', name: 'Northwind Hungary' };

function setup(staffRole: 'ADMIN' | 'AGENT', mocks: object[]) {
  return renderWithProviders(
    <Routes>
      <Route path="/staff/companies/:id" element={<CompaniesPage />} />
    </Routes>,
    [
      viewerMock({ staffRole }),
      treeMock([{ ...HOLDING, children: [RETAIL.id] }]),
      detailMock('cmp_1', 'Northwind Holding', staffRole === 'ADMIN'),
      pathMock('cmp_1', []),
      companyPickerMock([HOLDING, RETAIL]),
      signInLogMock('cmp_1', [], { uses: Number.POSITIVE_INFINITY }),
      signInLogMock('cmp_3', [], { uses: Number.POSITIVE_INFINITY }),
      ...mocks,
    ] as never,
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
      treeMock([{ id: 'cmp_1', name: 'Northwind Group', children: [RETAIL.id] }]),
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

  it('lets a staff ADMIN create a company and shows it under its expanded parent', async () => {
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
      childrenMock('cmp_1', [RETAIL]),
      treeMock([{ ...HOLDING, children: [RETAIL.id, HUNGARY.id] }]),
      childrenMock('cmp_1', [HUNGARY, RETAIL]),
      detailMock('cmp_3', 'Northwind Hungary', true, [HOLDING]),
      pathMock('cmp_3', [HOLDING]),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Expand Northwind Holding' }));
    expect(await within(tree()).findByRole('link', { name: 'Northwind Retail' })).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'New company' }));
    await user.click(screen.getByRole('textbox', { name: /Company name/ }));
    await user.paste('Northwind Hungary');
    await user.click(screen.getByRole('button', { name: 'Create company' }));
    expect(await screen.findByRole('heading', { name: 'Northwind Hungary' })).toBeInTheDocument();
    expect(await within(tree()).findByRole('link', { name: 'Northwind Hungary' })).toHaveAttribute('data-active', 'true');
    // breadcrumbs lead back up
    expect(screen.getByRole('navigation', { name: 'Parent companies' })).toHaveTextContent('Northwind Holding');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
