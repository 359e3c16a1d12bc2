import { ArrayMaxSize, ArrayMinSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsName } from '../../shared/validation';
import { ApiTokenScope } from './api-token.entity';

@InputType()
export class CreateApiTokenInput {
  @Field({ description: 'What the token is for, e.g. "Monitoring".' })
  @IsName()
  name: string;

  @Field(() => [ApiTokenScope])
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @ArrayMaxSize(16)
  scopes: ApiTokenScope[];

  @Field(() => Date, { nullable: true, description: 'Left out: the token does not expire.' })
  @IsOptional()
  expiresAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Restricts the token to this company and its descendants.' })
  @IsOptional()
  companyId?: string | null;
}
