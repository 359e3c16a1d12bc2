import { IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { SEARCH_MAX } from '../../shared/search';
import { IsName } from '../../shared/validation';

@InputType({ description: 'Fields left out keep their value (on create: their default).' })
export class CompanySettingsInput {
  @Field(() => Boolean, { nullable: true })
  portalEnabled?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  membersSeeCompanyTickets?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  subsidiaryTicketsVisible?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  shareTicketsWithFamily?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  twoFactorRequired?: boolean | null;
}

@InputType()
export class CreateCompanyInput {
  @Field()
  @IsName()
  name: string;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => CompanySettingsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  settings?: CompanySettingsInput | null;
}

@InputType()
export class UpdateCompanyInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  name?: string | null;

  @Field(() => CompanySettingsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  settings?: CompanySettingsInput | null;
}

@InputType()
export class CompanyFilter {
  @Field(() => String, { nullable: true, description: `Case-insensitive part of the name; trimmed, at most ${SEARCH_MAX} characters.` })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True: only companies whose parent is null or not seen by the viewer (the roots of the tree the viewer sees; for staff the roots). False: only the others.',
  })
  topLevel?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Leaves out this company and every company under it: what remains are the companies it may move under (moveCompany refuses the others with CYCLE).',
  })
  outsideSubtreeOf?: string | null;
}
