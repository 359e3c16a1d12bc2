import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../shared/payload';
import { Account } from '../account/account.type';
import { SecondFactorChallenge } from '../two-factor/two-factor.type';

@ObjectType({ simpleResolvers: true })
export class SignInPayload {
  @Field(() => String, { nullable: true, description: 'Bearer token for the Authorization header; shown once.' })
  token: string | null;

  @Field(() => Account, { nullable: true })
  account: Account | null;

  @Field(() => SecondFactorChallenge, {
    nullable: true,
    description: 'Set instead of token when the password was right and a second step is needed.',
  })
  secondFactor: SecondFactorChallenge | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
