import fs from 'node:fs';
import path from 'node:path';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import type { DatabaseConfig, MysqlDatabaseConfig } from '../config';
import { ensureUtf8mb4Database } from './charset';
import { mysql2WithFailover } from './failover-pool';
import { AccountEntity } from '../modules/account/account.entity';
import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { SessionEntity } from '../modules/auth/session.entity';
import { CompanyClosureEntity, CompanyEntity } from '../modules/company/company.entity';
import { InvitationEntity } from '../modules/invitation/invitation.entity';
import { InvitationMailLogEntity } from '../modules/invitation/invitation-mail-log.entity';
import { AddInvitationMailLog1764213000000 } from './migrations/1764213000000-add-invitation-mail-log';
import { PasswordResetEntity } from '../modules/password/password-reset.entity';
import { SignInEventEntity } from '../modules/sign-in-log/sign-in-event.entity';
import { AddAccountSecurity1764220000000 } from './migrations/1764220000000-add-account-security';
import { AddTwoFactor1764230000000 } from './migrations/1764230000000-add-two-factor';
import { AddTicketNumber1764240000000 } from './migrations/1764240000000-add-ticket-number';
import { UniqueCompanyNames1764250000000 } from './migrations/1764250000000-unique-company-names';
import { AddRowLock1764260000000 } from './migrations/1764260000000-add-row-lock';
import { AddTicketUpdatedIndexes1764270000000 } from './migrations/1764270000000-add-ticket-updated-indexes';
import { CreateIdempotencyKeys1764290000000 } from './migrations/1764290000000-create-idempotency-keys';
import { CreateWebhooks1764280000000 } from './migrations/1764280000000-create-webhooks';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEntity } from '../modules/webhook/webhook.entity';
import { RecoveryCodeEntity, SignInChallengeEntity, TwoFactorEntity } from '../modules/two-factor/two-factor.entity';
import { MembershipEntity } from '../modules/membership/membership.entity';
import { TicketEntity } from '../modules/ticket/ticket.entity';
import { CreateSchema1764140000000 } from './migrations/1764140000000-create-schema';
import { statementTimeoutSql } from './statement-timeout';
import { lockByWriting } from './transactions';
import { CreateApiTokens1764150000000 } from './migrations/1764150000000-create-api-tokens';
import { AddAccountNameOrder1764160000000 } from './migrations/1764160000000-add-account-name-order';
import { AddTreeRoots1764170000000 } from './migrations/1764170000000-add-tree-roots';
import { ApiTokenEntity } from '../modules/api-token/api-token.entity';
import { TicketCommentEntity } from '../modules/conversation/ticket-comment.entity';
import { AddConversations1764190000000 } from './migrations/1764190000000-add-conversations';
import { AddTicketStatusChanges1764200000000 } from './migrations/1764200000000-add-ticket-status-changes';
import { TicketStatusChangeEntity } from '../modules/ticket/ticket-status-change.entity';
import { CreateOutbox1764180000000 } from './migrations/1764180000000-create-outbox';
import { OutboxMessageEntity } from '../infrastructure/outbox/outbox-message.entity';

export const entities = [
  ApiTokenEntity,
  AccountEntity,
  AuditEventEntity,
  SessionEntity,
  CompanyEntity,
  CompanyClosureEntity,
  InvitationEntity,
  InvitationMailLogEntity,
  MembershipEntity,
  TicketEntity,
  OutboxMessageEntity,
  TicketCommentEntity,
  TicketStatusChangeEntity,
  PasswordResetEntity,
  SignInEventEntity,
  TwoFactorEntity,
  RecoveryCodeEntity,
  SignInChallengeEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
];

/** Listed explicitly (not globbed) so compiled and ts-run code find the same migrations. */
export const migrations = [
  CreateSchema1764140000000,
  CreateApiTokens1764150000000,
  AddAccountNameOrder1764160000000,
  AddTreeRoots1764170000000,
  CreateOutbox1764180000000,
  AddConversations1764190000000,
  AddTicketStatusChanges1764200000000,
  AddInvitationMailLog1764213000000,
  AddAccountSecurity1764220000000,
  AddTwoFactor1764230000000,
  AddTicketNumber1764240000000,
  UniqueCompanyNames1764250000000,
  AddRowLock1764260000000,
  AddTicketUpdatedIndexes1764270000000,
  CreateWebhooks1764280000000,
  CreateIdempotencyKeys1764290000000,
];

