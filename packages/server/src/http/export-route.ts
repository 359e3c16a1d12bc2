import { stringify } from 'csv-stringify';
import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { App } from '../app';
import { DatabaseUnavailableError, RETRY_AFTER_SECONDS } from '../db/db-errors';
import { budgetKeyOf, RateLimiter } from '../infrastructure/rate-limit/rate-limiter';
import { countCost, PAGE_QUERY_COST, SEARCH_COST } from '../kernel/complexity';
import type { RequestContext } from '../kernel/request-context';
import { Cell, EXPORT_LISTS, EXPORT_MAX_ROWS, EXPORT_PAGE_SIZE, ExportList, OpenedExport } from '../modules/export/export.service';
import { DomainError, ErrorCode, UnauthenticatedError } from '../shared/errors';

/**
 * `GET /export/{tickets,accounts,audit}.csv?<filters>`: a staff list as a CSV file, every row the
 * list's filters match (not just the page on screen), streamed page by page through the list's own
 * service method (modules/export). docs/decisions.md "Issue 17: export and lists" has the numbers
 * and the reasons:
 *
 * - signed in by the session cookie only, as the web client's /graphql requests are; a request a
 *   browser marks as coming from another site (`Sec-Fetch-Site: cross-site` or `same-site`) is
 *   refused, and there are no CORS headers, so no other origin can start an export or read one;
 * - charged to the caller's rate-limit budget: the count and the first page before anything is
 *   sent (refused with 429 and Retry-After when the budget holds too little), then each further
 *   page as it is read — when the budget runs dry the stream waits for points to flow back instead
 *   of failing halfway;
 * - at most EXPORT_MAX_ROWS rows: a list that matches more is refused before the file starts; one
 *   that grows past it while streaming is cut off (the download fails rather than ends short);
 * - UTF-8 with a BOM (Excel), RFC 4180 (CRLF, quotes where needed: commas, quotes, line breaks), and
 *   cells starting with = + - @ tab or CR prefixed with ' (csv-stringify's `escape_formulas`).
 */

/** What one further page costs before it is read: its query (and its scan, when searching) and one point a row. */
const pageCost = (searched: boolean) => PAGE_QUERY_COST + (searched ? SEARCH_COST : 0) + EXPORT_PAGE_SIZE;

const FILE = /^(tickets|accounts|audit)\.csv$/;

export interface ExportRouteOptions {
  /** Default EXPORT_MAX_ROWS; tests use a few. */
  maxRows?: number;
  /** Default the app's (tests give one with a small budget). */
  limiter?: RateLimiter;
  /** How the stream waits for points (tests replace it). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

/** `tickets-2026-05-04.csv`: the list and the day (UTC) it was exported. */
export function exportFileName(list: ExportList, now = new Date()): string {
  return `${list}-${now.toISOString().slice(0, 10)}.csv`;
}

class ExportRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.INVALID_INPUT]: 400,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
};

/** A refusal as the GraphQL-shaped JSON the other non-GraphQL answers use (http/hardening.ts). */
function refuse(res: Response, error: ExportRefused): void {
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }] });
  res.status(error.status);
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

/** An expected failure before the file started, as its HTTP answer; anything else is not ours to answer. */
function refusalOf(error: unknown): ExportRefused | null {
  if (error instanceof ExportRefused) return error;
  if (error instanceof UnauthenticatedError) return new ExportRefused(401, error.code, error.message);
  if (error instanceof DomainError)
    return new ExportRefused(STATUS_OF[error.code] ?? 400, error.code, error.message, error.field ? { field: error.field } : {});
  if (error instanceof DatabaseUnavailableError)
    return new ExportRefused(503, error.extensions.code, error.message, {}, RETRY_AFTER_SECONDS);
  return null;
}

