import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AUDIT_ACTIONS_MAX } from './audit.service';

/** How the audit log is narrowed as people read it: actions, who, when (issue 17). */
@InputType()
export class AuditEventFilter {
  @Field(() => [String], { nullable: true, description: `Only these action codes (at most ${AUDIT_ACTIONS_MAX}), e.g. company.move.` })
  @IsOptional()
  @ArrayMaxSize(AUDIT_ACTIONS_MAX)
  actions?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only what this account did.' })
  actorId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only events at or after this time.' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only events before this time.' })
  until?: Date | null;
}
