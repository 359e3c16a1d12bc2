/**
 * Ticket numbers (issue 17): `Ticket.number`, a per-installation sequence — unique, never reused,
 * taken in createTicket's transaction (also under concurrent creation), numbered in creation order
 * for tickets that existed before (the migration), searchable as `1042` or `#1042` within the
 * viewer's scope, and in the subject of every notification about the ticket.
 */
import { AddTicketNumber1764240000000 } from '../../src/db/migrations/1764240000000-add-ticket-number';
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { NotificationEvent, NotificationReason, notificationMail } from '../../src/modules/notification/notification-mail';
import { Role } from '../../src/modules/membership/membership.entity';
import { ticketNumberIn } from '../../src/modules/ticket/ticket-number';
import { databaseBefore } from '../support/migration-steps';
import { startTestApp, TestApp } from '../support/test-app';
import { CREATE_TICKET, mutate, outboxRows } from '../conversation/support';

const TICKETS = `query($filter: TicketFilter) { tickets(first: 100, filter: $filter) { totalCount edges { node { id number title } } } }`;
const TICKET = `query($id: ID!) { ticket(id: $id) { id number title } }`;
const CREATE = `mutation($input: CreateTicketInput!) { r: createTicket(input: $input) { ticket { id number } userErrors { code message field } } }`;

describe('ticket numbers', () => {
  let t: TestApp;
  let staff: string;
  let company: CompanyEntity;
  let other: CompanyEntity;
  let member: { token: string };

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    company = await t.factories.company({ settings: { membersSeeCompanyTickets: true } });
    other = await t.factories.company();
    member = await t.factories.member(company, Role.MEMBER);
  });
  afterAll(() => t.close());

  const create = async (token: string, companyId: string, title = 'Printer jams') => {
    const r = await mutate(t, token, CREATE, { input: { companyId, title } });
    expect(r.userErrors).toEqual([]);
    return r.ticket as { id: string; number: number };
  };

  it('createTicket takes the next number; ticket(id) and tickets read it', async () => {
    const first = await create(member.token, company.id);
    const second = await create(member.token, company.id);
    expect(Number.isInteger(first.number) && first.number >= 1).toBe(true);
    expect(second.number).toBeGreaterThan(first.number);
    expect((await t.gql(member.token, TICKET, { id: second.id })).data!.ticket).toMatchObject({ id: second.id, number: second.number });
    const listed = (await t.gql(staff, TICKETS, {})).data!.tickets.edges.map((e: any) => e.node);
    expect(listed.find((n: any) => n.id === first.id).number).toBe(first.number);
  });

  it('never gives a number again, even when the ticket and its sequence row are gone', async () => {
    const gone = await create(staff, company.id);
    await t.app.deps.transactions.run(async (db) => {
      await db.query('DELETE FROM ticket WHERE id = ?', [gone.id]);
      await db.query('DELETE FROM ticket_number_sequence WHERE number >= ?', [gone.number]);
    });
    expect((await create(staff, company.id)).number).toBeGreaterThan(gone.number);
  });

  it('concurrent creations get distinct numbers', async () => {
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => create(staff, company.id, `Concurrent ${i}`)));
    expect(new Set(created.map((c) => c.number)).size).toBe(12);
    expect(await t.app.deps.reader.query('SELECT number FROM ticket GROUP BY number HAVING COUNT(*) > 1')).toEqual([]);
  });

  it('a second ticket with the same number is refused by the database (unique index)', async () => {
    const taken = await create(staff, company.id);
    const copy = await t.factories.ticket({ company });
    await expect(
      t.app.deps.transactions.run((db) => db.query('UPDATE ticket SET number = ? WHERE id = ?', [taken.number, copy.id])),
    ).rejects.toThrow();
  });

  describe('search', () => {
    it('`1042` and `#1042` find the ticket of that number (and titles containing the text), within the scope', async () => {
      const mine = await create(member.token, company.id, 'Scanner sends empty PDFs');
      const hidden = await create(staff, other.id, 'Hidden from the member');
      const search = async (token: string, text: string) =>
        (await t.gql(token, TICKETS, { filter: { search: text } })).data!.tickets.edges.map((e: any) => e.node.id);
      expect(await search(member.token, `#${mine.number}`)).toEqual([mine.id]);
      expect(await search(member.token, ` ${mine.number} `)).toContain(mine.id);
      expect(await search(staff, `#${hidden.number}`)).toEqual([hidden.id]);
      // another company's ticket stays out of the member's scope, found by number or not
      expect(await search(member.token, `#${hidden.number}`)).toEqual([]);
      expect(await search(member.token, String(hidden.number))).not.toContain(hidden.id);
      // a number inside a title matches as text, besides the ticket of that number
      const titled = await create(member.token, company.id, `Error code ${mine.number} on boot`);
      expect((await search(member.token, String(mine.number))).sort()).toEqual([mine.id, titled.id].sort());
      // not a number: no error, the title search alone
      expect(await search(member.token, '#0')).toEqual([]);
      expect(await search(member.token, '#99999999999')).toEqual([]);
    });

    it('reads `1042` and `#1042` as numbers, nothing else', () => {
      expect(ticketNumberIn('1042')).toBe(1042);
      expect(ticketNumberIn(' #1042 ')).toBe(1042);
      for (const text of ['#', '# 1042', '1042a', '10.42', '-1', '0', '#2147483648', 'tkt_1042']) expect(ticketNumberIn(text)).toBeNull();
    });
  });

  describe('mail subjects', () => {
    it('every notification about a ticket carries #number in its subject', async () => {
      // a moderator follows the company's tickets (company-wide, ALL by default): told of new ones
      await t.factories.member(company, Role.MODERATOR);
      const before = new Set((await outboxRows(t)).map((m) => m.id));
      const r = await mutate(t, member.token, CREATE_TICKET, { input: { companyId: company.id, title: 'Monitor flickers' } });
      const { number } = (await t.gql(staff, TICKET, { id: r.ticket.id })).data!.ticket;
      const mails = (await outboxRows(t)).filter((m) => !before.has(m.id) && m.ticketId === r.ticket.id);
      expect(mails.length).toBeGreaterThan(0);
      for (const mail of mails) {
        expect(mail.subject.startsWith(`[#${number}] `)).toBe(true);
        expect(mail.subject).toContain('Monitor flickers');
      }
    });

    it('in every language and for internal notes too', () => {
      const content = {
        event: NotificationEvent.COMMENT_ADDED,
        ticket: { id: 'tkt_x', number: 1042, title: 'VPN', companyName: 'C' },
        actorName: 'A',
      };
      for (const language of ['en', 'de', 'sk']) {
        for (const internal of [false, true]) {
          const mail = notificationMail({
            eventId: 'evt_1',
            content: { ...content, comment: { body: 'x', authorName: 'B', internal } },
            recipient: { id: 'acc_1', email: 'a@example.test', language },
            reason: NotificationReason.PARTICIPANT,
            publicUrl: 'http://portal.test',
          });
          expect(mail.subject.startsWith('[#1042] ')).toBe(true);
          expect(mail.subject).toContain('VPN');
        }
      }
    });
  });
});

