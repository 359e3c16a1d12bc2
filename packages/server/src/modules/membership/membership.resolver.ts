import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import type { RequestContext } from '../../kernel/request-context';
import { Account } from '../account/account.type';
import { Company } from '../company/company.type';
import { Capability, fromBits } from './capabilities';
import { MembershipEntity } from './membership.entity';
import { AddMembershipInput, UpdateMembershipInput } from './membership.input';
import { MembershipService } from './membership.service';
import { DeletePayload, Membership, MembershipPayload } from './membership.type';

@Resolver(() => Membership)
export class MembershipResolver {
  constructor(private readonly membershipService: MembershipService) {}

  @FieldResolver(() => Account)
  account(@Ctx() ctx: RequestContext, @Root() membership: MembershipEntity) {
    // a Membership reaches this type only through a scope (companies the viewer sees) or a change the
    // viewer just made, and access-model.md makes the member of a company the viewer sees a seen
    // account: loaded by primary key, without the account scope's four EXISTS per batch (issue 16, C2/C4)
    return ctx.loaders.accountOfVisibleTicket.get(membership.accountId);
  }

  @FieldResolver(() => Company)
  company(@Ctx() ctx: RequestContext, @Root() membership: MembershipEntity) {
    return ctx.loaders.company.load(membership.companyId);
  }

  @FieldResolver(() => [Capability])
  capabilities(@Root() membership: MembershipEntity): Capability[] {
    return fromBits(membership.capabilities);
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => MembershipPayload, {
    description: "Staff ADMIN: adds an existing customer account to a company (default capabilities: the role's).",
  })
  addMembership(@Ctx() ctx: RequestContext, @Arg('input') input: AddMembershipInput) {
    return this.membershipService.add(ctx, input);
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => MembershipPayload, { description: 'Staff ADMIN or ADMINISTRATOR of the company; keeps at least one administrator.' })
  updateMembership(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateMembershipInput) {
    return this.membershipService.update(ctx, input);
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => DeletePayload, { description: 'Staff ADMIN or ADMINISTRATOR of the company; keeps at least one administrator.' })
  removeMembership(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.membershipService.remove(ctx, id);
  }
}
