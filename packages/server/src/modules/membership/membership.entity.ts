import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum Role {
  ADMINISTRATOR = 'ADMINISTRATOR',
  MODERATOR = 'MODERATOR',
  MEMBER = 'MEMBER',
}

@Entity('membership')
export class MembershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** Bit set of Capability (see capabilities.ts): SQL tests a bit with `capabilities & n`. */
  @Column({ type: 'int' })
  capabilities: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
