import { Field, ObjectType } from 'type-graphql';
import { Role } from '../membership/membership.entity';
import { InvitationStatus } from './invitation.entity';

/** What the accept page shows to whoever holds the emailed link; no ids, nothing beyond the invitation itself. */
@ObjectType({
  description: 'What an invitation link offers, for the accept page. Public: the token is the credential.',
  simpleResolvers: true,
})
export class InvitationPreview {
  @Field()
  companyName: string;

  @Field(() => Role)
  role: Role;

  @Field(() => String, { nullable: true, description: 'Who sent it; null when that account is gone.' })
  inviterName: string | null;

  @Field()
  email: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field({ description: 'Language chosen by the inviter (BCP 47).' })
  language: string;

  @Field(() => InvitationStatus, { description: 'PENDING or EXPIRED: used, revoked and replaced links have no preview.' })
  status: InvitationStatus;

  @Field()
  expiresAt: Date;

  @Field({ description: 'An account with this email exists: accepting asks for its password instead of a new one.' })
  existingAccount: boolean;
}
