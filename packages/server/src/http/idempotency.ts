import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { getOperationAST, parse } from 'graphql';
import type { App } from '../app';
import type { RequestContext } from '../kernel/request-context';
import { ErrorCode } from '../shared/errors';
import {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  isStatementTimeout,
  isUnansweredRead,
  RETRY_AFTER_SECONDS,
  TransactionConflictError,
} from '../db/db-errors';
import type { KeyClaim, StoredResponse } from '../infrastructure/idempotency';

/**
 * Idempotency-Key on mutations (integration.md "Idempotent writes"; docs/decisions.md "Issue 15:
 * idempotency and auth failures"). Here, at the HTTP layer, because the stored answer is the HTTP
 * answer (status and body as sent); the key is scoped to the account the request's context resolved.
 */

/** A complete HTTP answer to a GraphQL request. */
export interface CapturedResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that was stored for the key, not produced by running the request again. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/** 1 to 255 printable ASCII characters (space included; Node has already trimmed the ends). */
const VALID_KEY = /^[\x20-\x7E]{1,255}$/;
/** How often a repeat waits for the request holding its key to finish. */
const POLL_MS = 50;

/** The header's value when the request carries one (a repeated header counts as one value Node joined). */
export function idempotencyKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers[IDEMPOTENCY_KEY_HEADER];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Whether a JSON body (`{ query, operationName }`) asks for a mutation. Parsed here only for
 * requests with a key; a body that does not parse is Apollo's to refuse.
 */
export function isMutationBody(body: unknown, maxTokens: number): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  try {
    const operation = getOperationAST(parse(query, { maxTokens }), typeof operationName === 'string' ? operationName : undefined);
    return operation?.operation === 'mutation';
  } catch {
    return false;
  }
}

/** JSON with object keys sorted: equal requests hash equally whatever order their variables were written in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the request's query, variables and operation name, canonically serialized. */
export function requestHashOf(body: unknown): string {
  const { query, variables, operationName } = (body ?? {}) as Record<string, unknown>;
  const canonical = canonicalJson({ query: query ?? null, variables: variables ?? {}, operationName: operationName ?? null });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function errorResponse(status: number, message: string, extensions: Record<string, unknown>, headers: Array<[string, string]> = []) {
  return {
    status,
    headers: [['content-type', 'application/json; charset=utf-8'], ...headers] as Array<[string, string]>,
    body: JSON.stringify({ errors: [{ message, extensions }] }),
  };
}

/**
 * Whether the request ran far enough that running it again could repeat a write: some top-level
 * field answered, or an error came from below one (the field's resolver had returned). Otherwise
 * nothing was done — refused before execution (limits, rate limit), the database unavailable, the
 * deadline passed, the resolver failed and its transaction rolled back — and the key is released.
 */
function ranToAnAnswer(body: string): boolean {
  let result: { data?: Record<string, unknown> | null; errors?: Array<{ path?: unknown[] }> };
  try {
    result = JSON.parse(body) as typeof result;
  } catch {
    return false;
  }
  if (result.data && Object.values(result.data).some((value) => value !== null && value !== undefined)) return true;
  return (result.errors ?? []).some((error) => Array.isArray(error.path) && error.path.length > 1);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a mutation request that carries an Idempotency-Key: the first request with the key (per
 * account) runs and its answer is stored for 24 hours; a repeat with the same body gets the stored
 * answer; a repeat while the first still runs waits for it (until this request's deadline); the
 * same key with another body is IDEMPOTENCY_KEY_REUSED (422). Anonymous requests run as usual.
 */
export async function runIdempotently(
  app: App,
  request: { key: string; body: unknown; deadlineAt: number; requestId: string },
  context: Promise<RequestContext>,
  run: () => Promise<CapturedResponse>,
): Promise<CapturedResponse> {
  if (!VALID_KEY.test(request.key)) {
    return errorResponse(400, 'The Idempotency-Key header must be 1 to 255 printable ASCII characters', { code: 'BAD_REQUEST' });
  }
  // a context that fails (an invalid token, the database down) is Apollo's to answer, as without a key
  const viewer = await context.then(
    (ctx) => ctx.viewer,
    () => null,
  );
  if (!viewer) return run();
  const accountId = viewer.account.id;
  const requestHash = requestHashOf(request.body);
  const store = app.idempotency;
  const log = (outcome: string) => app.logger.info({ requestId: request.requestId, accountId, outcome }, 'idempotency key');
  try {
    for (;;) {
      const claim = await store.claim(accountId, request.key, requestHash);
      if (claim.kind === 'claimed') return await runClaimed(app, claim.claim, run);
      if (claim.kind === 'mismatch') {
        log('reused');
        return errorResponse(422, 'This Idempotency-Key was used for a different request; use a new key for a new request', {
          code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
        });
      }
      if (claim.kind === 'done') {
        log('replayed');
        return replay(app, claim.response);
      }
      // in progress elsewhere: wait until it is done or gone (then claim again), or until this request's deadline
      let row = await store.read(accountId, request.key);
      while (row?.state === 'IN_PROGRESS' && row.request_hash === requestHash && Date.now() + POLL_MS < request.deadlineAt) {
        await sleep(POLL_MS);
        row = await store.read(accountId, request.key);
      }
      if (row?.state === 'IN_PROGRESS' && row.request_hash === requestHash) {
        log('still in progress');
        return errorResponse(
          409,
          'A request with this Idempotency-Key is still running; retry with the same key later',
          { code: 'CONFLICT', retryAfterSeconds: 1 },
          [['retry-after', '1']],
        );
      }
    }
  } catch (error) {
    if (error instanceof TransactionConflictError) {
      return errorResponse(409, 'This conflicts with a request made at the same time; retry with the same key', { code: 'CONFLICT' });
    }
    const unavailable =
      error instanceof DatabaseUnavailableError || isDatabaseUnavailable(error) || isUnansweredRead(error) || isStatementTimeout(error);
    if (!unavailable) throw error;
    app.databaseOutage.failed(error);
    return errorResponse(
      503,
      `The database is not available; try again in ${RETRY_AFTER_SECONDS} seconds`,
      { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
      [['retry-after', String(RETRY_AFTER_SECONDS)]],
    );
  }
}

async function runClaimed(app: App, claim: KeyClaim, run: () => Promise<CapturedResponse>): Promise<CapturedResponse> {
  let response: CapturedResponse;
  try {
    response = await run();
  } catch (error) {
    await app.idempotency.release(claim).catch(() => undefined);
    throw error;
  }
  try {
    if (ranToAnAnswer(response.body)) {
      const contentType = response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
      // sealed: a mutation's answer may carry a secret shown once (an API token, a webhook's signing secret)
      await app.idempotency.complete(claim, { status: response.status, contentType, body: app.deps.secrets.seal(response.body) });
    } else {
      await app.idempotency.release(claim);
    }
  } catch (error) {
    // the answer stands; the key stays IN_PROGRESS until it counts as abandoned, then a retry runs again
    app.logger.warn({ err: error, accountId: claim.accountId }, 'could not store the answer for an Idempotency-Key');
  }
  return response;
}

function replay(app: App, stored: StoredResponse): CapturedResponse {
  const headers: Array<[string, string]> = [[REPLAYED_HEADER, 'true']];
  if (stored.contentType) headers.push(['content-type', stored.contentType]);
  return { status: stored.status, headers, body: app.deps.secrets.open(stored.body) };
}