export function exportRoute(app: App, options: ExportRouteOptions = {}): RequestHandler {
  const maxRows = options.maxRows ?? EXPORT_MAX_ROWS;
  const sleep = options.sleep ?? abortableSleep;
  const limiter = options.limiter ?? app.deps.limiter;

  async function handle(req: Request, res: Response, list: ExportList): Promise<void> {
    // a download started by a page of another site (a link, an image, a form): refused before any work
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site')
      throw new ExportRefused(403, 'FORBIDDEN', 'Exports are started from the portal itself');
    const token = req.headers.cookie ? (parseCookies(req.headers.cookie)[app.config.session.cookieName] ?? null) : null;
    const ctx: RequestContext = await app.contextFor(token, {
      requestId: res.locals.requestId as string,
      clientIp: req.ip ?? null, // Express's `trust proxy` applies the same rule as the /graphql routes
      userAgent: req.headers['user-agent']?.slice(0, 512) ?? null,
    });
    if (!ctx.viewer) throw new UnauthenticatedError();
    const query = new URL(req.originalUrl, 'http://export.invalid').searchParams;
    const opened: OpenedExport = app.services.exports.open(ctx, list, query);

    // the count and the first page, charged up front: refused whole when the budget holds too little
    const key = budgetKeyOf(ctx.viewer, ctx.clientIp);
    const perPage = pageCost(opened.searched);
    const upFront = countCost(opened.searched) + perPage;
    const taken = await limiter.takeQueryCost(key, upFront);
    if (!taken.allowed) {
      const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
      throw new ExportRefused(
        429,
        ErrorCode.RATE_LIMITED,
        `Rate limited: an export costs ${upFront} points to start and ${taken.currentlyAvailable} of ${taken.maximumAvailable} are available; retry in ${seconds} s`,
        { retryAfterSeconds: seconds },
        seconds,
      );
    }
    const total = await opened.count();
    if (total > maxRows) {
      await limiter.refundQueryCost(key, perPage).catch(() => undefined);
      throw new ExportRefused(
        400,
        ErrorCode.INVALID_INPUT,
        `This export would have ${total} rows; at most ${maxRows} fit in one file: narrow the filters`,
        { rows: total, maxRows },
      );
    }

    const closed = new AbortController();
    res.once('close', () => closed.abort());
    const startedAt = Date.now();
    let sent = 0;
    /** Takes a further page's points, waiting while the budget holds too little. */
    async function charge(): Promise<void> {
      for (;;) {
        const result = await limiter.takeQueryCost(key, perPage);
        if (result.allowed) return;
        if (result.maximumAvailable < perPage) throw new Error(`an export page costs ${perPage} points, more than the budget holds`);
        if (closed.signal.aborted) throw new Error('the client went away');
        await sleep(Math.max(result.retryAfterMs, 50), closed.signal);
      }
    }
    async function* rows(): AsyncGenerator<Cell[]> {
      yield opened.header;
      const pages = opened.pages();
      try {
        for (let first = true; ; first = false) {
          if (!first) await charge();
          const next = await pages.next();
          // points not used: a short page's missing rows, the whole charge for the end of the list
          const unused = next.done ? perPage : EXPORT_PAGE_SIZE - next.value.length;
          if (unused > 0) await limiter.refundQueryCost(key, unused).catch(() => undefined);
          if (next.done) return;
          sent += next.value.length;
          // cut off, not ended short: the download fails, so nobody takes a partial file for the whole
          if (sent > maxRows) throw new Error(`the list grew past ${maxRows} rows while it was exported`);
          yield* next.value;
        }
      } finally {
        await pages.return(undefined);
      }
    }

    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(list)}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Export-Rows', String(total));
    try {
      await pipeline(
        Readable.from(rows()),
        stringify({ bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/, escape_formulas: true }),
        res,
      );
      app.logger.info({ requestId: ctx.requestId, list, rows: sent, ms: Date.now() - startedAt }, 'export sent');
    } catch (error) {
      // the file has started: nothing to answer but a cut connection (the client sees a failed download)
      if (!closed.signal.aborted) app.logger.warn({ err: error, requestId: ctx.requestId, list, rows: sent }, 'export cut off');
      res.destroy();
    }
  }

  return (req, res, next) => {
    const match = FILE.exec(String(req.params.file ?? ''));
    const list = match && (EXPORT_LISTS as readonly string[]).includes(match[1]) ? (match[1] as ExportList) : null;
    if (!list) {
      refuse(res, new ExportRefused(404, 'NOT_FOUND', `No such export; there are ${EXPORT_LISTS.map((l) => `${l}.csv`).join(', ')}`));
      return;
    }
    handle(req, res, list).catch((error: unknown) => {
      const refusal = refusalOf(error);
      if (refusal && !res.headersSent) {
        app.logger.info({ requestId: res.locals.requestId as string, status: refusal.status, code: refusal.code, list }, 'export refused');
        refuse(res, refusal);
      } else next(error);
    });
  };
}
