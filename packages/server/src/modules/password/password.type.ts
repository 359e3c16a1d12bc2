import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Always ok: the answer never tells whether the email belongs to an account.', simpleResolvers: true })
export class RequestPasswordResetPayload {
  @Field()
  ok: boolean;
}
