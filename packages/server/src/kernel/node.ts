import { Field, ID, InterfaceType } from 'type-graphql';
import { typeOfId } from '../shared/ids';

/** ids carry their type (shared/ids.ts), so any row resolves to its GraphQL type. */
export const nodeTypeOf = (value: { id: string }) => typeOfId(value.id) ?? undefined;

@InterfaceType({
  description: 'An object with a global id, fetchable with `node(id)`.',
  resolveType: nodeTypeOf,
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}
