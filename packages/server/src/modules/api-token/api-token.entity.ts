import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum ApiTokenScope {
  TICKETS_READ = 'TICKETS_READ',
  TICKETS_WRITE = 'TICKETS_WRITE',
  COMPANIES_READ = 'COMPANIES_READ',
  COMPANIES_WRITE = 'COMPANIES_WRITE',
  MEMBERS_READ = 'MEMBERS_READ',
  MEMBERS_WRITE = 'MEMBERS_WRITE',
  AUDIT_READ = 'AUDIT_READ',
  /** The account's own API tokens (Account.apiTokens); account-security.md. */
  TOKENS_READ = 'TOKENS_READ',
  /** The account's own webhooks (Account.webhooks, createWebhook, ...); integration.md. */
  WEBHOOKS = 'WEBHOOKS',
}

/** A personal API token: acts as its account, narrowed by scopes and optionally to one company's subtree. */
@Entity('api_token')
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Comma-separated ApiTokenScope values. */
  @Column({ type: 'varchar', length: 255 })
  scopes: string;

  /** Restriction: the token sees only this company and its descendants. */
  @Column({ name: 'company_id', type: 'varchar', length: 36, nullable: true })
  companyId: string | null;

  /** First characters of the secret, shown in lists so people can tell tokens apart. */
  @Column({ name: 'token_prefix', type: 'varchar', length: 16 })
  tokenPrefix: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
