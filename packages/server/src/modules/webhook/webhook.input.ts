import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { WebhookEvent } from './webhook.entity';

/** The longest webhook URL accepted. */
export const WEBHOOK_URL_MAX = 2000;

@InputType()
export class CreateWebhookInput {
  @Field({ description: 'Where to POST: https:// (http:// only where WEBHOOK_ALLOW_HTTP=1), a host with a public address.' })
  @MaxLength(WEBHOOK_URL_MAX, { message: `url must be at most ${WEBHOOK_URL_MAX} characters` })
  url: string;

  @Field(() => [WebhookEvent], { description: 'At least one, each once.' })
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(3, { message: 'events must name each event at most once' })
  events: WebhookEvent[];

  @Field(() => ID, { nullable: true, description: 'Only tickets of this company and its descendants (a company the account sees).' })
  @IsOptional()
  companyId?: string | null;
}
