import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

// Written with TypeORM's Table API so one migration yields correct DDL on SQLite and MySQL/MariaDB.
const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: name === 'id' });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'] });
const index = (name: string, columns: string[], isUnique = false) => new TableIndex({ name, columnNames: columns, isUnique });

export class CreateSchema1764140000000 implements MigrationInterface {
  name = 'CreateSchema1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'company',
        columns: [
          id(),
          text('name', 200),
          ref('parent_id', true),
          bool('portal_enabled'),
          bool('members_see_company_tickets'),
          bool('subsidiary_tickets_visible'),
          bool('share_tickets_with_family'),
          time('created_at'),
          time('updated_at'),
        ],
        foreignKeys: [fk('parent_id', 'company')],
        indices: [index('ix_company_parent', ['parent_id']), index('ix_company_name', ['name', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'company_closure',
        columns: [
          { ...ref('ancestor_id'), isPrimary: true },
          { ...ref('descendant_id'), isPrimary: true },
          { name: 'depth', type: 'int' },
        ],
        foreignKeys: [fk('ancestor_id', 'company'), fk('descendant_id', 'company')],
        // the primary key serves "descendants of C"; this one serves "ancestors of C"
        indices: [index('ix_closure_descendant', ['descendant_id', 'depth', 'ancestor_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'account',
        columns: [
          id(),
          text('email', 254),
          text('email_normalized', 254),
          text('first_name', 200),
          text('last_name', 200),
          text('language', 35),
          text('staff_role', 10, true),
          bool('disabled'),
          text('password_hash', 255, true),
          time('created_at'),
        ],
        indices: [index('ux_account_email', ['email_normalized'], true), index('ix_account_staff', ['staff_role'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'membership',
        columns: [id(), ref('account_id'), ref('company_id'), text('role', 16), { name: 'capabilities', type: 'int' }, time('created_at')],
        foreignKeys: [fk('account_id', 'account'), fk('company_id', 'company')],
        indices: [
          index('ux_membership_account_company', ['account_id', 'company_id'], true),
          index('ix_membership_company', ['company_id', 'role', 'created_at', 'id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invitation',
        columns: [
          id(),
          ref('company_id'),
          text('email', 254),
          text('email_normalized', 254),
          text('first_name', 200),
          text('last_name', 200),
          text('language', 35),
          text('role', 16),
          text('status', 16),
          text('pending_key', 300, true),
          text('token_hash', 64, true),
          time('expires_at'),
          ref('invited_by_id', true),
          ref('membership_id', true),
          time('accepted_at', true),
          time('created_at'),
        ],
        foreignKeys: [fk('company_id', 'company'), fk('invited_by_id', 'account')],
        indices: [
          index('ux_invitation_pending', ['pending_key'], true),
          index('ux_invitation_token', ['token_hash'], true),
          index('ix_invitation_company', ['company_id', 'created_at', 'id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ticket',
        columns: [
          id(),
          ref('company_id'),
          ref('requester_id', true),
          ref('assignee_id', true),
          text('title', 200),
          { name: 'description', type: 'text', isNullable: true },
          text('status', 16),
          time('created_at'),
          time('updated_at'),
        ],
        foreignKeys: [fk('company_id', 'company'), fk('requester_id', 'account'), fk('assignee_id', 'account')],
        // every visibility path lists newest first: each index ends with the sort key
        indices: [
          index('ix_ticket_company_created', ['company_id', 'created_at', 'id']),
          index('ix_ticket_requester_created', ['requester_id', 'created_at', 'id']),
          index('ix_ticket_assignee_created', ['assignee_id', 'created_at', 'id']),
          index('ix_ticket_created', ['created_at', 'id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'session',
        columns: [id(), text('token_hash', 64), ref('account_id'), time('created_at'), time('last_seen_at'), time('expires_at')],
        foreignKeys: [fk('account_id', 'account')],
        indices: [index('ux_session_token', ['token_hash'], true), index('ix_session_account', ['account_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          id(),
          time('occurred_at'),
          ref('actor_id', true),
          text('action', 64),
          text('target_type', 32),
          ref('target_id', true),
          ref('company_id', true),
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
          text('client_ip', 64, true),
        ],
        indices: [index('ix_audit_occurred', ['occurred_at', 'id']), index('ix_audit_company', ['company_id', 'occurred_at', 'id'])],
      }),
    );
    // One row locked by every change of the company forest, so concurrent moves serialize.
    await q.createTable(new Table({ name: 'app_lock', columns: [{ name: 'name', type: 'varchar', length: '64', isPrimary: true }] }));
    await q.query(`INSERT INTO app_lock (name) VALUES ('company_tree')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'app_lock',
      'audit_event',
      'session',
      'ticket',
      'invitation',
      'membership',
      'account',
      'company_closure',
      'company',
    ]) {
      await q.dropTable(table);
    }
  }
}
