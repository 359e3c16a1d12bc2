import { useApolloClient, useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { ViewerQuery } from './useViewer';

const SignOutMutation = graphql(`
  mutation SignOutMutation {
    signOut
  }
`);

export function useSignOut() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [signOut] = useMutation(SignOutMutation);
  return async () => {
    await signOut().catch(() => undefined); // signed out locally even when the server is gone
    navigate('/signin?signedOut=1', { replace: true });
    // drop everything read as this account without refetching it as nobody
    await client.clearStore();
    client.writeQuery({ query: ViewerQuery, data: { viewer: null } });
  };
}
