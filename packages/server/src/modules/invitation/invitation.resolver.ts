import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import type { RequestContext } from '../../kernel/request-context';
import { Account } from '../account/account.type';
import { SignInPayload } from '../auth/auth.type';
import { Company } from '../company/company.type';
import { InvitationEntity, InvitationStatus } from './invitation.entity';
import { AcceptInvitationInput, InviteMemberInput } from './invitation.input';
import { InvitationService, reportedStatus } from './invitation.service';
import { Invitation, InvitationPayload } from './invitation.type';

@Resolver(() => Invitation)
export class InvitationResolver {
  constructor(private readonly invitationService: InvitationService) {}

  @FieldResolver(() => Company)
  company(@Ctx() ctx: RequestContext, @Root() invitation: InvitationEntity) {
    return ctx.loaders.company.load(invitation.companyId);
  }

  @FieldResolver(() => InvitationStatus)
  status(@Root() invitation: InvitationEntity) {
    return reportedStatus(invitation);
  }

  @FieldResolver(() => Account, { nullable: true })
  invitedBy(@Ctx() ctx: RequestContext, @Root() invitation: InvitationEntity) {
    return invitation.invitedById ? ctx.loaders.account.load(invitation.invitedById) : null;
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => InvitationPayload, { description: 'Staff ADMIN or ADMINISTRATOR of the company; emails the invitee.' })
  inviteMember(@Ctx() ctx: RequestContext, @Arg('input') input: InviteMemberInput) {
    return this.invitationService.invite(ctx, input);
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => InvitationPayload, { description: 'A new link (the old one stops working) and a new expiry.' })
  resendInvitation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.invitationService.resend(ctx, id);
  }

  @Authorized(ApiTokenScope.MEMBERS_WRITE)
  @Mutation(() => InvitationPayload, { description: 'Pending: cancelled. Accepted: the membership it created is removed.' })
  revokeInvitation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.invitationService.revoke(ctx, id);
  }

  @Mutation(() => SignInPayload, { description: 'Public: accepts with the emailed token and signs in.' })
  acceptInvitation(@Ctx() ctx: RequestContext, @Arg('input') input: AcceptInvitationInput) {
    return this.invitationService.accept(ctx, input);
  }
}