export function dataSourceOptions(db: DatabaseConfig, sessionSql: string[] = []): DataSourceOptions {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false } as const;
  if (db.kind === 'sqlite') {
    if (db.file !== ':memory:') fs.mkdirSync(path.dirname(db.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.file,
      // WAL: the reading connection sees committed data while a transaction writes
      enableWAL: db.file !== ':memory:',
      timeout: 5000,
    };
  }
  return {
    ...common,
    type: 'mysql',
    // DATABASE_URL may name several hosts: the pool (src/db/failover-pool.ts) picks one; this is the first
    host: db.hosts[0].host,
    port: db.hosts[0].port,
    username: db.user,
    password: db.password,
    database: db.database,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    // per host; a new connection's handshake is bounded (a hung server accepts TCP and never answers)
    extra: { connectionLimit: db.poolSize ?? 10, connectTimeout: db.connectTimeoutMs ?? 10_000, enableKeepAlive: true },
    connectorPackage: 'mysql2',
    driver: mysql2WithFailover({
      hosts: db.hosts,
      acquireTimeoutMs: db.acquireTimeoutMs ?? 10_000,
      sessionSql,
      onSessionError: (error) => process.emitWarning(`could not set up a database session: ${error.message}`),
      onHostChange: (from, to, cause) =>
        process.emitWarning(
          `database host ${from.host}:${from.port} failed (${(cause as Error | null)?.message ?? 'unknown'}); using ${to.host}:${to.port}`,
        ),
    }),
  } as DataSourceOptions;
}

export function createDataSource(db: DatabaseConfig): DataSource {
  return new DataSource(dataSourceOptions(db));
}

export interface Database {
  /** Writes, transactions and migrations. */
  dataSource: DataSource;
  /**
   * Reads outside transactions. On an SQLite file this is a second, read-only connection: the
   * writing connection is shared by the whole process and would show other requests' uncommitted
   * rows. MySQL's pool already isolates connections.
   */
  reader: EntityManager;
  /** A node of a Galera cluster: reads wait for the cluster's earlier commits, locks are writes. */
  galera: boolean;
  close(): Promise<void>;
}

/**
 * Migrations run without a statement timeout; the app's pool then gets one on every connection
 * (src/db/statement-timeout.ts), in the variant the server understands, and on a Galera cluster
 * `wsrep_sync_wait = 1`: a read waits until this node has applied every write the cluster committed
 * before it, so a ticket or session created through another node is never missing here.
 */
async function reconnectWithSessionSetup(migrated: DataSource, db: MysqlDatabaseConfig, galera: boolean): Promise<DataSource> {
  const [{ version }] = (await migrated.query('SELECT VERSION() AS version')) as Array<{ version: string }>;
  await migrated.destroy();
  const sessionSql = [
    ...(db.statementTimeoutMs ? [statementTimeoutSql(version, db.statementTimeoutMs)] : []),
    ...(galera ? ['SET SESSION wsrep_sync_wait = 1'] : []),
  ];
  const dataSource = new DataSource(dataSourceOptions(db, sessionSql));
  await dataSource.initialize();
  return dataSource;
}

/** True on a node of a MariaDB Galera cluster (wsrep_on = ON); false on a single server and on MySQL. */
async function isGaleraNode(dataSource: DataSource): Promise<boolean> {
  const rows = (await dataSource.query(`SHOW VARIABLES LIKE 'wsrep_on'`)) as Array<{ Value?: string }>;
  return rows[0]?.Value === 'ON';
}

/** Connects and applies pending migrations (never `synchronize`). */
export async function openDatabase(db: DatabaseConfig): Promise<Database> {
  // MySQL/MariaDB: the database exists and is utf8mb4 (created so when missing), or the server refuses to start
  if (db.kind === 'mysql') await ensureUtf8mb4Database(db);
  let dataSource = createDataSource(db);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const galera = db.kind === 'mysql' && (await isGaleraNode(dataSource));
  if (db.kind === 'mysql' && (db.statementTimeoutMs || galera)) dataSource = await reconnectWithSessionSetup(dataSource, db, galera);
  if (galera) lockByWriting(dataSource);
  let readSource: DataSource | null = null;
  if (db.kind === 'sqlite' && db.file !== ':memory:') {
    readSource = new DataSource({ type: 'better-sqlite3', database: db.file, entities, readonly: true, timeout: 5000 });
    await readSource.initialize();
  }
  return {
    dataSource,
    galera,
    reader: (readSource ?? dataSource).manager,
    async close() {
      await readSource?.destroy();
      await dataSource.destroy();
    },
  };
}
