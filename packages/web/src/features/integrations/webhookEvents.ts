import type { MessageKey } from '../../app/i18n/en';
import type { WebhookEvent } from '../../gql/graphql';

/** Every event with its label, in the order the form offers them. */
export const EVENT_LABELS: Record<WebhookEvent, MessageKey> = {
  TICKET_CREATED: 'webhooks.event.TICKET_CREATED',
  TICKET_UPDATED: 'webhooks.event.TICKET_UPDATED',
  COMMENT_ADDED: 'webhooks.event.COMMENT_ADDED',
};

export const EVENTS = Object.keys(EVENT_LABELS) as WebhookEvent[];
