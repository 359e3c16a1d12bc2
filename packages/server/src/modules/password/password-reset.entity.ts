import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one live password reset of an account: a new request replaces it, so only the newest link works. */
@Entity('password_reset')
export class PasswordResetEntity {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  /** SHA-256 of the emailed token (the token itself is never stored). */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;
}
