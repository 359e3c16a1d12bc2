import { Field, ObjectType } from 'type-graphql';
import { connectionOf } from '../../shared/pagination';

@ObjectType({ description: 'A sign-in or failed sign-in of an account with a membership in the company.', simpleResolvers: true })
export class SignInEvent {
  @Field()
  email: string;

  @Field(() => String, { nullable: true })
  clientAddress: string | null;

  @Field(() => String, { nullable: true })
  userAgent: string | null;

  @Field()
  succeeded: boolean;

  @Field()
  secondFactorUsed: boolean;
}

export const SignInEventConnection = connectionOf(SignInEvent, 'SignInEvent');
