import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { CompanyTree, CompanyTreePathQuery, CompanyTreeQuery, TREE_PAGE } from './CompanyTree';
import { CompanyTreeChildrenQuery } from './CompanyTreeNode';
import { CompanyTreeSearchQuery, TREE_SEARCH_PAGE } from './CompanyTreeSearch';

interface Co {
  id: string;
  name: string;
  children?: string[];
}
const node = (c: Co) => ({
  __typename: 'Company',
  id: c.id,
  name: c.name,
  children: (c.children ?? []).map((id) => ({ __typename: 'Company', id })),
});
const page = (edges: object[], next: string | null, total: number) => ({
  __typename: 'CompanyConnection',
  totalCount: total,
  pageInfo: { __typename: 'PageInfo', endCursor: next, hasNextPage: !!next },
  edges,
});

function rootsMock(
  roots: Co[],
  { after, next = null, total = roots.length }: { after?: string; next?: string | null; total?: number } = {},
) {
  return {
    request: { query: CompanyTreeQuery, variables: { first: TREE_PAGE, ...(after ? { after } : {}) } },
    result: {
      data: {
        companies: page(
          roots.map((c) => ({ __typename: 'CompanyEdge', node: node(c) })),
          next,
          total,
        ),
      },
    },
  };
}

function childrenMock(id: string, children: Co[], calls = vi.fn()) {
  return {
    request: { query: CompanyTreeChildrenQuery, variables: { id } },
    result: () => {
      calls(id);
      return { data: { company: { __typename: 'Company', id, children: children.map(node) } } };
    },
  };
}

const HOLDING: Co = { id: 'cmp_holding', name: 'Northwind Holding', children: ['cmp_retail'] };
const RETAIL: Co = { id: 'cmp_retail', name: 'Northwind Retail', children: ['cmp_austria'] };
const AUSTRIA: Co = { id: 'cmp_austria', name: 'Northwind Retail Austria' };
const CONTOSO: Co = { id: 'cmp_contoso', name: 'Contoso Dental Clinics' };
const TAILSPIN: Co = { id: 'cmp_tailspin', name: 'Tailspin Legal' };

const tree = () => screen.getByRole('navigation', { name: 'Company tree' });

