import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One sign-in or failed sign-in (account-security.md "Sign-in log"); kept 30 days. */
@Entity('sign_in_event')
export class SignInEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The account found for the email typed; null for an unknown email (then in no company's log). */
  @Column({ name: 'account_id', type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  /** As typed (trimmed, at most 254 characters). */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true })
  clientAddress: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  @Column({ type: 'boolean' })
  succeeded: boolean;

  @Column({ name: 'second_factor_used', type: 'boolean' })
  secondFactorUsed: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
