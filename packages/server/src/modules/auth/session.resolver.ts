import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/request-context';
import { OkPayload } from '../../shared/payload';
import { AccountEntity } from '../account/account.entity';
import { Account } from '../account/account.type';
import { SessionService } from './session.service';
import { Session } from './session.type';

@Resolver(() => Account)
export class AccountSessionsResolver {
  constructor(private readonly sessionService: SessionService) {}

  @FieldResolver(() => [Session], { nullable: true, description: 'The account itself and staff ADMIN only; null for anyone else.' })
  sessions(@Ctx() ctx: RequestContext, @Root() account: AccountEntity) {
    return this.sessionService.liveOf(ctx, account.id);
  }
}

@Resolver()
export class SessionResolver {
  constructor(private readonly sessionService: SessionService) {}

  @Authorized()
  @Mutation(() => OkPayload, { description: "Ends one session: the viewer's own, or any account's for a staff ADMIN." })
  revokeSession(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.sessionService.revoke(ctx, id);
  }

  @Authorized()
  @Mutation(() => OkPayload, {
    description: 'Ends every session of the viewer (the current one too), or with accountId (staff ADMIN) of that account.',
  })
  signOutEverywhere(@Ctx() ctx: RequestContext, @Arg('accountId', () => ID, { nullable: true }) accountId: string | null) {
    return this.sessionService.endAll(ctx, accountId);
  }
}
