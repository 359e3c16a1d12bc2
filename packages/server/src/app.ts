import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import pino, { Logger } from 'pino';
import type { Config } from './config';
import { Database, openDatabase } from './db/data-source';
import { TransactionRunner } from './db/transactions';
import { AppDeps, HttpResponseHooks, RequestContext, SignedInViewer } from './kernel/request-context';
import { createErrorFormatter, hideSuggestionsFromAnonymous, serviceUnavailableStatus } from './graphql/errors';
import { DatabaseUnavailableError, isDatabaseUnavailable, isStatementTimeout, isUnansweredRead, RETRY_AFTER_SECONDS } from './db/db-errors';
import { Outage, withTimeout } from './shared/outage';
import { requestDeadlinePlugin } from './graphql/deadline';
import { compiledExecutionGateway } from './execution/compiled-execution';
import { FastPathCounters } from './execution/fast-path-counters';
import { createLoaders } from './graphql/loaders';
import { parseOptionsFor, queryLimitsPlugin } from './graphql/limits';
import { requestLogPlugin } from './graphql/request-log';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildApiSchema } from './graphql/schema';
import { createMailer, Mailer } from './infrastructure/mail/mailer';
import { createServices, Services } from './services';
import { OutboxWorker } from './infrastructure/outbox';
import { closeEgressConnections } from './infrastructure/egress';
import { IdempotencyStore } from './infrastructure/idempotency';
import { resolveSecretKey, SecretBox } from './infrastructure/secrets/secret-box';
import { pruneSignInLog } from './modules/sign-in-log/sign-in-log.service';
import { pruneWebhookHistory, WebhookWorker } from './modules/webhook/webhook-delivery';
import { RateLimiter } from './infrastructure/rate-limit/rate-limiter';
import { rateLimitPlugin } from './graphql/rate-limit.plugin';
import { API_TOKEN_PREFIX } from './modules/api-token/api-token.service';
import { TokenRejectedError, type TokenRejection } from './shared/errors';

export interface App {
  config: Config;
  logger: Logger;
  database: Database;
  services: Services;
  apollo: ApolloServer<RequestContext>;
  /** Delivers the mail outbox (conversation.md, "Delivery: the outbox"). */
  outbox: OutboxWorker;
  /** Without the polling worker (tests): delivers what commits since the last call enqueued, if anything. */
  deliverWaitingMail(): Promise<number>;
  /** Delivers webhook deliveries (integration.md, "Webhooks"), beside the mail outbox and like it. */
  webhooks: WebhookWorker;
  /** Without the polling workers (tests): delivers the webhook deliveries that commits since the last call wrote, if any. */
  deliverWaitingWebhooks(): Promise<number>;
  /** How often each fast path was taken (execution/README.md). */
  fastPaths: FastPathCounters;
  /** The executable schema (for requestedCost and other checks outside Apollo). */
  schema: GraphQLSchema;
  deps: AppDeps;
  /** The request context for a bearer token (or none): the same path for HTTP and tests. */
  contextFor(token: string | null, request?: RequestInfo): Promise<RequestContext>;
  /** Whether the database (and Redis, when configured) answer within `timeoutMs`: what /readyz tells. */
  readiness(timeoutMs?: number): Promise<Readiness>;
  /** The database's outage state: one log line when it fails, one when it is back. */
  databaseOutage: Outage;
  /** Idempotency-Key's stored answers (src/http/idempotency.ts). */
  idempotency: IdempotencyStore;
  close(): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unavailable';
  redis: 'ok' | 'unavailable' | 'not configured';
}

/** What the HTTP layer knows of a request; `requestId` is also its X-Request-Id header. */
export interface RequestInfo {
  clientIp?: string | null;
  userAgent?: string | null;
  http?: HttpResponseHooks | null;
  requestId?: string;
  /** When the request arrived (epoch ms; default: now): the request deadline counts from here. */
  receivedAt?: number;
  /**
   * Where the token came from (default `authorization`): a token in the Authorization header that is
   * unknown, expired or revoked fails the request with 401 (TokenRejectedError); a stale session
   * cookie makes it anonymous, as before (the web client then signs in again).
   */
  tokenSource?: 'authorization' | 'cookie';
}

