import fs from 'node:fs';
import path from 'node:path';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import type { DatabaseConfig } from '../config';
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
import { RecoveryCodeEntity, SignInChallengeEntity, TwoFactorEntity } from '../modules/two-factor/two-factor.entity';
import { MembershipEntity } from '../modules/membership/membership.entity';
import { TicketEntity } from '../modules/ticket/ticket.entity';
import { CreateSchema1764140000000 } from './migrations/1764140000000-create-schema';
import { mysql2WithSessionSetup, statementTimeoutSql } from './statement-timeout';
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
];

export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
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
    url: db.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    extra: { connectionLimit: 10 },
  };
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
  close(): Promise<void>;
}

/**
 * Migrations run without a statement timeout; the app's pool then gets one on every connection
 * (src/db/statement-timeout.ts), in the variant the server understands.
 */
async function reconnectWithStatementTimeout(migrated: DataSource, db: DatabaseConfig, timeoutMs: number): Promise<DataSource> {
  const [{ version }] = (await migrated.query('SELECT VERSION() AS version')) as Array<{ version: string }>;
  await migrated.destroy();
  const onError = (error: Error) => process.emitWarning(`could not set the database statement timeout: ${error.message}`);
  const dataSource = new DataSource({
    ...dataSourceOptions(db),
    connectorPackage: 'mysql2',
    driver: mysql2WithSessionSetup(statementTimeoutSql(version, timeoutMs), onError),
  } as DataSourceOptions);
  await dataSource.initialize();
  return dataSource;
}

/** Connects and applies pending migrations (never `synchronize`). */
export async function openDatabase(db: DatabaseConfig): Promise<Database> {
  let dataSource = createDataSource(db);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  if (db.kind === 'mysql' && db.statementTimeoutMs) dataSource = await reconnectWithStatementTimeout(dataSource, db, db.statementTimeoutMs);
  let readSource: DataSource | null = null;
  if (db.kind === 'sqlite' && db.file !== ':memory:') {
    readSource = new DataSource({ type: 'better-sqlite3', database: db.file, entities, readonly: true, timeout: 5000 });
    await readSource.initialize();
  }
  return {
    dataSource,
    reader: (readSource ?? dataSource).manager,
    async close() {
      await readSource?.destroy();
      await dataSource.destroy();
    },
  };
}
