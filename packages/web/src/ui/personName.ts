import { graphql } from '../gql';

/** An account as a list or detail names it: `requester { ...PersonNameFields }`. */
graphql(`
  fragment PersonNameFields on Account {
    id
    firstName
    lastName
  }
`);

/** "First Last", as every screen writes a person's name. */
export const personName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;
