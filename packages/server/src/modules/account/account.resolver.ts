import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import type { RequestContext } from '../../kernel/request-context';
import { ConnectionArgs } from '../../kernel/connection-args';
import { connectionComplexity } from '../../kernel/complexity';
import { Membership } from '../membership/membership.type';
import { MembershipService } from '../membership/membership.service';
import { AccountEntity } from './account.entity';
import { AccountFilter, CreateAccountInput, UpdateViewerInput } from './account.input';
import { AccountService } from './account.service';
import { Account, AccountConnection, AccountPayload } from './account.type';

@Resolver(() => Account)
export class AccountResolver {
  constructor(
    private readonly accountService: AccountService,
    private readonly membershipService: MembershipService,
  ) {}

  // the same scope as node(id) of an account: people are read with MEMBERS_READ
  @Authorized(ApiTokenScope.MEMBERS_READ)
  @Query(() => AccountConnection, {
    description:
      'Staff: every account. Customers: themselves, members of companies they see, people on tickets they see (access-model.md). By last name, first name, then id.',
    complexity: connectionComplexity,
  })
  accounts(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => AccountFilter, { nullable: true }) filter: AccountFilter | null,
  ) {
    return this.accountService.list(ctx, { ...args, filter });
  }

  @Authorized(ApiTokenScope.MEMBERS_READ)
  @FieldResolver(() => [Membership], { description: 'Memberships in companies the viewer sees.' })
  memberships(@Ctx() ctx: RequestContext, @Root() account: AccountEntity) {
    return this.membershipService.visibleOfAccount(ctx, account.id);
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => AccountPayload, {
    description:
      'Staff ADMIN: creates an account directly (no invitation), for a customer optionally with a membership; without a password the person is mailed a set-password link (7 days).',
  })
  createAccount(@Ctx() ctx: RequestContext, @Arg('input') input: CreateAccountInput) {
    return this.accountService.create(ctx, input);
  }

  @Authorized()
  @Mutation(() => AccountPayload, {
    description: 'The signed-in account changes its own names and language (needs a session, not an API token).',
  })
  updateViewer(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateViewerInput) {
    return this.accountService.updateViewer(ctx, input);
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => AccountPayload, { description: 'Staff ADMIN: disabling ends the account’s sessions at once.' })
  setAccountDisabled(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('disabled') disabled: boolean) {
    return this.accountService.setDisabled(ctx, id, disabled);
  }
}
