import { Role } from '../../src/modules/membership/membership.entity';
import { newId } from '../../src/shared/ids';
import { onMysql, startTestApp, TestApp } from '../support/test-app';

/**
 * The incremental sync's page (`tickets(orderBy: UPDATED_AT_ASC, filter: { updatedSince })`) is
 * served by an index in its order on MariaDB: no filesort, no temporary table, for a holding's
 * administrator (a customer ADMINISTRATOR of a parent company whose subsidiaries' tickets it sees)
 * and for staff, on the first page and on a page after a cursor (migration
 * 1764270000000-add-ticket-updated-indexes.ts). The statements are the server's own, captured as
 * they run, and explained with their parameters.
 */

const SYNC = `query($first: Int, $after: String, $since: DateTime) {
  tickets(first: $first, after: $after, orderBy: UPDATED_AT_ASC, filter: { updatedSince: $since }) {
    edges { node { id title status updatedAt company { id name } requester { id } assignee { id } } }
    pageInfo { hasNextPage endCursor } } }`;

const DAY = 86_400_000;

(onMysql ? describe : describe.skip)('the sync page on MariaDB is read along an index in its order', () => {
  let t: TestApp;
  let staff: string;
  let holdingAdmin: string;
  let since: string;
  const captured: Array<{ sql: string; parameters: unknown[] }> = [];
  let capturing = false;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    // the holding: a root whose subsidiaries' tickets its administrators see, two levels below it
    const holding = await t.factories.company({ name: 'Holding', settings: { subsidiaryTicketsVisible: true } });
    const holdingTree = [holding];
    for (let i = 0; i < 2; i++) {
      const middle = await t.factories.company({ name: `Middle ${i}`, parent: holding, settings: { subsidiaryTicketsVisible: true } });
      holdingTree.push(middle);
      for (let k = 0; k < 2; k++) holdingTree.push(await t.factories.company({ name: `Leaf ${i}.${k}`, parent: middle }));
    }
    const others = [];
    for (let i = 0; i < 12; i++) {
      const root = await t.factories.company({ name: `Other ${i}` });
      others.push(root, await t.factories.company({ name: `Other ${i} child`, parent: root }));
    }
    const admin = await t.factories.member(holding, Role.ADMINISTRATOR);
    holdingAdmin = admin.token;
    const people = [admin.account.id, (await t.factories.account()).id, (await t.factories.staffAgent()).id];

    // 8 000 tickets, a fifth of them in the holding's tree, changed at random times over a year
    const now = Date.now();
    let seed = 15;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const rows: unknown[][] = [];
    for (let n = 1; n <= 8000; n++) {
      const inHolding = n % 5 === 0;
      const company = inHolding ? holdingTree[n % holdingTree.length] : others[n % others.length];
      const root = inHolding ? holding : others[(n % others.length) - ((n % others.length) % 2)];
      const created = new Date(now - 400 * DAY + Math.floor(random() * 30 * DAY));
      const updated = new Date(created.getTime() + Math.floor(random() * 360 * DAY));
      rows.push([
        newId('Ticket'),
        n,
        company.id,
        root.id,
        people[n % 3],
        n % 4 === 0 ? people[2] : null,
        `Ticket ${n}`,
        'OPEN',
        created,
        updated,
      ]);
    }
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await t.app.database.dataSource.query(
        `INSERT INTO ticket (id, number, company_id, root_company_id, requester_id, assignee_id, title, status, created_at, updated_at, activity_at, public_activity_at)
         VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        batch.flatMap((r) => [...r, r[9], r[9]]),
      );
    }
    await t.app.database.dataSource.query('ANALYZE TABLE ticket');
    since = new Date(now - 200 * DAY).toISOString();

    for (const source of new Set([t.app.database.dataSource, t.app.database.reader.connection])) {
      const logQuery = source.logger.logQuery.bind(source.logger);
      source.logger.logQuery = (query, parameters, runner) => {
        if (capturing && /ORDER BY t\.updated_at/.test(query)) captured.push({ sql: query, parameters: parameters ?? [] });
        return logQuery(query, parameters, runner);
      };
    }
  }, 120_000);
  afterAll(() => t?.close());

  /** The plan of each statement of the sync page `run` makes: one row per table read. */
  async function plansOf(run: () => Promise<unknown>): Promise<Array<Array<Record<string, unknown>>>> {
    captured.length = 0;
    capturing = true;
    try {
      await run();
    } finally {
      capturing = false;
    }
    expect(captured).toHaveLength(1);
    return Promise.all(captured.map(({ sql, parameters }) => t.app.database.dataSource.query(`EXPLAIN ${sql}`, parameters)));
  }

  it.each([
    ['a holding administrator', () => holdingAdmin, 'ix_ticket_root_updated'],
    ['staff', () => staff, 'ix_ticket_updated'],
  ])('%s: no filesort on the first page and after a cursor', async (_who, token, index) => {
    const first = await t.gql(token(), SYNC, { first: 100, since });
    expect(first.errors).toBeUndefined();
    expect(first.data.tickets.edges).toHaveLength(100);
    const pages = [
      { first: 100, since },
      { first: 100, since, after: first.data.tickets.pageInfo.endCursor },
    ];
    for (const variables of pages) {
      const [plan] = await plansOf(() => t.gql(token(), SYNC, variables));
      if (process.env.SYNC_EXPLAIN_LOG) console.log(JSON.stringify(plan, null, 1));
      const ticketRow = plan.find((row) => row.table === 't');
      expect(ticketRow?.key).toBe(index);
      const sorted = plan.filter((row) => /filesort|temporary/i.test(String(row.Extra ?? '')));
      expect(sorted).toEqual([]);
    }
  });
});
