import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

export const VisibleCompaniesQuery = graphql(`
  query VisibleCompaniesQuery {
    companies(first: 1) {
      totalCount
      edges {
        node {
          id
          viewerCan {
            createTicket
          }
        }
      }
    }
  }
`);

/**
 * How many companies the viewer sees (none: no new tickets), and the one when there is only one,
 * with whether the viewer may raise tickets there (null when there are several: the dialog says which).
 */
export function useVisibleCompanies() {
  const { data, loading } = useQuery(VisibleCompaniesQuery);
  const connection = data?.companies;
  const only = connection?.totalCount === 1 ? connection.edges[0].node : null;
  return { loading, count: connection?.totalCount ?? 0, onlyId: only?.id ?? null, mayRaiseInOnly: only?.viewerCan.createTicket ?? null };
}
