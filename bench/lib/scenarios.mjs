// The documents and requests of the S scenarios, shared by the harness (bench/run.mjs) and the cluster
// benchmark (bench/cluster.mjs), so both send exactly the same questions.
import { sha256hex } from './common.mjs';

export const TICKET = `query Ticket($id: ID!) { ticket(id: $id) { id title status createdAt updatedAt } }`;
export const TICKETS = `query Tickets($first: Int!, $after: String) { tickets(first: $first, after: $after) {
  edges { cursor node { id title status createdAt company { name } requester { firstName lastName } assignee { firstName lastName } } }
  pageInfo { hasNextPage endCursor } } }`;
export const AUDIENCE = `query TicketAudience($ticketId: ID!) { ticketAudience(ticketId: $ticketId) {
  account { id firstName lastName } grants { reason via { id name } } } }`;
// requested cost ~111 000 with the default estimator, far over the default MAX_QUERY_COST of 5 000
export const EXPENSIVE = `query Expensive { tickets(first: 100) { edges { node { id company { children { children { children { name } } } } } } } }`;
// S8: an integration's incremental sync (docs/api.md "Incremental sync"): what a PSA keeps of each ticket
export const SYNC = `query Sync($first: Int!, $after: String, $since: DateTime) {
  tickets(first: $first, after: $after, orderBy: UPDATED_AT_ASC, filter: { updatedSince: $since }) {
  edges { node { id number title status createdAt updatedAt company { id name } requester { id firstName lastName } assignee { id firstName lastName } } }
  pageInfo { hasNextPage endCursor } } }`;
export const SIGN_IN = `mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`;

/** An autocannon request: a GraphQL POST, with the viewer's session token when given. */
export const op = (operationName, query, variables, token) => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify({ operationName, query, variables }),
});
export const ticketsRequest = (viewer, first, after = null) => op('Tickets', TICKETS, { first, after }, viewer.token);

/** S1: ticket(id), 5 scalars, seen through SUBSIDIARY. */
export const s1Request = (fixtures) => op('Ticket', TICKET, { id: fixtures.s1.ticketId }, fixtures.viewers.subsidiaryAdmin.token);
/** S2: the first 50 tickets of the holding administrator, with company, requester and assignee. */
export const s2Request = (fixtures) => ticketsRequest(fixtures.viewers.holdingAdmin, 50);
/** S6's background: signIn of 20 seeded accounts in turn (argon2id). */
export const signInRequests = (fixtures) =>
  fixtures.s6.emails.map((email) => op('SignIn', SIGN_IN, { email, password: fixtures.password }));

/**
 * The sessions were seeded with known tokens; keeps them fresh and out of the once-a-minute activity
 * write (a read scenario would otherwise write). `db` is a mysql2/promise connection to the seeded database.
 */
export async function refreshBenchSessions(db, fixtures) {
  const hashes = Object.values(fixtures.viewers).map((x) => sha256hex(x.token));
  const [r] = await db.query(
    `UPDATE session SET last_seen_at = NOW(3) + INTERVAL 2 HOUR, expires_at = NOW(3) + INTERVAL 30 DAY WHERE token_hash IN (?)`,
    [hashes],
  );
  if (r.affectedRows !== hashes.length) throw new Error('the benchmark sessions are missing: run pnpm bench:seed');
}
