import { IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsEmailAddress, IsLanguage, IsName } from '../../shared/validation';
import { StaffRole } from './account.entity';

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

  @Field({ description: 'At least 12 characters.' })
  password: string;

  @Field(() => StaffRole, { nullable: true, description: 'Set for provider staff; leave out for a customer contact.' })
  staffRole?: StaffRole | null;
}