/** Composition: config -> database (migrated) -> services -> schema -> Apollo. No HTTP here. */
export async function createApp(
  config: Config,
  options: {
    logger?: Logger;
    mailer?: Mailer;
    limiter?: RateLimiter;
    /** false: the outbox worker does not poll on its own (tests drive it with `outbox.drainOnce()`). */
    startOutboxWorker?: boolean;
  } = {},
): Promise<App> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const database = await openDatabase(config.database);
  const mailer = options.mailer ?? createMailer(config.mail);
  const services = createServices(config);
  const limiter = options.limiter ?? RateLimiter.create(config.rateLimits, Date.now, undefined, logger);
  const databaseOutage = new Outage('database', logger, () => withTimeout(database.reader.query('SELECT 1'), 1_000, 'the database'), {
    consequence: `requests answer 503 SERVICE_UNAVAILABLE (Retry-After: ${RETRY_AFTER_SECONDS}) until it is back`,
  });
  const transactions = new TransactionRunner(database.dataSource);
  // an IN_PROGRESS key older than two request deadlines belongs to no running request
  const idempotency = new IdempotencyStore(transactions, database.reader, 2 * config.http.requestTimeoutMs);
  const outbox = new OutboxWorker({ dataSource: database.dataSource, transactions, mailer, logger });
  let mailWaiting = false;
  const mailOutbox = options.startOutboxWorker === false ? { notify: () => void (mailWaiting = true) } : outbox;
  const secrets = new SecretBox(resolveSecretKey(config.secretKey, config.secretKeyFile));
  const webhooks = new WebhookWorker({ dataSource: database.dataSource, transactions, logger, config, secrets, mailOutbox });
  let webhooksWaiting = false;
  const deps: AppDeps = {
    config,
    reader: database.reader,
    transactions,
    outbox: mailOutbox,
    webhooks: options.startOutboxWorker === false ? { notify: () => void (webhooksWaiting = true) } : webhooks,
    loadersFor: (ctx) => createLoaders(ctx, services),
    logger,
    limiter,
    secrets,
  };
  const fastPaths = new FastPathCounters();
  const schema = buildApiSchema(services, fastPaths);
  const apollo = new ApolloServer<RequestContext>({
    gateway: compiledExecutionGateway(schema, fastPaths),
    formatError: createErrorFormatter(logger, {
      statementTimeoutMs: config.database.kind === 'mysql' ? config.database.statementTimeoutMs : undefined,
      onDatabaseUnavailable: (error) => databaseOutage.failed(error),
    }),
    includeStacktraceInErrorResponses: false,
    // Apollo would stop itself on SIGTERM while requests are still arriving (each then a 500); main.ts drains first
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: true,
    // compact JSON: Apollo's default indents every response (5 % of a 50-ticket page's CPU, a third more bytes)
    stringifyResult: (result) => JSON.stringify(result),
    // documents over MAX_QUERY_TOKENS are refused by graphql-js's parser itself
    parseOptions: parseOptionsFor(config.limits),
    plugins: [
      requestLogPlugin(logger),
      queryLimitsPlugin(config.limits),
      rateLimitPlugin(limiter), // after the limits plugin: it charges the cost that plugin computed
      requestDeadlinePlugin(config.http.requestTimeoutMs),
      serviceUnavailableStatus(),
      hideSuggestionsFromAnonymous(),
      // the Sandbox landing page loads scripts from Apollo's CDN, which the CSP forbids; the SDL is at /schema.graphql
      ApolloServerPluginLandingPageDisabled(),
      // no cache hints and no HTTP caching (responses depend on the viewer): without it Apollo wraps no field resolver
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();
  if (options.startOutboxWorker !== false) {
    outbox.start();
    webhooks.start();
  }
  // the sign-in log keeps 30 days: pruned at start and hourly (every process may: a DELETE by age is idempotent)
  // idempotency keys keep 24 hours, pruned the same way
  const pruneSignIns = () => {
    void transactions
      .run((db) => pruneSignInLog(db))
      .catch((error: unknown) => logger.warn({ err: error }, 'pruning the sign-in log failed'));
    void idempotency.prune().catch((error: unknown) => logger.warn({ err: error }, 'pruning idempotency keys failed'));
    // webhook attempts and finished deliveries keep 30 days, pruned the same way
    void transactions
      .run((db) => pruneWebhookHistory(db))
      .catch((error: unknown) => logger.warn({ err: error }, 'pruning the webhook history failed'));
  };
  const housekeeping = options.startOutboxWorker === false ? null : setInterval(pruneSignIns, 3_600_000).unref();
  if (housekeeping) pruneSignIns();

  /** The viewer behind a token, or why it is refused; bounded by the request's deadline, a database that cannot answer is SERVICE_UNAVAILABLE. */
  async function viewerFor(token: string, deadlineAt: number): Promise<SignedInViewer | TokenRejection> {
    const lookup = token.startsWith(API_TOKEN_PREFIX)
      ? services.apiTokens
          .resolveViewer(deps.reader, deps.transactions, token)
          .then((viewer) => (typeof viewer === 'string' ? viewer : { viewer }))
      : services.auth.resolveViewer(deps.reader, deps.transactions, token);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DatabaseUnavailableError(`The database did not answer in time; try again in ${RETRY_AFTER_SECONDS} seconds`)),
        Math.max(deadlineAt - Date.now(), 0),
      );
    });
    lookup.catch(() => undefined);
    try {
      return await Promise.race([lookup, late]);
    } catch (error) {
      // the session lookup stopped by the statement timeout: the database did not answer in time (a
      // Galera cluster holds every node's writes for seconds while it evicts a dead node)
      const late = isStatementTimeout(error);
      if (error instanceof DatabaseUnavailableError || !(isDatabaseUnavailable(error) || isUnansweredRead(error) || late)) throw error;
      if (late)
        throw new DatabaseUnavailableError(`The database did not answer in time; try again in ${RETRY_AFTER_SECONDS} seconds`, error);
      throw new DatabaseUnavailableError(undefined, error); // carries HTTP 503 and Retry-After (context errors skip the plugins)
    } finally {
      clearTimeout(timer);
    }
  }

  async function contextFor(token: string | null, request: RequestInfo = {}) {
    const receivedAt = request.receivedAt ?? Date.now();
    const found = token !== null ? await viewerFor(token, receivedAt + config.http.requestTimeoutMs) : null;
    if (typeof found === 'string' && request.tokenSource !== 'cookie') throw new TokenRejectedError(found);
    const signedIn: SignedInViewer | null = typeof found === 'string' ? null : found;
    const ctx = new RequestContext(
      deps,
      signedIn?.viewer ?? null,
      deps.reader,
      request.requestId ?? randomUUID(),
      request.clientIp ?? null,
      request.http ?? null,
      request.userAgent ?? null,
      receivedAt,
    );
    if (signedIn?.grants !== undefined) ctx.useGrants(signedIn.grants);
    return ctx;
  }

  async function readiness(timeoutMs = 1_000): Promise<Readiness> {
    const [db, redis] = await Promise.all([
      withTimeout(database.reader.query('SELECT 1'), timeoutMs, 'the database').then(
        () => {
          databaseOutage.recovered();
          return 'ok' as const;
        },
        (error: unknown) => {
          databaseOutage.failed(error);
          return 'unavailable' as const;
        },
      ),
      limiter.redis
        ? limiter.ping(timeoutMs).then(
            () => 'ok' as const,
            () => 'unavailable' as const,
          )
        : Promise.resolve('not configured' as const),
    ]);
    return { ready: db === 'ok' && redis !== 'unavailable', database: db, redis };
  }

  return {
    config,
    logger,
    database,
    services,
    apollo,
    outbox,
    async deliverWaitingMail() {
      if (!mailWaiting) return 0;
      mailWaiting = false;
      return outbox.drainOnce();
    },
    webhooks,
    async deliverWaitingWebhooks() {
      if (!webhooksWaiting) return 0;
      webhooksWaiting = false;
      return webhooks.drainOnce();
    },
    fastPaths,
    schema,
    deps,
    contextFor,
    readiness,
    databaseOutage,
    idempotency,
    async close() {
      databaseOutage.close();
      await apollo.stop();
      if (housekeeping) clearInterval(housekeeping);
      await Promise.all([outbox.stop(), webhooks.stop()]);
      await closeEgressConnections();
      await database.close();
      if (!options.limiter) await limiter.close();
    },
  };
}
