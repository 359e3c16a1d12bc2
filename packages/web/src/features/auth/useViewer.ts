import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

export const ViewerQuery = graphql(`
  query ViewerQuery {
    viewer {
      id
      email
      firstName
      lastName
      language
      staffRole
      memberships {
        ...MembershipRoleFields
        company {
          ...PeoplePageCompanyFields
        }
      }
    }
  }
`);

/** The signed-in account (null when signed out); Apollo's cache is the one copy. */
export function useViewer() {
  const { data, loading, error, refetch } = useQuery(ViewerQuery, { fetchPolicy: 'cache-first' });
  return { viewer: data?.viewer ?? null, loading: loading && !data, error, refetch };
}

export type Viewer = NonNullable<ReturnType<typeof useViewer>['viewer']>;
