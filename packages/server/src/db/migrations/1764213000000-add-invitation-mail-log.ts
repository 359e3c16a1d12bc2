import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The invitation mail quotas (src/modules/invitation/invitation-mail-quota.ts): one row per
 * invitation mail of the last hour, counted per inviter, per address and per invitation; and one
 * lock row per inviter and per address, so concurrent mails to one of them wait for each other.
 * No foreign keys: a row only counts, whatever happens to its account or invitation later.
 */
export class AddInvitationMailLog1764213000000 implements MigrationInterface {
  name = 'AddInvitationMailLog1764213000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'invitation_mail_log',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'invitation_id', type: 'varchar', length: '36' },
          { name: 'inviter_id', type: 'varchar', length: '36' },
          { name: 'email_normalized', type: 'varchar', length: '254' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [
          new TableIndex({ name: 'ix_invitation_mail_inviter', columnNames: ['inviter_id', 'created_at'] }),
          new TableIndex({ name: 'ix_invitation_mail_address', columnNames: ['email_normalized', 'created_at'] }),
          new TableIndex({ name: 'ix_invitation_mail_invitation', columnNames: ['invitation_id', 'created_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invitation_mail_lock',
        columns: [{ name: 'lock_key', type: 'varchar', length: '300', isPrimary: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('invitation_mail_lock');
    await q.dropTable('invitation_mail_log');
  }
}