describe('CompanyTree', () => {
  it('shows the top-level companies, and the next page on request', async () => {
    const { user } = renderWithProviders(<CompanyTree selectedId={null} />, [
      rootsMock([CONTOSO, HOLDING], { next: 'c2', total: 3 }),
      rootsMock([TAILSPIN], { after: 'c2', total: 3 }),
    ]);
    expect(await screen.findByRole('link', { name: 'Northwind Holding' })).toBeInTheDocument();
    expect(
      within(tree())
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Contoso Dental Clinics', 'Northwind Holding']);
    // a company without subsidiaries has nothing to expand
    expect(screen.queryByRole('button', { name: 'Expand Contoso Dental Clinics' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(tree()).findByRole('link', { name: 'Tailspin Legal' })).toBeInTheDocument();
    expect(within(tree()).getAllByRole('link')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('loads subsidiaries only when a company is expanded, level by level', async () => {
    const calls = vi.fn();
    const { user } = renderWithProviders(<CompanyTree selectedId={null} />, [
      rootsMock([HOLDING]),
      childrenMock(HOLDING.id, [RETAIL], calls),
      childrenMock(RETAIL.id, [AUSTRIA], calls),
    ]);
    const expand = await screen.findByRole('button', { name: 'Expand Northwind Holding' });
    expect(expand).toHaveAttribute('aria-expanded', 'false');
    expect(calls).not.toHaveBeenCalled();
    await user.click(expand);
    expect(await within(tree()).findByRole('link', { name: 'Northwind Retail' })).toBeInTheDocument();
    expect(calls.mock.calls).toEqual([[HOLDING.id]]);
    expect(screen.getByRole('button', { name: 'Collapse Northwind Holding' })).toHaveAttribute('aria-expanded', 'true');

    await user.click(screen.getByRole('button', { name: 'Expand Northwind Retail' }));
    expect(await within(tree()).findByRole('link', { name: 'Northwind Retail Austria' })).toBeInTheDocument();
    expect(calls.mock.calls).toEqual([[HOLDING.id], [RETAIL.id]]);

    await user.click(screen.getByRole('button', { name: 'Collapse Northwind Holding' }));
    expect(within(tree()).queryByRole('link', { name: 'Northwind Retail' })).not.toBeInTheDocument();
  });

  it('expands itself to the selected company (a deep link), and still collapses on request', async () => {
    const { user } = renderWithProviders(<CompanyTree selectedId={AUSTRIA.id} />, [
      rootsMock([CONTOSO, HOLDING]),
      {
        request: { query: CompanyTreePathQuery, variables: { id: AUSTRIA.id } },
        result: {
          data: {
            company: { __typename: 'Company', id: AUSTRIA.id, path: [HOLDING, RETAIL].map(({ id }) => ({ __typename: 'Company', id })) },
          },
        },
      },
      childrenMock(HOLDING.id, [RETAIL]),
      childrenMock(RETAIL.id, [AUSTRIA]),
    ]);
    expect(await screen.findByRole('link', { name: 'Northwind Retail Austria' })).toHaveAttribute('data-active', 'true');
    expect(screen.getByRole('button', { name: 'Collapse Northwind Retail' })).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByRole('button', { name: 'Collapse Northwind Holding' }));
    expect(within(tree()).queryByRole('link', { name: 'Northwind Retail' })).not.toBeInTheDocument();
  });

  it('searches on the server and lists the matches with their parent', async () => {
    const searches = vi.fn();
    const { user } = renderWithProviders(<CompanyTree selectedId={null} />, [
      rootsMock([HOLDING, CONTOSO]),
      {
        request: { query: CompanyTreeSearchQuery, variables: { search: 'austria', first: TREE_SEARCH_PAGE } },
        result: () => {
          searches();
          return {
            data: {
              companies: page(
                [
                  {
                    __typename: 'CompanyEdge',
                    node: {
                      __typename: 'Company',
                      id: AUSTRIA.id,
                      name: AUSTRIA.name,
                      parent: { __typename: 'Company', id: RETAIL.id, name: RETAIL.name },
                    },
                  },
                ],
                null,
                1,
              ),
            },
          };
        },
      },
    ]);
    await screen.findByRole('link', { name: 'Northwind Holding' });
    await user.type(screen.getByRole('searchbox', { name: 'Search companies' }), 'austria');
    const results = await screen.findByRole('navigation', { name: 'Companies matching “austria”' });
    const link = within(results).getByRole('link', { name: /Northwind Retail Austria/ });
    expect(link).toHaveTextContent('under Northwind Retail');
    expect(link).toHaveAttribute('href', '/staff/companies/cmp_austria');
    expect(searches).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('navigation', { name: 'Company tree' })).not.toBeInTheDocument();
  });

  it('says when no company matches', async () => {
    const { user } = renderWithProviders(<CompanyTree selectedId={null} />, [
      rootsMock([HOLDING]),
      {
        request: { query: CompanyTreeSearchQuery, variables: { search: 'zed', first: TREE_SEARCH_PAGE } },
        result: { data: { companies: page([], null, 0) } },
      },
    ]);
    await screen.findByRole('link', { name: 'Northwind Holding' });
    await user.type(screen.getByRole('searchbox', { name: 'Search companies' }), 'zed');
    expect(await screen.findByText('No company matches “zed”.')).toHaveAttribute('role', 'status');
    await waitFor(() => expect(screen.queryByRole('link')).not.toBeInTheDocument());
    // "Clear search" empties the box and brings the tree back
    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(
      await within(await screen.findByRole('navigation', { name: 'Company tree' })).findByRole('link', { name: 'Northwind Holding' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search companies' })).toHaveValue('');
  });

  it('counts the matches of a search, "Showing n of m" while more can be loaded', async () => {
    const match = (n: number) => ({
      __typename: 'CompanyEdge',
      node: { __typename: 'Company', id: `cmp_${n}`, name: `Branch ${n}`, parent: null },
    });
    const { user } = renderWithProviders(<CompanyTree selectedId={null} />, [
      rootsMock([HOLDING]),
      {
        request: { query: CompanyTreeSearchQuery, variables: { search: 'branch', first: TREE_SEARCH_PAGE } },
        result: { data: { companies: page([match(1), match(2)], 'cur_2', 57) } },
      },
    ]);
    await screen.findByRole('link', { name: 'Northwind Holding' });
    await user.type(screen.getByRole('searchbox', { name: 'Search companies' }), 'branch');
    expect(await screen.findByText('Showing 2 of 57 companies')).toBeInTheDocument();
  });

  it('says there are no companies yet when the tree is empty', async () => {
    renderWithProviders(<CompanyTree selectedId={null} />, [rootsMock([])]);
    expect(await screen.findByText('No companies yet.')).toHaveAttribute('role', 'status');
  });
});
