import { v7 as uuidv7 } from 'uuid';

/**
 * Ids are opaque, globally unique and typed: `<prefix>_<uuidv7 hex>`. The prefix makes every id a
 * global id (node(id) routes on it) and lets a wrong-type id be refused before any query; UUIDv7
 * keeps index inserts local without exposing a sequence.
 */
export const ID_PREFIX = {
  Company: 'cmp',
  Account: 'acc',
  Membership: 'mbr',
  Invitation: 'inv',
  Ticket: 'tkt',
  AuditEvent: 'aud',
  Session: 'ses',
  ApiToken: 'tok',
  TicketComment: 'cmt',
  TicketStatusChange: 'tsc',
  SignInEvent: 'sie',
  RecoveryCode: 'rcv',
  Webhook: 'whk',
  /** One delivery of an event to a webhook (X-Clientele-Delivery), the same across its attempts. */
  WebhookDelivery: 'whd',
  /** One attempt of a delivery: `WebhookDelivery.id` in the API. */
  WebhookAttempt: 'wha',
} as const;

export type NodeTypeName = keyof typeof ID_PREFIX;

const PREFIX_TO_TYPE = new Map<string, NodeTypeName>(Object.entries(ID_PREFIX).map(([type, prefix]) => [prefix, type as NodeTypeName]));

const ID_PATTERN = /^([a-z]{3})_([0-9a-f]{32})$/;

export function newId(type: NodeTypeName): string {
  return `${ID_PREFIX[type]}_${uuidv7().replace(/-/g, '')}`;
}

/** The node type an id belongs to, or null when it is not an id of ours at all. */
export function typeOfId(id: string): NodeTypeName | null {
  const match = ID_PATTERN.exec(id);
  return match ? (PREFIX_TO_TYPE.get(match[1]) ?? null) : null;
}

export function isIdOf(type: NodeTypeName, id: string): boolean {
  return typeOfId(id) === type;
}
