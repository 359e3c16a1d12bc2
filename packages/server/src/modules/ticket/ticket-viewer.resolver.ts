import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/request-context';
import { Reads } from '../../kernel/selection';
import { AccessService, GRANT_READS } from '../access/access.service';
import { AccessReason } from '../access/access.type';
import { TicketEntity } from './ticket.entity';
import { TicketPermissions } from './ticket-permissions.type';
import { ticketPermissions } from './ticket.policy';
import { Ticket } from './ticket.type';

/** The viewer's relation to a ticket: why it sees it, and what it may change. */
@Resolver(() => Ticket)
export class TicketViewerResolver {
  constructor(private readonly access: AccessService) {}

  @Reads(...GRANT_READS)
  @FieldResolver(() => [AccessReason], {
    description: 'Why the viewer sees this ticket (each reason once); empty for staff, who see every ticket.',
  })
  async viewerAccess(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return [...new Set((await this.access.viewerGrantsOnBatched(ctx, ticket)).map((g) => g.reason))];
  }

  @Reads('id', ...GRANT_READS)
  @FieldResolver(() => TicketPermissions, { description: 'What the viewer may change; clients hide the rest.' })
  async viewerCan(@Ctx() ctx: RequestContext, @Root() ticket: TicketEntity) {
    return ticketPermissions(ctx, ticket.id, await this.access.viewerGrantsOnBatched(ctx, ticket));
  }
}
