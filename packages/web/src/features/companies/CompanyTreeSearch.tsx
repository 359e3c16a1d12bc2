import { useQuery } from '@apollo/client/react';
import { NavLink } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { QueryState } from '../../ui/QueryState';

export const CompanyTreeSearchQuery = graphql(`
  query CompanyTreeSearchQuery($search: String!, $first: Int!, $after: String) {
    companies(first: $first, after: $after, filter: { search: $search }) {
      totalCount
      pageInfo {
        ...LoadMoreButtonFields
      }
      edges {
        node {
          id
          name
          parent {
            id
            name
          }
        }
      }
    }
  }
`);

export const TREE_SEARCH_PAGE = 25;

/** The companies whose name matches, flat and by name, each with its parent to tell them apart. */
export function CompanyTreeSearch({ search, selectedId }: { search: string; selectedId: string | null }) {
  const { t } = useI18n();
  const query = useQuery(CompanyTreeSearchQuery, {
    variables: { search, first: TREE_SEARCH_PAGE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = query.data?.companies;
  const edges = connection?.edges ?? [];
  return (
    <QueryState query={query} empty={edges.length === 0} emptyText={t('staff.searchNoMatch', { search })}>
      <nav aria-label={t('staff.searchResults', { search })}>
        {edges.map(({ node }) => (
          <NavLink
            key={node.id}
            component={Link}
            to={`/staff/companies/${node.id}`}
            label={node.name}
            description={node.parent ? t('staff.underParent', { name: node.parent.name }) : t('staff.topLevel')}
            active={node.id === selectedId}
          />
        ))}
      </nav>
      <LoadMoreButton
        pageInfo={connection?.pageInfo}
        loading={query.loading}
        onLoad={(after) => void query.fetchMore({ variables: { after } })}
      />
    </QueryState>
  );
}
