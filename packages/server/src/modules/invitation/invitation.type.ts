import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../kernel/node';
import { connectionOf } from '../../shared/pagination';
import { UserError } from '../../shared/payload';
import { Role } from '../membership/membership.entity';
import { InvitationStatus } from './invitation.entity';

registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

@ObjectType({ implements: Node, description: 'An emailed offer of a membership.', simpleResolvers: true })
export class Invitation extends Node {
  @Field()
  email: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field()
  language: string;

  @Field(() => Role)
  role: Role;

  @Field()
  expiresAt: Date;

  @Field()
  createdAt: Date;
}

export const InvitationConnection = connectionOf(Invitation, 'Invitation');

@ObjectType({ simpleResolvers: true })
export class InvitationPayload {
  @Field(() => Invitation, { nullable: true })
  invitation: Invitation | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
