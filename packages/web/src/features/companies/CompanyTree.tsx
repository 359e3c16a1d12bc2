import { useQuery } from '@apollo/client/react';
import { Stack } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { QueryState } from '../../ui/QueryState';
import { SearchInput } from '../../ui/SearchInput';
import { CompanyTreeNode } from './CompanyTreeNode';
import { CompanyTreeSearch } from './CompanyTreeSearch';

export const CompanyTreeQuery = graphql(`
  query CompanyTreeQuery($first: Int!, $after: String) {
    companies(first: $first, after: $after, filter: { topLevel: true }) {
      totalCount
      pageInfo {
        ...LoadMoreButtonFields
      }
      edges {
        node {
          ...CompanyTreeNodeFields
        }
      }
    }
  }
`);

export const CompanyTreePathQuery = graphql(`
  query CompanyTreePathQuery($id: ID!) {
    company(id: $id) {
      id
      path {
        id
      }
    }
  }
`);

export const TREE_PAGE = 50;

/**
 * The company forest, loaded as it is opened: the top-level companies page by page, each company's
 * subsidiaries when it is expanded. Searching asks the server and lists the matches flat, each with
 * its parent.
 */
export function CompanyTree({ selectedId }: { selectedId: string | null }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  // the selected company's ancestors expand themselves (a deep link, a new subsidiary)
  const path = useQuery(CompanyTreePathQuery, { variables: { id: selectedId ?? '' }, skip: !selectedId });
  const openIds = useMemo(() => (path.data?.company?.path ?? []).map((c) => c.id), [path.data]);
  const roots = useQuery(CompanyTreeQuery, { variables: { first: TREE_PAGE }, notifyOnNetworkStatusChange: true, skip: !!search });
  const connection = roots.data?.companies;
  const edges = connection?.edges ?? [];

  return (
    <Stack gap="xs">
      <SearchInput label={t('staff.search')} value={search} onSearch={setSearch} />
      {search ? (
        <CompanyTreeSearch search={search} selectedId={selectedId} onClear={() => setSearch('')} />
      ) : (
        <QueryState query={roots} empty={edges.length === 0} emptyText={t('staff.noCompanies')}>
          <nav aria-label={t('staff.tree')}>
            {edges.map(({ node }) => (
              <CompanyTreeNode key={node.id} company={node} depth={0} selectedId={selectedId} openIds={openIds} />
            ))}
          </nav>
          <LoadMoreButton
            pageInfo={connection?.pageInfo}
            loading={roots.loading}
            onLoad={(after) => void roots.fetchMore({ variables: { after } })}
          />
        </QueryState>
      )}
    </Stack>
  );
}
