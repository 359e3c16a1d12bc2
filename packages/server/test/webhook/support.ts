import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from '../support/test-app';

/**
 * Shared by the webhook tests: a receiver on loopback that records every request with its raw body,
 * the operations they send, and the rows deliveries leave, read straight from the database.
 */

/** The tests' receivers live on 127.0.0.1 over http: the app under test allows both. */
export const WEBHOOK_TEST_ENV = { WEBHOOK_ALLOW_HTTP: '1', WEBHOOK_ALLOW_PRIVATE_NETWORKS: '1' };

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
}

/** A local HTTP receiver: records each request, answers with `answer(request)` (default 200). */
export class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received) => number | Promise<number> = () => 200;
  private server!: http.Server;
  url = '';

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    receiver.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = null;
        try {
          body = JSON.parse(raw);
        } catch {
          // recorded as it came
        }
        const request = { path: req.url ?? '', headers: req.headers, raw, body };
        receiver.received.push(request);
        const status = await receiver.answer(request);
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'thanks' : `no: ${status}`);
      });
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    return receiver;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Whether X-Clientele-Signature is the HMAC-SHA256 of the raw body with `secret` (as docs/api.md tells receivers to check). */
export function signedWith(secret: string, request: Received): boolean {
  const header = String(request.headers['x-clientele-signature'] ?? '');
  const expected = `sha256=${createHmac('sha256', secret).update(request.raw, 'utf8').digest('hex')}`;
  return header.length === expected.length && timingSafeEqual(Buffer.from(header), Buffer.from(expected));
}

export const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) {
  r: createWebhook(input: $input) {
    webhook { id url events active disabledReason disabledAt createdAt company { id } owner { id } }
    secret
    userErrors { code message field }
  } }`;

export const SET_ACTIVE = `mutation($id: ID!, $active: Boolean!) {
  r: setWebhookActive(id: $id, active: $active) { webhook { id active disabledReason disabledAt } userErrors { code message field } } }`;

export const DELETE_WEBHOOK = `mutation($id: ID!) { r: deleteWebhook(id: $id) { deletedId userErrors { code message field } } }`;

export const REDELIVER = `mutation($id: ID!) {
  r: redeliverWebhookDelivery(id: $id) { webhook { id } userErrors { code message field } } }`;

export const WEBHOOKS_OF = `query($id: ID!) { node(id: $id) { ... on Account { id webhooks { id url events active company { id } owner { id } } } } }`;

export const DELIVERIES = `query($id: ID!, $first: Int) { node(id: $id) { ... on Webhook { id deliveries(first: $first) {
  id deliveryId event attemptedAt responseStatus durationMs error succeeded responseExcerpt } } } }`;

export interface DeliveryRow {
  id: string;
  webhookId: string;
  eventId: string;
  event: string;
  ticketId: string;
  eventSeq: number;
  payload: string;
  status: string;
  attempts: number;
}

/** Every webhook delivery row, in the order written. */
export async function deliveryRows(t: TestApp): Promise<DeliveryRow[]> {
  const rows = await t.app.database.dataSource.query(
    `SELECT id, webhook_id, event_id, event, ticket_id, event_seq, payload, status, attempts FROM webhook_delivery ORDER BY ticket_id, event_seq, id`,
  );
  return rows.map((r: any) => ({
    id: r.id,
    webhookId: r.webhook_id,
    eventId: r.event_id,
    event: r.event,
    ticketId: r.ticket_id,
    eventSeq: Number(r.event_seq),
    payload: r.payload,
    status: r.status,
    attempts: Number(r.attempts),
  }));
}

export async function countRows(t: TestApp, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const [row] = await t.app.database.dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(row.n);
}
