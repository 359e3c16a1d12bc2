import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

export const VisibleCompaniesQuery = graphql(`
  query VisibleCompaniesQuery {
    companies(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** Companies the viewer sees (filters, new tickets). */
export function useVisibleCompanies() {
  const { data, loading } = useQuery(VisibleCompaniesQuery);
  return { loading, companies: (data?.companies.edges ?? []).map((e) => e.node) };
}
