import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../kernel/request-context';
import { InvitationService } from './invitation.service';
import { InvitationPreview } from './invitation-preview.type';

@Resolver(() => InvitationPreview)
export class InvitationPreviewResolver {
  constructor(private readonly invitationService: InvitationService) {}

  @Query(() => InvitationPreview, {
    nullable: true,
    description: 'Public: what an invitation link offers; null for an unknown, used, revoked or replaced token.',
  })
  invitationPreview(@Ctx() ctx: RequestContext, @Arg('token') token: string) {
    return this.invitationService.preview(ctx, token);
  }
}
