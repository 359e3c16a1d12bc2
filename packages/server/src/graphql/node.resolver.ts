import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { typeOfId } from '../shared/ids';
import type { RequestContext } from '../kernel/request-context';
import { Node } from '../kernel/node';
import { ApiTokenScope } from '../modules/api-token/api-token.entity';
import { hasScope } from '../modules/api-token/api-token.policy';

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true, description: 'Any object by global id; null when it does not exist or the viewer does not see it.' })
  node(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    // the id names its type; each loader applies that type's visibility scope, and an API token
    // reads a type only with the matching read scope (otherwise: null, as for anything unseen)
    switch (typeOfId(id)) {
      case 'Company':
        return hasScope(ctx, ApiTokenScope.COMPANIES_READ) ? ctx.loaders.company.load(id) : null;
      case 'Account':
        return hasScope(ctx, ApiTokenScope.MEMBERS_READ) ? ctx.loaders.account.load(id) : null;
      case 'Ticket':
        return hasScope(ctx, ApiTokenScope.TICKETS_READ) ? ctx.loaders.ticket.load(id) : null;
      case 'Membership':
        return hasScope(ctx, ApiTokenScope.MEMBERS_READ) ? ctx.loaders.membership.load(id) : null;
      case 'Invitation':
        return hasScope(ctx, ApiTokenScope.MEMBERS_READ) ? ctx.loaders.invitation.load(id) : null;
      case 'TicketComment':
        return hasScope(ctx, ApiTokenScope.TICKETS_READ) ? ctx.loaders.comment.load(id) : null;
      case 'Webhook':
        return hasScope(ctx, ApiTokenScope.WEBHOOKS) ? ctx.loaders.webhook.load(id) : null;
      default:
        return null;
    }
  }
}
