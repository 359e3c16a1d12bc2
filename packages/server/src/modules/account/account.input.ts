import { IsEnum, IsOptional } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { SEARCH_MAX } from '../../shared/search';
import { IsEmailAddress, IsLanguage, IsName } from '../../shared/validation';
import { Role } from '../membership/membership.entity';
import { NotificationLevel, StaffRole } from './account.entity';

@InputType()
export class CreateAccountInput {
  @Field()
  @IsEmailAddress()
  email: string;

  @Field()
  @IsName()
  firstName: string;

  @Field()
  @IsName()
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Default: en.' })
  @IsOptional()
  @IsLanguage()
  language?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'At least 12 characters. Left out (recommended): the account starts without a password and is mailed, in its language, a single-use link to choose one, valid for 7 days.',
  })
  password?: string | null;

  @Field(() => StaffRole, { nullable: true, description: 'Set for provider staff; leave out for a customer contact.' })
  staffRole?: StaffRole | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A customer contact only: the company it joins at once (a membership, as addMembership).',
  })
  companyId?: string | null;

  @Field(() => Role, {
    nullable: true,
    description: "With companyId: the role there, with the role's default capabilities. Default: MEMBER.",
  })
  @IsOptional()
  @IsEnum(Role)
  role?: Role | null;
}

@InputType({ description: 'Changes to the signed-in account; fields left out (or null) keep their value. At least one is required.' })
export class UpdateViewerInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Preferred language (BCP 47), e.g. en, de-AT, sk.' })
  @IsOptional()
  @IsLanguage()
  language?: string | null;

  @Field(() => NotificationLevel, { nullable: true, description: 'Which ticket emails the account gets (also: setNotificationLevel).' })
  @IsOptional()
  @IsEnum(NotificationLevel)
  notificationLevel?: NotificationLevel | null;
}

export enum AccountKind {
  STAFF = 'STAFF',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(AccountKind, { name: 'AccountKind', description: 'Provider staff (staffRole set) or customer contact.' });

@InputType()
export class AccountFilter {
  @Field(() => String, {
    nullable: true,
    description: `Case-insensitive part of the email, first name, last name or "first last"; trimmed, at most ${SEARCH_MAX} characters.`,
  })
  search?: string | null;

  @Field(() => AccountKind, { nullable: true, description: 'Only staff or only customer accounts.' })
  kind?: AccountKind | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'False: leave out disabled accounts. Default: true.' })
  includeDisabled?: boolean | null;
}
