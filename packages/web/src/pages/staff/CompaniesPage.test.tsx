import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CompanyDetailQuery, MoveCompanyMutation, UpdateCompanyMutation } from '../../features/companies/CompanyDetail';
import { CompanyPickerQuery } from '../../features/companies/CompanyPicker';
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

  it('asks before turning a portal off, says what changes, and names the change in the toast', async () => {
    const settingsMutation = (portalEnabled: boolean) => ({
      request: { query: UpdateCompanyMutation, variables: { input: { id: 'cmp_1', settings: { portalEnabled } } } },
      result: {
        data: {
          updateCompany: {
            __typename: 'CompanyPayload',
            company: { __typename: 'Company', id: 'cmp_1', name: 'Northwind Holding', settings: { ...SETTINGS, portalEnabled } },
            userErrors: [],
          },
        },
      },
    });
    const { user } = setup('ADMIN', [settingsMutation(false), settingsMutation(true)]);
    const portal = await screen.findByRole('switch', { name: 'Portal enabled' });
    await user.click(portal);
    const dialog = await screen.findByRole('dialog', { name: 'Turn off the portal for Northwind Holding?' });
    expect(dialog).toHaveTextContent('can no longer see or raise its tickets');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(portal).toBeChecked();

    await user.click(portal);
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Turn off the portal' }));
    expect(await screen.findByText('Portal turned off for Northwind Holding.')).toBeInTheDocument();
    await waitFor(() => expect(portal).not.toBeChecked());
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(portal); // turning it back on needs no confirmation
    expect(await screen.findByText('Portal turned on for Northwind Holding.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('offers "Move under" only places outside the company and its subsidiaries, and asks before moving', async () => {
    const CONTOSO = { id: 'cmp_9', name: 'Contoso Dental Clinics' };
    const asked: object[] = [];
    const { user } = renderWithProviders(
      <Routes>
        <Route path="/staff/companies/:id" element={<CompaniesPage />} />
      </Routes>,
      [
        viewerMock({ staffRole: 'ADMIN' }),
        treeMock([{ ...HOLDING, children: [RETAIL.id] }, CONTOSO]),
        {
          request: { query: CompanyDetailQuery, variables: { id: RETAIL.id } },
          result: {
            data: {
              company: {
                __typename: 'Company',
                ...RETAIL,
                parent: { __typename: 'Company', ...HOLDING },
                path: companyPath([HOLDING]),
                settings: SETTINGS,
                viewerCan: { __typename: 'CompanyPermissions', manageCompany: true, changeMembersSeeCompanyTickets: true },
              },
            },
          },
        },
        pathMock(RETAIL.id, [HOLDING]),
        childrenMock(HOLDING.id, [RETAIL]),
        signInLogMock(RETAIL.id, [], { uses: Number.POSITIVE_INFINITY }),
        {
          // the server leaves out Retail and everything under it; only asked that way does it answer
          request: {
            query: CompanyPickerQuery,
            variables: (v: { outsideSubtreeOf?: string | null }) => {
              asked.push(v);
              return v.outsideSubtreeOf === RETAIL.id;
            },
          },
          result: {
            data: {
              companies: {
                __typename: 'CompanyConnection',
                totalCount: 2,
                edges: [HOLDING, CONTOSO].map((c) => ({ __typename: 'CompanyEdge', node: { __typename: 'Company', ...c, path: [] } })),
              },
            },
          },
          maxUsageCount: Number.POSITIVE_INFINITY,
        },
        {
          request: { query: MoveCompanyMutation, variables: { id: RETAIL.id, parentId: CONTOSO.id } },
          result: {
            data: {
              moveCompany: {
                __typename: 'CompanyPayload',
                company: {
                  __typename: 'Company',
                  id: RETAIL.id,
                  parent: { __typename: 'Company', ...CONTOSO },
                  path: companyPath([CONTOSO]),
                },
                userErrors: [],
              },
            },
          },
        },
        treeMock([HOLDING, { ...CONTOSO, children: [RETAIL.id] }]),
      ] as never,
      { route: `/staff/companies/${RETAIL.id}` },
    );
    expect(await screen.findByRole('heading', { name: 'Northwind Retail' })).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Move under' }));
    // Mantine's dropdown is display: none in jsdom (no layout), hence `hidden: true`
    expect(await screen.findByRole('option', { name: 'Contoso Dental Clinics', hidden: true })).toBeInTheDocument();
    const offered = screen.getAllByRole('option', { hidden: true }).map((o) => o.textContent);
    expect(offered).toEqual(['— no parent (independent customer) —', 'Contoso Dental Clinics']); // not its parent, not itself
    expect(asked.every((v) => (v as { outsideSubtreeOf?: string }).outsideSubtreeOf === RETAIL.id)).toBe(true);

    await user.click(screen.getByRole('option', { name: 'Contoso Dental Clinics', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Move' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move Northwind Retail under Contoso Dental Clinics?' });
    expect(dialog).toHaveTextContent('moves with all its subsidiaries');
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));
    expect(await screen.findByText('Company moved.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
