import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../kernel/node';

@ObjectType({ implements: Node, description: 'A signed-in session of an account (browser or bearer token).', simpleResolvers: true })
export class Session extends Node {
  @Field()
  createdAt: Date;

  @Field({ description: 'The last request, to the minute (activity is written at most once a minute).' })
  lastSeenAt: Date;

  @Field(() => String, { nullable: true })
  userAgent: string | null;

  @Field(() => String, { nullable: true, description: 'The client address the session was started from.' })
  clientAddress: string | null;

  @Field({ description: 'True for the session of this request.' })
  current: boolean;
}
