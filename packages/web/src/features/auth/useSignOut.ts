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
  const [signOut] = useMutation(SignOutMutation);
  const forget = useForgetViewer();
  return async () => {
    await signOut().catch(() => undefined); // signed out locally even when the server is gone
    await forget();
  };
}

/** Once the session has ended on the server: off to sign-in, with `signedOut` saying how. */
export function useForgetViewer() {
  const client = useApolloClient();
  const navigate = useNavigate();
  return async (signedOut: '1' | 'everywhere' = '1') => {
    navigate(`/signin?signedOut=${signedOut}`, { replace: true });
    // drop everything read as this account without refetching it as nobody
    await client.clearStore();
    client.writeQuery({ query: ViewerQuery, data: { viewer: null } });
  };
}
