import { SEARCH_MAX } from '../../shared/search';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Node } from '../../kernel/node';
import { connectionOf } from '../../shared/pagination';
import { UserError } from '../../shared/payload';
import { TicketStatus } from './ticket.entity';

/** The most ids `TicketFilter.ids` takes. */
export const TICKET_IDS_MAX = 100;

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

  @Field(() => Date, {
    nullable: true,
    description:
      'Only tickets changed at or after this time (`updatedAt >= updatedSince`): with `orderBy: UPDATED_AT_ASC`, an incremental sync.',
  })
  updatedSince?: Date | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Only these tickets (at most ${TICKET_IDS_MAX}): the ones the viewer does not see, or that do not exist, are simply absent.`,
  })
  @IsOptional()
  @ArrayMaxSize(TICKET_IDS_MAX)
  ids?: string[] | null;
}

/** The orders of `tickets`: UPDATED_AT_ASC for incremental sync (docs/decisions.md "Issue 15: incremental sync"), the others for people's lists. */
export enum TicketOrder {
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  UPDATED_AT_ASC = 'UPDATED_AT_ASC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
}

registerEnumType(TicketOrder, {
  name: 'TicketOrder',
  valuesConfig: {
    CREATED_AT_DESC: { description: 'Newest first: createdAt, then id, descending.' },
    CREATED_AT_ASC: { description: 'Oldest first: createdAt, then id, ascending.' },
    UPDATED_AT_DESC: {
      description:
        'Most recently changed first: updatedAt, then id, descending (a list for people; integrations sync with UPDATED_AT_ASC).',
    },
    UPDATED_AT_ASC: {
      description:
        'Oldest change first: updatedAt, then id, ascending; for incremental sync. Changes younger than a few seconds (SYNC_SETTLE_MS) are listed on a later page, once no earlier change can still be committing.',
    },
  },
});
