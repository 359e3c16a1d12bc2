import { Field, ID, InputType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { IsEmailAddress, IsLanguage, IsName } from '../../shared/validation';
import { Role } from '../membership/membership.entity';

@InputType()
export class InviteMemberInput {
  @Field(() => ID)
  companyId: string;

  @Field()
  @IsEmailAddress()
  email: string;

  @Field()
  @IsName()
  firstName: string;

  @Field()
  @IsName()
  lastName: string;

  @Field({ description: 'Language of the email and of the account (en, de, sk, ...; unknown: English).' })
  @IsLanguage()
  language: string;

  @Field(() => Role)
  role: Role;
}

@InputType()
export class AcceptInvitationInput {
  @Field()
  @MaxLength(200, { message: '$property is not an invitation token' })
  token: string;

  @Field(() => String, { nullable: true, description: 'New person: the password to set (12+ characters). Existing account: its password.' })
  password?: string | null;
}
