import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import type { RequestContext } from '../../kernel/request-context';
import { Account } from '../account/account.type';
import { Company } from '../company/company.type';
import { AccessService } from './access.service';
import { AccessGrant, CompanyAccess, Grant, TicketAccess } from './access.type';

@Resolver()
export class AccessResolver {
  constructor(private readonly accessService: AccessService) {}

  @Authorized(ApiTokenScope.TICKETS_READ, ApiTokenScope.MEMBERS_READ)
  @Query(() => [TicketAccess], { description: 'Staff: every customer account that sees the ticket, and why.' })
  ticketAudience(@Ctx() ctx: RequestContext, @Arg('ticketId', () => ID) ticketId: string) {
    return this.accessService.ticketAudience(ctx, ticketId);
  }

  @Authorized(ApiTokenScope.MEMBERS_READ)
  @Query(() => [CompanyAccess], {
    description: 'Staff or the account itself: every company whose tickets the account sees as a whole, and why.',
  })
  accountVisibility(@Ctx() ctx: RequestContext, @Arg('accountId', () => ID) accountId: string) {
    return this.accessService.accountVisibility(ctx, accountId);
  }
}

@Resolver(() => AccessGrant)
export class AccessGrantResolver {
  @FieldResolver(() => Company, { description: 'The company whose membership grants this.' })
  via(@Ctx() ctx: RequestContext, @Root() grant: Grant) {
    return ctx.loaders.company.load(grant.viaCompanyId);
  }
}

@Resolver(() => TicketAccess)
export class TicketAccessResolver {
  @FieldResolver(() => Account)
  account(@Ctx() ctx: RequestContext, @Root() access: { accountId: string }) {
    return ctx.loaders.account.load(access.accountId);
  }
}

@Resolver(() => CompanyAccess)
export class CompanyAccessResolver {
  @FieldResolver(() => Company)
  company(@Ctx() ctx: RequestContext, @Root() access: { companyId: string }) {
    return ctx.loaders.company.load(access.companyId);
  }
}
