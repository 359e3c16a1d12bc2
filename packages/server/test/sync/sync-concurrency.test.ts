import mysql from 'mysql2/promise';
import type { MysqlDatabaseConfig } from '../../src/config';
import { Role } from '../../src/modules/membership/membership.entity';
import { onMysql, startTestApp, TestApp } from '../support/test-app';

/**
 * The gap incremental sync must not have (integration.md "no gaps while others write"), made to
 * happen on MariaDB: two transactions commit out of the order of their updatedAt stamps, and a
 * client reads between the two commits. A cursor past the later stamp would never return the
 * earlier one; the sync must return it anyway (modules/ticket/ticket-sync.ts):
 *
 * 1. a slow writer (a raw transaction, as any writer's) commits within SYNC_SETTLE_MS of its stamp:
 *    the page leaves the younger change for the next poll, so the cursor cannot pass the late commit;
 * 2. the server's own writer held up past SYNC_SETTLE_MS after stamping (its mail to the requester
 *    waits for a lock on the outbox table): its stamp is renewed right before COMMIT, so it comes
 *    after everything a client may already have read.
 */

const SETTLE_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SYNC = `query($after: String, $since: DateTime) {
  tickets(first: 100, after: $after, orderBy: UPDATED_AT_ASC, filter: { updatedSince: $since }) {
    edges { node { id title status updatedAt } } pageInfo { hasNextPage endCursor } } }`;
const UPDATE = `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id status updatedAt } userErrors { code } } }`;

(onMysql ? describe : describe.skip)('no gap when transactions commit out of stamp order (MariaDB)', () => {
  let t: TestApp;
  let staff: string;
  let since: string;
  const ids: Record<'x' | 'y' | 'z', string> = { x: '', y: '', z: '' };
  const connect = () => {
    const db = t.config.database as MysqlDatabaseConfig;
    return mysql.createConnection({ ...db.hosts[0], user: db.user, password: db.password, database: db.database, timezone: 'Z' });
  };

  /** A client's sync: every page after its last endCursor; what it received, in order. */
  const client = { after: null as string | null, received: [] as Array<{ id: string; title: string; updatedAt: string }> };
  async function poll() {
    for (;;) {
      const result = await t.gql(staff, SYNC, { after: client.after, since });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo } = result.data.tickets;
      client.received.push(...edges.map((e: { node: { id: string; title: string; updatedAt: string } }) => e.node));
      client.after = pageInfo.endCursor ?? client.after;
      if (!pageInfo.hasNextPage) return;
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { SYNC_SETTLE_MS: String(SETTLE_MS) } });
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    const company = await t.factories.company({ name: 'Racing Ltd' });
    const old = new Date(Date.now() - 3_600_000);
    const requester = (await t.factories.member(company, Role.MEMBER)).account;
    for (const key of ['x', 'y', 'z'] as const)
      ids[key] = (await t.factories.ticket({ company, requester, createdAt: old, title: key })).id;
    since = new Date(old.getTime() - 1).toISOString();
    await poll();
    expect(client.received.map((n) => n.id).sort()).toEqual(Object.values(ids).sort());
  });
  afterAll(() => t?.close());

  it('a writer that commits after a later stamp was committed is still seen (the page waits for changes to settle)', async () => {
    const slow = await connect();
    try {
      // the slow writer stamps t1 and holds its transaction open
      await slow.beginTransaction();
      const t1 = new Date();
      await slow.query('UPDATE ticket SET title = ?, updated_at = ? WHERE id = ?', ['slow', t1, ids.x]);
      await sleep(20);
      // another writer stamps t2 > t1 and commits first
      const fast = await t.gql(staff, UPDATE, { input: { id: ids.y, title: 'fast' } });
      const t2 = fast.data.updateTicket.ticket.updatedAt;
      expect(new Date(t2).getTime()).toBeGreaterThan(t1.getTime());
      // the hazard is real: a reader now finds t2 committed and t1 not yet
      const rows: Array<{ title: string }> = await t.app.database.reader.query('SELECT title FROM ticket WHERE id IN (?, ?)', [
        ids.x,
        ids.y,
      ]);
      expect(rows.map((r) => r.title).sort()).toEqual(['fast', 'x']);
      // a client polling between the two commits is not handed t2 yet (it has not settled)
      const before = client.received.length;
      await poll();
      expect(client.received.slice(before)).toEqual([]);
      await sleep(SETTLE_MS / 3);
      await slow.commit();
      await sleep(SETTLE_MS + 50);
      await poll();
      expect(client.received.slice(before).map((n) => [n.id, n.title])).toEqual([
        [ids.x, 'slow'],
        [ids.y, 'fast'],
      ]);
    } finally {
      await slow.end();
    }
  });

  it("the server's writer held up past SYNC_SETTLE_MS after stamping renews its stamp before COMMIT, and is seen", async () => {
    const locker = await connect();
    try {
      // (not ticket_status_change: its foreign key to ticket would hold every UPDATE of ticket too)
      await locker.query('LOCK TABLES outbox_message WRITE');
      const started = Date.now();
      // stamps z, writes the ticket, its audit event and status change, then waits for the table lock to mail its requester
      const held = t.gql(staff, UPDATE, { input: { id: ids.z, status: 'WAITING' } });
      for (let waited = 0; ; waited += 20) {
        const [waiting] = await locker.query(
          `SELECT 1 FROM information_schema.processlist WHERE id <> CONNECTION_ID() AND info LIKE 'INSERT%INTO outbox_message%'`,
        );
        if ((waiting as unknown[]).length > 0) break;
        if (waited > 4000) throw new Error(`the update did not reach the outbox: ${JSON.stringify(await Promise.race([held, sleep(10)]))}`);
        await sleep(20);
      }
      // meanwhile another change commits (a title: nobody is mailed), and settles, and a client reads it
      const other = await t.gql(staff, UPDATE, { input: { id: ids.x, title: 'after z was stamped' } });
      const otherAt = other.data.updateTicket.ticket.updatedAt;
      await sleep(SETTLE_MS + 50);
      const before = client.received.length;
      await poll();
      expect(client.received.slice(before).map((n) => n.id)).toEqual([ids.x]);
      // now z's transaction goes on: its stamp (taken before x's) is renewed as its last statement
      await locker.query('UNLOCK TABLES');
      const done = await held;
      expect(done.data.updateTicket.userErrors).toEqual([]);
      const zAt = done.data.updateTicket.ticket.updatedAt;
      expect(new Date(zAt).getTime()).toBeGreaterThan(new Date(otherAt).getTime());
      expect(new Date(zAt).getTime() - started).toBeGreaterThan(SETTLE_MS);
      await sleep(SETTLE_MS + 50);
      await poll();
      expect(client.received.slice(before + 1).map((n) => [n.id, n.updatedAt])).toEqual([[ids.z, zAt]]);
      // and what was committed is what the client got
      const [[row]] = (await locker.query('SELECT status, updated_at FROM ticket WHERE id = ?', [ids.z])) as unknown as [
        Array<{ status: string; updated_at: Date }>,
      ];
      expect([row.status, row.updated_at.toISOString()]).toEqual(['WAITING', zAt]);
    } finally {
      await locker.query('UNLOCK TABLES').catch(() => undefined);
      await locker.end();
    }
  });
});
