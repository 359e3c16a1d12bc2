import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../shared/pagination';
import { UserError } from '../../shared/payload';
import { NotificationEvent } from '../notification/notification-mail';

export enum MailDeliveryStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
export enum MailKind {
  INVITATION = 'INVITATION',
  NOTIFICATION = 'NOTIFICATION',
  PASSWORD_RESET = 'PASSWORD_RESET',
  /** "An account was created for you": the set-password link of an account staff created without a password. */
  ACCOUNT_SETUP = 'ACCOUNT_SETUP',
  /** "Your webhook was turned off": it kept failing (integration.md, "Webhooks"). */
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
}
registerEnumType(MailDeliveryStatus, {
  name: 'MailDeliveryStatus',
  description: 'PENDING: waiting (retries back off); SENDING: being sent; SENT: handed to the mail server; FAILED: gave up, retry by hand.',
});
registerEnumType(MailKind, { name: 'MailKind' });

@ObjectType({ description: 'One outgoing email in the outbox (staff only).', simpleResolvers: true })
export class MailDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => MailKind)
  kind: MailKind;

  @Field()
  toAddress: string;

  @Field()
  subject: string;

  @Field(() => NotificationEvent, { nullable: true })
  event: NotificationEvent | null;

  @Field(() => ID, { nullable: true, description: 'The ticket a notification is about.' })
  ticketId: string | null;

  @Field(() => MailDeliveryStatus)
  status: MailDeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError: string | null;

  @Field()
  createdAt: Date;

  @Field()
  nextAttemptAt: Date;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;
}

export const MailDeliveryConnection = connectionOf(MailDelivery, 'MailDelivery');

@InputType()
export class MailDeliveryFilter {
  @Field(() => [MailDeliveryStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(4)
  statuses?: MailDeliveryStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only the notifications about this ticket.' })
  @IsOptional()
  ticketId?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class MailDeliveryPayload {
  @Field(() => MailDelivery, { nullable: true })
  delivery: MailDelivery | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
