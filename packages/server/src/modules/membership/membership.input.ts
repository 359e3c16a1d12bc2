import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Capability } from './capabilities';
import { Role } from './membership.entity';

@InputType()
export class AddMembershipInput {
  @Field(() => ID)
  accountId: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => Role)
  role: Role;

  @Field(() => [Capability], { nullable: true, description: "Left out: the role's defaults." })
  @IsOptional()
  @ArrayMaxSize(16)
  capabilities?: Capability[] | null;
}

@InputType()
export class UpdateMembershipInput {
  @Field(() => ID)
  id: string;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => [Capability], { nullable: true, description: 'Replaces the whole set when given; left out, the set stays as it is.' })
  @IsOptional()
  @ArrayMaxSize(16)
  capabilities?: Capability[] | null;
}
