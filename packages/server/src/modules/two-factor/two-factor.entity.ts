import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An account's two-step sign-in: the TOTP secret sealed with SECRET_KEY (infrastructure/secrets). */
@Entity('two_factor')
export class TwoFactorEntity {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  /** The confirmed secret (sealed); null when not enrolled. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  secret: string | null;

  /** A secret handed out by beginTwoFactorEnrollment, waiting for its first code (sealed). */
  @Column({ name: 'pending_secret', type: 'varchar', length: 255, nullable: true })
  pendingSecret: string | null;

  @Column({ name: 'enabled_at', type: 'datetime', precision: 3, nullable: true })
  enabledAt: Date | null;

  /** The last 30-second step a code was accepted for: a code is good once (no replay in its window). */
  @Column({
    name: 'last_step',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v == null ? null : Number(v)) },
  })
  lastStep: number | null;
}

@Entity('recovery_code')
export class RecoveryCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;
}

/** The second step of a sign-in in progress: single-use, 5 minutes (account-security.md). */
@Entity('sign_in_challenge')
export class SignInChallengeEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'enrollment_required', type: 'boolean' })
  enrollmentRequired: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;
}
