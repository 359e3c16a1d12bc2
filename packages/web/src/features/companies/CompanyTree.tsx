import { useQuery } from '@apollo/client/react';
import { ActionIcon, Box, Group, NavLink, Stack, TextInput } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { QueryState } from '../../ui/QueryState';

export const CompanyTreeQuery = graphql(`
  query CompanyTreeQuery {
    companies(first: 100) {
      totalCount
      edges {
        node {
          id
          name
          parent {
            id
          }
          settings {
            portalEnabled
          }
        }
      }
    }
  }
`);

interface TreeNode {
  id: string;
  name: string;
  children: TreeNode[];
}

export function useCompanyForest() {
  const query = useQuery(CompanyTreeQuery);
  const forest = useMemo(() => {
    const nodes = new Map<string, TreeNode>();
    const edges = query.data?.companies.edges ?? [];
    for (const { node } of edges) nodes.set(node.id, { id: node.id, name: node.name, children: [] });
    const roots: TreeNode[] = [];
    for (const { node } of edges) {
      const parent = node.parent ? nodes.get(node.parent.id) : undefined;
      (parent ? parent.children : roots).push(nodes.get(node.id)!);
    }
    return { roots, all: [...nodes.values()] };
  }, [query.data]);
  return { ...query, ...forest };
}

/** The company forest: expand/collapse, and search (matches stay visible with their ancestors). */
export function CompanyTree({ selectedId }: { selectedId: string | null }) {
  const { t } = useI18n();
  const forest = useCompanyForest();
  const { roots } = forest;
  const [search, setSearch] = useState('');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const needle = search.trim().toLowerCase();

  const matches = (n: TreeNode): boolean => !needle || n.name.toLowerCase().includes(needle) || n.children.some(matches);
  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // the toggle sits beside the link, not inside it: one control per focus stop
  const render = (n: TreeNode, depth: number): ReactNode => {
    if (!matches(n)) return null;
    const open = needle ? true : !collapsed.has(n.id);
    return (
      <Box key={n.id}>
        <Group gap={4} wrap="nowrap" pl={depth * 16}>
          {n.children.length > 0 ? (
            <ActionIcon
              size="sm"
              variant="subtle"
              aria-label={t(open ? 'staff.collapse' : 'staff.expand', { name: n.name })}
              aria-expanded={open}
              onClick={() => toggle(n.id)}
            >
              {open ? '▾' : '▸'}
            </ActionIcon>
          ) : (
            <Box w={22} />
          )}
          <NavLink component={Link} to={`/staff/companies/${n.id}`} label={n.name} active={n.id === selectedId} />
        </Group>
        {open && n.children.map((c) => render(c, depth + 1))}
      </Box>
    );
  };

  return (
    <Stack gap="xs">
      <TextInput label={t('staff.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} type="search" />
      <QueryState query={forest} empty={roots.length === 0}>
        <nav aria-label={t('staff.tree')}>{roots.map((r) => render(r, 0))}</nav>
      </QueryState>
    </Stack>
  );
}
