import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsName } from '../../shared/validation';
import { TicketStatus } from './ticket.entity';

export const DESCRIPTION_MAX = 20_000;

@InputType()
export class CreateTicketInput {
  @Field(() => ID)
  companyId: string;

  @Field()
  @IsName()
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(DESCRIPTION_MAX, { message: `$property must be at most ${DESCRIPTION_MAX} characters` })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'Staff only: the account the ticket is raised for (default: the viewer).' })
  requesterId?: string | null;
}

@InputType()
export class UpdateTicketInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  title?: string | null;

  @Field(() => TicketStatus, { nullable: true })
  status?: TicketStatus | null;

  @Field(() => ID, { nullable: true, description: 'An explicit null unassigns.' })
  assigneeId?: string | null;
}
