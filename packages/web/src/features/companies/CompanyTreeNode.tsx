import { useQuery } from '@apollo/client/react';
import { ActionIcon, Box, Group, NavLink } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { CompanyTreeNodeFieldsFragment } from '../../gql/graphql';
import { QueryState } from '../../ui/QueryState';

graphql(`
  fragment CompanyTreeNodeFields on Company {
    id
    name
    children {
      id
    }
  }
`);

export const CompanyTreeChildrenQuery = graphql(`
  query CompanyTreeChildrenQuery($id: ID!) {
    company(id: $id) {
      id
      children {
        ...CompanyTreeNodeFields
      }
    }
  }
`);

/**
 * One company of the tree; its subsidiaries load when it is first expanded. A company on the path
 * to the selected one (`openIds`) expands itself, also when the selection changes later.
 */
export function CompanyTreeNode({
  company,
  depth,
  selectedId,
  openIds,
}: {
  company: CompanyTreeNodeFieldsFragment;
  depth: number;
  selectedId: string | null;
  openIds: readonly string[];
}) {
  const { t } = useI18n();
  const onPath = openIds.includes(company.id);
  const [open, setOpen] = useState(onPath);
  const [wasOnPath, setWasOnPath] = useState(onPath);
  if (onPath !== wasOnPath) {
    setWasOnPath(onPath);
    if (onPath) setOpen(true);
  }

  // the toggle sits beside the link, not inside it: one control per focus stop
  return (
    <Box>
      <Group gap={4} wrap="nowrap" pl={depth * 16}>
        {company.children.length > 0 ? (
          <ActionIcon
            size="sm"
            variant="subtle"
            aria-label={t(open ? 'staff.collapse' : 'staff.expand', { name: company.name })}
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▸'}
          </ActionIcon>
        ) : (
          <Box w={22} />
        )}
        <NavLink component={Link} to={`/staff/companies/${company.id}`} label={company.name} active={company.id === selectedId} />
      </Group>
      {open && <Subsidiaries id={company.id} depth={depth + 1} selectedId={selectedId} openIds={openIds} />}
    </Box>
  );
}

/** Mounted only while expanded, so refreshing the tree after a change reloads only what is open. */
function Subsidiaries({
  id,
  depth,
  selectedId,
  openIds,
}: {
  id: string;
  depth: number;
  selectedId: string | null;
  openIds: readonly string[];
}) {
  const children = useQuery(CompanyTreeChildrenQuery, { variables: { id } });
  return (
    <QueryState query={children}>
      {(children.data?.company?.children ?? []).map((child) => (
        <CompanyTreeNode key={child.id} company={child} depth={depth} selectedId={selectedId} openIds={openIds} />
      ))}
    </QueryState>
  );
}
