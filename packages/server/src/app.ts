import { ApolloServer } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import pino, { Logger } from 'pino';
import type { Config } from './config';
import { Database, openDatabase } from './db/data-source';
import { TransactionRunner } from './db/transactions';
import { AppDeps, HttpResponseHooks, RequestContext } from './graphql/context';
import { createErrorFormatter } from './graphql/errors';
import { buildApiSchema } from './graphql/schema';
import { createMailer, Mailer } from './modules/mail/mailer';
import { createServices, Services } from './services';

export interface App {
  config: Config;
  logger: Logger;
  database: Database;
  services: Services;
  apollo: ApolloServer<RequestContext>;
  deps: AppDeps;
  /** The request context for a bearer token (or none): the same path for HTTP and tests. */
  contextFor(token: string | null, request?: { clientIp?: string | null; http?: HttpResponseHooks | null }): Promise<RequestContext>;
  close(): Promise<void>;
}

/** Composition: config -> database (migrated) -> services -> schema -> Apollo. No HTTP here. */
export async function createApp(config: Config, options: { logger?: Logger; mailer?: Mailer } = {}): Promise<App> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const database = await openDatabase(config.database);
  const services = createServices(config, options.mailer ?? createMailer(config.mail));
  const deps: AppDeps = { config, reader: database.reader, transactions: new TransactionRunner(database.dataSource), services, logger };
  const apollo = new ApolloServer<RequestContext>({
    schema: buildApiSchema(services),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: true,
  });
  await apollo.start();

  async function contextFor(token: string | null, request: { clientIp?: string | null; http?: HttpResponseHooks | null } = {}) {
    const viewer = token ? await services.auth.resolveViewer(deps.reader, deps.transactions, token) : null;
    return new RequestContext(deps, viewer, deps.reader, randomUUID(), request.clientIp ?? null, request.http ?? null);
  }

  return {
    config,
    logger,
    database,
    services,
    apollo,
    deps,
    contextFor,
    async close() {
      await apollo.stop();
      await database.close();
    },
  };
}
