import { useQuery } from '@apollo/client/react';
import { NavLink } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { ListSummary } from '../../ui/ListSummary';
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

/** The companies whose name matches, flat and by name, each with its parent to tell them apart; how many, and a way back to the tree. */
export function CompanyTreeSearch({ search, selectedId, onClear }: { search: string; selectedId: string | null; onClear: () => void }) {
  const { t } = useI18n();
  const query = useQuery(CompanyTreeSearchQuery, {
    variables: { search, first: TREE_SEARCH_PAGE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = query.data?.companies;
  const edges = connection?.edges ?? [];
  return (
    <>
      <ListSummary shown={edges.length} total={connection?.totalCount} count={(count) => t('staff.companyCount', { count })} />
      <QueryState
        query={query}
        empty={edges.length === 0}
        filters={{ active: true, noMatchText: t('staff.searchNoMatch', { search }), onClear, clearLabel: t('list.clearSearch') }}
      >
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
    </>
  );
}
