import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../shared/payload';
import { Account } from '../account/account.type';

@ObjectType({ description: 'The second step of a sign-in: send a code with completeSignIn, or enrol first.', simpleResolvers: true })
export class SecondFactorChallenge {
  @Field()
  challenge: string;

  @Field({ description: 'True when a policy requires two-step sign-in and the account has not enrolled yet.' })
  enrollmentRequired: boolean;

  @Field()
  expiresAt: Date;
}

@ObjectType({ description: 'A new TOTP secret: add it to an authenticator app, then confirm with its first code.', simpleResolvers: true })
export class TwoFactorEnrollment {
  @Field({ description: 'Base32, for typing it in.' })
  secret: string;

  @Field({ description: 'otpauth://totp/… for a QR code.' })
  otpauthUri: string;
}

@ObjectType({ simpleResolvers: true })
export class TwoFactorEnrollmentPayload {
  @Field(() => TwoFactorEnrollment, { nullable: true })
  enrollment: TwoFactorEnrollment | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class TwoFactorConfirmationPayload {
  @Field(() => [String], { nullable: true, description: 'Ten single-use recovery codes, shown this once.' })
  recoveryCodes: string[] | null;

  @Field(() => String, { nullable: true, description: 'Set when the enrolment completed a sign-in (challenge given).' })
  token: string | null;

  @Field(() => Account, { nullable: true })
  account: Account | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
