import { Field, ID, InterfaceType } from 'type-graphql';
import { typeOfId } from '../shared/ids';

@InterfaceType({
  description: 'An object with a global id, fetchable with `node(id)`.',
  // ids carry their type (shared/ids.ts), so any row resolves to its GraphQL type
  resolveType: (value: { id: string }) => typeOfId(value.id) ?? undefined,
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}
