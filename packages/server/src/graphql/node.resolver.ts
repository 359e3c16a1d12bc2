import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { typeOfId } from '../shared/ids';
import type { RequestContext } from './context';
import { Node } from './node';

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true, description: 'Any object by global id; null when it does not exist or the viewer does not see it.' })
  node(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    // the id names its type; each loader applies that type's visibility scope
    switch (typeOfId(id)) {
      case 'Company':
        return ctx.loaders.company.load(id);
      case 'Account':
        return ctx.loaders.account.load(id);
      case 'Ticket':
        return ctx.loaders.ticket.load(id);
      case 'Membership':
        return ctx.loaders.membership.load(id);
      case 'Invitation':
        return ctx.loaders.invitation.load(id);
      default:
        return null;
    }
  }
}
