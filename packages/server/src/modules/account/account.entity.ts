import { Column, Entity, PrimaryColumn } from 'typeorm';

/** conversation.md, "Notifications". */
export enum NotificationLevel {
  ALL = 'ALL',
  PARTICIPATING = 'PARTICIPATING',
  NONE = 'NONE',
}

/** The level in force: the stored one, else ALL for customers and PARTICIPATING for staff. */
export function notificationLevelOf(account: Pick<AccountEntity, 'notificationLevel' | 'staffRole'>): NotificationLevel {
  return account.notificationLevel ?? (account.staffRole ? NotificationLevel.PARTICIPATING : NotificationLevel.ALL);
}

export enum StaffRole {
  ADMIN = 'ADMIN',
  AGENT = 'AGENT',
}

@Entity('account')
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** As the person typed it; `emailNormalized` (lower case) is the unique key. */
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

  @Column({ name: 'staff_role', type: 'varchar', length: 10, nullable: true })
  staffRole: StaffRole | null;

  @Column({ type: 'boolean' })
  disabled: boolean;

  /**
   * Read only where a password is checked (`findAccountWithPasswordHash`): ordinary reads of
   * accounts (loaders, lists, the session) leave the hash in the database.
   */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash?: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /** Null: the default of the account's kind (notificationLevelOf). */
  @Column({ name: 'notification_level', type: 'varchar', length: 16, nullable: true })
  notificationLevel: NotificationLevel | null;
}
