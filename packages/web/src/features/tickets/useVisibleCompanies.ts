import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

export const VisibleCompaniesQuery = graphql(`
  query VisibleCompaniesQuery {
    companies(first: 1) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

/** How many companies the viewer sees (none: no new tickets), and the one when there is only one. */
export function useVisibleCompanies() {
  const { data, loading } = useQuery(VisibleCompaniesQuery);
  const connection = data?.companies;
  return { loading, count: connection?.totalCount ?? 0, onlyId: connection?.totalCount === 1 ? connection.edges[0].node.id : null };
}
