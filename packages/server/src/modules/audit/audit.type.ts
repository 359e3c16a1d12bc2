import { Field, ID, ObjectType } from 'type-graphql';
import { connectionOf } from '../../shared/pagination';

@ObjectType({ description: 'One change of access, written in the same transaction as the change.', simpleResolvers: true })
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field({ description: 'What happened, e.g. membership.update or auth.sign_in_failed.' })
  action: string;

  @Field()
  targetType: string;

  @Field(() => ID, { nullable: true })
  targetId: string | null;

  @Field(() => String, { nullable: true })
  clientIp: string | null;
}

export const AuditEventConnection = connectionOf(AuditEvent, 'AuditEvent');
