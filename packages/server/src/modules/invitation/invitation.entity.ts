import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../membership/membership.entity';

/** Stored states; EXPIRED is also reported for a PENDING row past its expiry. */
export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

@Entity('invitation')
export class InvitationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'email_normalized', type: 'varchar', length: 254 })
  emailNormalized: string;

  @Column({ name: 'first_name', type: 'varchar', length: 200 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 200 })
  lastName: string;

  @Column({ type: 'varchar', length: 35 })
  language: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 16 })
  status: InvitationStatus;

  /** `<company id>:<email>` while PENDING, null otherwise: a unique index allows one pending per pair. */
  @Column({ name: 'pending_key', type: 'varchar', length: 300, nullable: true })
  pendingKey: string | null;

  /** SHA-256 of the current single-use token; null once the invitation is no longer pending. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true })
  tokenHash: string | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'invited_by_id', type: 'varchar', length: 36, nullable: true })
  invitedById: string | null;

  @Column({ name: 'membership_id', type: 'varchar', length: 36, nullable: true })
  membershipId: string | null;

  @Column({ name: 'accepted_at', type: 'datetime', precision: 3, nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
