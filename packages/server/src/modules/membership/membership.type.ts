import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../kernel/node';
import { connectionOf } from '../../shared/pagination';
import { UserError } from '../../shared/payload';
import { Capability } from './capabilities';
import { Role } from './membership.entity';

registerEnumType(Role, { name: 'Role', description: "A customer account's role in one company." });
registerEnumType(Capability, { name: 'Capability', description: 'What a membership may use in the portal.' });

@ObjectType({
  implements: Node,
  description: 'Ties a customer account to one company with a role and capabilities.',
  simpleResolvers: true,
})
export class Membership extends Node {
  @Field(() => Role)
  role: Role;
}

export const MembershipConnection = connectionOf(Membership, 'Membership');

@ObjectType({ simpleResolvers: true })
export class MembershipPayload {
  @Field(() => Membership, { nullable: true })
  membership: Membership | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class DeletePayload {
  @Field(() => ID, { nullable: true, description: 'Id of the removed object.' })
  deletedId: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
