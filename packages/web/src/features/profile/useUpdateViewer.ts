import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';

export const UpdateViewerMutation = graphql(`
  mutation UpdateViewerMutation($input: UpdateViewerInput!) {
    updateViewer(input: $input) {
      account {
        id
        firstName
        lastName
        language
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** Changes the signed-in account's names or language; the cached viewer follows. */
export function useUpdateViewer() {
  return useMutation(UpdateViewerMutation);
}
