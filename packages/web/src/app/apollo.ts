import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/** One client per page: same-origin /graphql with the session cookie that signIn sets. */
export function createApolloClient(uri = '/graphql') {
  return new ApolloClient({
    link: new HttpLink({ uri, credentials: 'same-origin' }),
    cache: createCache(),
  });
}

/** The cache's policies, shared with the component tests so they merge what the app merges. */
export function createCache() {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // one list per filter and order: a sorted list is not the pages of another
          tickets: relayStylePagination(['filter', 'orderBy']),
          // `first` is part of the key: a picker's 20 and the tree's pages of the same filter stay apart
          companies: relayStylePagination(['first', 'filter']),
          accounts: relayStylePagination(['first', 'filter']),
          mailDeliveries: relayStylePagination(['filter']),
        },
      },
      // a ticket's conversation is one list, oldest first: later pages and a reply's fetch append to it
      Ticket: { fields: { comments: relayStylePagination() } },
      // "Load more" appends the older page of the sign-in log, members and invitations
      Company: {
        fields: {
          signInEvents: relayStylePagination(),
          memberships: relayStylePagination(['first']),
          invitations: relayStylePagination(['status']),
        },
      },
      CompanyPermissions: { merge: true },
      TicketPermissions: { merge: true },
      CompanySettings: { merge: true },
    },
  });
}
