import type { TestApp } from '../support/test-app';

/**
 * Shared by the conversation tests: the operations they send, and reads of the rows a comment
 * writes (comments, outbox mails, audit events) straight from the database, so that "nothing
 * was written" is checked where it would show.
 */

export const ADD_COMMENT = `mutation($input: AddTicketCommentInput!) {
  r: addTicketComment(input: $input) {
    comment { id body visibility createdAt author { id } ticket { id } }
    ticket { id status }
    userErrors { code message field }
  } }`;

export const CREATE_TICKET = `mutation($input: CreateTicketInput!) {
  r: createTicket(input: $input) { ticket { id status } userErrors { code message field } } }`;

export const UPDATE_TICKET = `mutation($input: UpdateTicketInput!) {
  r: updateTicket(input: $input) { ticket { id status assignee { id } } userErrors { code message field } } }`;

export const SET_LEVEL = `mutation($input: SetNotificationLevelInput!) {
  r: setNotificationLevel(input: $input) { account { id notificationLevel } userErrors { code message field } } }`;

export const UPDATE_COMPANY = `mutation($input: UpdateCompanyInput!) {
  r: updateCompany(input: $input) { company { id } userErrors { code message field } } }`;

export const REMOVE_MEMBERSHIP = `mutation($id: ID!) { r: removeMembership(id: $id) { deletedId userErrors { code message field } } }`;

export const SET_DISABLED = `mutation($id: ID!, $disabled: Boolean!) {
  r: setAccountDisabled(id: $id, disabled: $disabled) { account { id disabled } userErrors { code message field } } }`;

export interface UserError {
  code: string;
  message: string;
  field: string[] | null;
}

/** The payload `r` of a mutation; a GraphQL error fails the test (use t.gql directly to expect one). */
export async function mutate(
  t: TestApp,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ userErrors: UserError[]; [key: string]: any }> {
  const result = await t.gql(token, query, variables);
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)} for ${query.slice(0, 120)}`);
  return result.data.r;
}

/** The data of a query; a GraphQL error fails the test. */
export async function read<T = any>(t: TestApp, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await t.gql<T>(token, query, variables);
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)} for ${query.slice(0, 120)}`);
  return result.data as T;
}

export interface MailRow {
  id: string;
  kind: string;
  dedupeKey: string;
  /** The event id half of the dedupe key `<eventId>:<recipientAccountId>`: one per event. */
  eventId: string;
  recipientAccountId: string | null;
  toAddress: string;
  language: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
  event: string | null;
  ticketId: string | null;
  status: string;
  attempts: number;
}

/** Every row of outbox_message, oldest first (through the writing connection: what has committed). */
export async function outboxRows(t: TestApp): Promise<MailRow[]> {
  const rows: Array<Record<string, unknown>> = await t.app.database.dataSource.query(
    `SELECT id, kind, dedupe_key, recipient_account_id, to_address, language, subject, text_body, html_body, headers, event, ticket_id, status, attempts
       FROM outbox_message ORDER BY created_at, id`,
  );
  return rows.map(toMailRow);
}

export function toMailRow(r: Record<string, unknown>): MailRow {
  const dedupeKey = String(r.dedupe_key);
  return {
    id: String(r.id),
    kind: String(r.kind),
    dedupeKey,
    eventId: dedupeKey.split(':')[0],
    recipientAccountId: r.recipient_account_id == null ? null : String(r.recipient_account_id),
    toAddress: String(r.to_address),
    language: String(r.language),
    subject: String(r.subject),
    textBody: String(r.text_body),
    htmlBody: String(r.html_body),
    headers: JSON.parse(String(r.headers)),
    event: r.event == null ? null : String(r.event),
    ticketId: r.ticket_id == null ? null : String(r.ticket_id),
    status: String(r.status),
    attempts: Number(r.attempts),
  };
}

/** Rows of a table (optionally `WHERE` a condition), through the writing connection. */
export async function countRows(t: TestApp, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const [row] = await t.app.database.dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(row.n);
}

/** The rows a comment writes, counted: comments, mails, audit events. */
export async function writtenRows(t: TestApp): Promise<{ comments: number; mails: number; audit: number }> {
  return {
    comments: await countRows(t, 'ticket_comment'),
    mails: await countRows(t, 'outbox_message'),
    audit: await countRows(t, 'audit_event'),
  };
}

/** `<PUBLIC_URL>/tickets/<id>` occurrences in `text`. */
export function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
