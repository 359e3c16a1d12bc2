import { SEARCH_MAX } from '../../shared/search';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Node } from '../../kernel/node';
import { connectionOf } from '../../shared/pagination';
import { UserError } from '../../shared/payload';
import { TicketStatus } from './ticket.entity';

registerEnumType(TicketStatus, { name: 'TicketStatus' });

// plain properties of the loaded row: graphql-js reads them itself (src/graphql/deadline.ts, "simple fields")
@ObjectType({ implements: Node, description: 'A service request of one company.', simpleResolvers: true })
export class Ticket extends Node {
  @Field(() => Int, {
    description:
      'A per-installation number people can say ("#1042"): unique and never reused, but not contiguous (numbers can be skipped).',
  })
  number: number;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => TicketStatus)
  status: TicketStatus;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

export const TicketConnection = connectionOf(Ticket, 'Ticket');

@ObjectType({ simpleResolvers: true })
export class TicketPayload {
  @Field(() => Ticket, { nullable: true })
  ticket: Ticket | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@InputType()
export class TicketFilter {
  @Field(() => [ID], { nullable: true, description: 'Only tickets of these companies (at most 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  companyIds?: string[] | null;

  @Field(() => [TicketStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  statuses?: TicketStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description: `Case-insensitive part of the title, a ticket's id, or its number (\`1042\` or \`#1042\`); trimmed, at most ${SEARCH_MAX} characters.`,
  })
  search?: string | null;
}