describe('the ticket-number migration', () => {
  it('numbers existing tickets in creation order (created_at, then id) and the sequence goes on after them', async () => {
    const step = await databaseBefore(AddTicketNumber1764240000000);
    try {
      const q = (sql: string, params: unknown[] = []) => step.before.query(sql, params);
      // the stored form of both databases (TypeORM writes datetime(3) so; better-sqlite3 binds no Date)
      const at = (s: string) => `2026-0${s} 10:00:00.000`;
      await q(
        `INSERT INTO company (id, name, parent_id, root_id, portal_enabled, members_see_company_tickets, subsidiary_tickets_visible,
           share_tickets_with_family, two_factor_required, created_at, updated_at) VALUES ('cmp_1', 'C', NULL, 'cmp_1', 1, 0, 0, 0, 0, ?, ?)`,
        [at('1-01'), at('1-01')],
      );
      await q(`INSERT INTO company_closure (ancestor_id, descendant_id, depth) VALUES ('cmp_1', 'cmp_1', 0)`);
      // inserted out of order; two share a creation time (the id decides)
      const rows: Array<[string, string]> = [
        ['tkt_c', '3-01'],
        ['tkt_a', '1-01'],
        ['tkt_e', '2-01'],
        ['tkt_b', '2-01'],
      ];
      for (const [id, day] of rows) {
        await q(
          `INSERT INTO ticket (id, company_id, root_company_id, requester_id, assignee_id, title, description, status, created_at, updated_at,
             activity_at, public_activity_at) VALUES (?, 'cmp_1', 'cmp_1', NULL, NULL, 'T', NULL, 'NEW', ?, ?, ?, ?)`,
          [id, at(day), at(day), at(day), at(day)],
        );
      }
      const database = await step.migrateTheRest();
      const numbered = await database.dataSource.query('SELECT id, number FROM ticket ORDER BY number');
      expect(numbered.map((r: any) => [r.id, Number(r.number)])).toEqual([
        ['tkt_a', 1],
        ['tkt_b', 2],
        ['tkt_e', 3],
        ['tkt_c', 4],
      ]);
      const { nextTicketNumber } = await import('../../src/modules/ticket/ticket-number');
      expect(await database.dataSource.transaction((db) => nextTicketNumber(db))).toBe(5);
    } finally {
      await step.drop();
    }
  });

  it('on an empty database, the first ticket is #1', async () => {
    const step = await databaseBefore(AddTicketNumber1764240000000);
    try {
      const database = await step.migrateTheRest();
      const { nextTicketNumber } = await import('../../src/modules/ticket/ticket-number');
      expect(await database.dataSource.transaction((db) => nextTicketNumber(db))).toBe(1);
    } finally {
      await step.drop();
    }
  });
});
