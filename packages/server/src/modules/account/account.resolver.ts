import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import type { RequestContext } from '../../graphql/context';
import { Membership } from '../membership/membership.type';
import { MembershipService } from '../membership/membership.service';
import { AccountEntity } from './account.entity';
import { CreateAccountInput } from './account.input';
import { AccountService } from './account.service';
import { Account, AccountPayload } from './account.type';

@Resolver(() => Account)
export class AccountResolver {
  constructor(
    private readonly accountService: AccountService,
    private readonly membershipService: MembershipService,
  ) {}

  @Authorized(ApiTokenScope.MEMBERS_READ)
  @FieldResolver(() => [Membership], { description: 'Memberships in companies the viewer sees.' })
  memberships(@Ctx() ctx: RequestContext, @Root() account: AccountEntity) {
    return this.membershipService.visibleOfAccount(ctx, account.id);
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => AccountPayload, { description: 'Staff ADMIN: creates an account directly (no invitation).' })
  createAccount(@Ctx() ctx: RequestContext, @Arg('input') input: CreateAccountInput) {
    return this.accountService.create(ctx, input);
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => AccountPayload, { description: 'Staff ADMIN: disabling ends the account’s sessions at once.' })
  setAccountDisabled(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('disabled') disabled: boolean) {
    return this.accountService.setDisabled(ctx, id, disabled);
  }
}
