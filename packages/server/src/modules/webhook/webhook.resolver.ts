import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { costPageSize } from '../../kernel/complexity';
import type { RequestContext } from '../../kernel/request-context';
import { AccountEntity } from '../account/account.entity';
import { Account } from '../account/account.type';
import { ApiTokenScope } from '../api-token/api-token.entity';
import { Company } from '../company/company.type';
import { DeletePayload } from '../membership/membership.type';
import { WebhookEntity, WebhookEvent } from './webhook.entity';
import { CreateWebhookInput } from './webhook.input';
import { WebhookService } from './webhook.service';
import { CreateWebhookPayload, Webhook, WebhookDelivery, WebhookPayload } from './webhook.type';

@ArgsType()
class DeliveriesArgs {
  @Field(() => Int, { nullable: true, description: 'How many: default 20, at most 100.' })
  first?: number | null;
}

@Resolver(() => Webhook)
export class WebhookResolver {
  constructor(private readonly webhookService: WebhookService) {}

  @FieldResolver(() => [WebhookEvent])
  events(@Root() webhook: WebhookEntity): WebhookEvent[] {
    return webhook.events.split(',') as WebhookEvent[];
  }

  @FieldResolver(() => Company, { nullable: true, description: "The restriction: only tickets of this company's subtree." })
  company(@Ctx() ctx: RequestContext, @Root() webhook: WebhookEntity) {
    return webhook.companyId ? ctx.loaders.company.load(webhook.companyId) : null;
  }

  @FieldResolver(() => Account, { description: 'Deliveries carry what this account sees.' })
  owner(@Ctx() ctx: RequestContext, @Root() webhook: WebhookEntity) {
    // by primary key: a webhook reaches the API only for its owner or a staff ADMIN, who both see the owner
    return ctx.loaders.accountOfVisibleTicket.load(webhook.accountId);
  }

  @FieldResolver(() => [WebhookDelivery], {
    description: 'Its latest delivery attempts, newest first (kept 30 days).',
    complexity: ({ args, childComplexity }) => 1 + costPageSize(args.first) * childComplexity,
  })
  deliveries(@Ctx() ctx: RequestContext, @Root() webhook: WebhookEntity, @Args() args: DeliveriesArgs) {
    return this.webhookService.attemptsOf(ctx, webhook, args.first);
  }

  @Authorized(ApiTokenScope.WEBHOOKS)
  @Mutation(() => CreateWebhookPayload, {
    description: "Subscribes a URL to ticket events for the viewer's account; the answer carries the signing secret, once.",
  })
  createWebhook(@Ctx() ctx: RequestContext, @Arg('input') input: CreateWebhookInput) {
    return this.webhookService.create(ctx, input);
  }

  @Authorized(ApiTokenScope.WEBHOOKS)
  @Mutation(() => WebhookPayload, {
    description: 'Turns an own webhook (staff ADMIN: any) on or off. Off, nothing more is sent, waiting deliveries included.',
  })
  setWebhookActive(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('active') active: boolean) {
    return this.webhookService.setActive(ctx, id, active);
  }

  @Authorized(ApiTokenScope.WEBHOOKS)
  @Mutation(() => DeletePayload, { description: 'Deletes an own webhook (staff ADMIN: any) with its delivery history.' })
  deleteWebhook(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.webhookService.delete(ctx, id);
  }

  @Authorized(ApiTokenScope.WEBHOOKS)
  @Mutation(() => WebhookPayload, {
    description: 'Sends a delivery again, now: by a WebhookDelivery id (an attempt) or its deliveryId. The same body, id and signature.',
  })
  redeliverWebhookDelivery(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.webhookService.redeliver(ctx, id);
  }
}

@Resolver(() => Account)
export class AccountWebhooksResolver {
  constructor(private readonly webhookService: WebhookService) {}

  @FieldResolver(() => [Webhook], {
    nullable: true,
    description: 'The account itself and staff ADMIN only (an API token needs WEBHOOKS); null for anyone else. Newest first.',
  })
  webhooks(@Ctx() ctx: RequestContext, @Root() account: AccountEntity) {
    return this.webhookService.listOfAccount(ctx, account.id);
  }
}
