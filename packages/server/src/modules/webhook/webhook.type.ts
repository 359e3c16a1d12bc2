import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../kernel/node';
import { UserError } from '../../shared/payload';
import { WebhookDisabledReason, WebhookEvent } from './webhook.entity';

registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: 'What a webhook is told about (integration.md, "Webhooks").',
  valuesConfig: {
    TICKET_CREATED: { description: 'A ticket was created.' },
    TICKET_UPDATED: {
      description: "A ticket's title, status or assignee changed (a reply that reopens a ticket also sends COMMENT_ADDED).",
    },
    COMMENT_ADDED: { description: 'A comment was added; INTERNAL comments only reach webhooks of staff accounts.' },
  },
});

registerEnumType(WebhookDisabledReason, {
  name: 'WebhookDisabledReason',
  description: 'Why a webhook is off.',
  valuesConfig: {
    DEACTIVATED: { description: 'Turned off with setWebhookActive.' },
    FAILED_FOR_24_HOURS: { description: 'Its deliveries failed for 24 hours without a success in between.' },
    CONSECUTIVE_FAILURES: { description: 'Its last 50 delivery attempts failed.' },
  },
});

@ObjectType({
  description: 'One attempt to deliver an event to a webhook (a delivery retried three times shows three times, with one deliveryId).',
  simpleResolvers: true,
})
export class WebhookDelivery {
  @Field(() => ID, { description: "The attempt's id; redeliverWebhookDelivery takes it (or the deliveryId)." })
  id: string;

  @Field(() => ID, { description: 'The delivery this attempt belongs to: the payload\'s "id" and the X-Clientele-Delivery header.' })
  deliveryId: string;

  @Field(() => WebhookEvent)
  event: WebhookEvent;

  @Field()
  attemptedAt: Date;

  @Field(() => Int, {
    nullable: true,
    description: "The receiver's HTTP status; null when no answer came (refused, unreachable, timed out).",
  })
  responseStatus: number | null;

  @Field(() => Int, { nullable: true })
  durationMs: number | null;

  @Field(() => String, { nullable: true, description: 'Why the attempt failed; null when it succeeded.' })
  error: string | null;

  @Field({ description: 'A 2xx answer within 10 seconds.' })
  succeeded: boolean;

  @Field({ description: "The start of the receiver's answer (at most about 1 KB)." })
  responseExcerpt: string;
}

@ObjectType({
  implements: Node,
  description: "An account's subscription to ticket events: signed JSON POSTs to its URL (the secret is shown once, at creation).",
  simpleResolvers: true,
})
export class Webhook extends Node {
  @Field()
  url: string;

  @Field()
  active: boolean;

  @Field(() => WebhookDisabledReason, { nullable: true, description: 'Why it is off; null while active.' })
  disabledReason: WebhookDisabledReason | null;

  @Field(() => Date, { nullable: true, description: 'When it was turned off; null while active.' })
  disabledAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class CreateWebhookPayload {
  @Field(() => Webhook, { nullable: true })
  webhook: Webhook | null;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret (`whsec_…`): shown this once, store it now. X-Clientele-Signature is its HMAC-SHA256 of the body.',
  })
  secret: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class WebhookPayload {
  @Field(() => Webhook, { nullable: true })
  webhook: Webhook | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
