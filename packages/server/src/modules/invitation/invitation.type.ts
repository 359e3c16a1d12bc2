import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../kernel/node';
import { connectionOf } from '../../shared/pagination';
import { UserError } from '../../shared/payload';
import { Role } from '../membership/membership.entity';
import { InvitationStatus } from './invitation.entity';
import { RevokeInvitationOutcome } from './revoke-invitation-outcome';

registerEnumType(InvitationStatus, { name: 'InvitationStatus' });
registerEnumType(RevokeInvitationOutcome, {
  name: 'RevokeInvitationOutcome',
  description: 'What revokeInvitation did besides marking the invitation REVOKED.',
  valuesConfig: {
    WITHDRAWN: { description: 'A pending or expired invitation: withdrawn; its link no longer works.' },
    MEMBERSHIP_REMOVED: { description: 'An accepted invitation: the membership it created was removed too.' },
    NO_MEMBERSHIP: { description: 'An accepted invitation whose membership no longer exists: nothing else was removed.' },
    MEMBERSHIP_KEPT: {
      description:
        'An accepted invitation linked to no existing membership, while the invitee has a membership in the company this invitation did not create: that membership stays.',
    },
  },
});

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

  @Field(() => RevokeInvitationOutcome, {
    nullable: true,
    description: 'revokeInvitation only: what it did besides marking the invitation REVOKED (null from the other mutations).',
  })
  revokeOutcome?: RevokeInvitationOutcome | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
