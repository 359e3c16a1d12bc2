import { useApolloClient, useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';

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
    await client.clearStore();
    await client.refetchQueries({ include: 'active' });
    navigate('/signin?signedOut=1', { replace: true });
  };
}
