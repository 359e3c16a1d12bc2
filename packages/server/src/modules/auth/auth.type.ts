import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../shared/payload';
import { Account } from '../account/account.type';

@ObjectType({ simpleResolvers: true })
export class SignInPayload {
  @Field(() => String, { nullable: true, description: 'Bearer token for the Authorization header; shown once.' })
  token: string | null;

  @Field(() => Account, { nullable: true })
  account: Account | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
