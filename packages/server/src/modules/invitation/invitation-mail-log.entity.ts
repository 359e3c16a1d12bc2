import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One invitation mail (invite or resend) of the last hour or so: what the mail quotas count (invitation-mail-quota.ts). */
@Entity('invitation_mail_log')
export class InvitationMailLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'invitation_id', type: 'varchar', length: 36 })
  invitationId: string;

  /** The account whose request sent the mail. */
  @Column({ name: 'inviter_id', type: 'varchar', length: 36 })
  inviterId: string;

  @Column({ name: 'email_normalized', type: 'varchar', length: 254 })
  emailNormalized: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
