/**
 * Property (issue 15, integration.md "Incremental sync"): in random small worlds, several writers
 * make random changes through the GraphQL API at the same time — createTicket, updateTicket (title,
 * status, assignee), addTicketComment PUBLIC and INTERNAL, by staff and customers, refusals
 * included — while four clients keep a copy of what they see with
 * `tickets(orderBy: UPDATED_AT_ASC, filter: { updatedSince }, after: <last endCursor>)`:
 * staff ADMIN, a customer ADMINISTRATOR of a parent company whose subsidiaries' tickets it sees
 * (company-wide of a holding), a MEMBER who sees its own tickets only, and a customer with random
 * memberships. When the writers are done, each client polls once more after SYNC_SETTLE_MS and
 * re-reads what it holds with `filter: { ids }` (dropping what it no longer sees, e.g. after an
 * assignment ended). Then, for every client:
 *
 * - its copy (id → title, status, assignee, updatedAt) equals the tickets' rows read from the
 *   database, for exactly the tickets the reference model (test/reference-model.ts) says it sees;
 * - every change a writer made (each successful mutation's updatedAt) to a ticket it sees is in
 *   its copy (updatedAt at least that change's), and each ticket's row carries the stamp of its
 *   last change (the payloads report the committed stamp, also when it was renewed before COMMIT);
 * - what it received, page after page over the whole run, is strictly increasing in (updatedAt,
 *   id): every change exactly once, nothing twice, no page going back.
 *
 * One app for the file; every run wipes all rows first. Runs: SYNC_PROPERTY_RUNS, default 6 (each
 * waits SYNC_SETTLE_MS at its end). Replay a failure with PROPERTY_SEED=<seed> PROPERTY_PATH=<path>.
 */
import fc from 'fast-check';
import { StaffRole } from '../../src/modules/account/account.entity';
import { TicketEntity } from '../../src/modules/ticket/ticket.entity';
import * as model from '../reference-model';
import { assertWorlds, PROPERTY_TIMEOUT, same, serverLogger } from '../support/property-runs';
import * as worlds from '../support/property-worlds';
import { startTestApp, TestApp } from '../support/test-app';

const NUM_RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 6);
/**
 * Short, so the writers go on well past it while the clients read (each writer waits up to
 * WRITE_PAUSE_MS between its changes) and each run's final poll waits little; long enough for a
 * COMMIT on a busy test machine (stamps are renewed after a quarter of it).
 */
const SETTLE_MS = 500;
const WRITE_PAUSE_MS = 120;
const STATUSES: model.TicketStatus[] = ['NEW', 'OPEN', 'WAITING', 'RESOLVED', 'CLOSED'];
const TITLES = ['Printer jam', 'VPN down', 'Mail', 'Invoice wrong'];

const SYNC = `query($first: Int, $after: String, $since: DateTime) {
  tickets(first: $first, after: $after, orderBy: UPDATED_AT_ASC, filter: { updatedSince: $since }) {
    edges { node { id title status updatedAt assignee { id } } }
    pageInfo { hasNextPage endCursor } } }`;
const BY_IDS = `query($ids: [ID!]) { tickets(first: 100, filter: { ids: $ids }) { edges { node { id } } } }`;
const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id updatedAt } userErrors { code } } }`;
const UPDATE = `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id updatedAt } userErrors { code } } }`;
const COMMENT = `mutation($input: AddTicketCommentInput!) { addTicketComment(input: $input) { ticket { id updatedAt } userErrors { code } } }`;

// ---------------------------------------------------------------------------------------
// Random worlds (indices, resolved when built or applied)
// ---------------------------------------------------------------------------------------

/** The accounts that act and sync: staff ADMIN, staff AGENT, the holding's administrator, the member, the other customer. */
const ACTORS = ['staff', 'agent', 'holding', 'member', 'other'] as const;
type Actor = (typeof ACTORS)[number];
const CLIENTS: Actor[] = ['staff', 'holding', 'member', 'other'];

type Op =
  | { kind: 'create'; actor: Actor; company: number; requester: Actor; pause: number }
  | { kind: 'title'; actor: Actor; ticket: number; title: number; pause: number }
  | { kind: 'status'; actor: Actor; ticket: number; status: model.TicketStatus; pause: number }
  | { kind: 'assign'; actor: Actor; ticket: number; assignee: Actor | null; pause: number }
  | { kind: 'comment'; actor: Actor; ticket: number; visibility: model.CommentVisibility; pause: number };

interface WorldSpec {
  companies: worlds.CompanySpec[];
  memberCompany: number;
  other: worlds.MembershipSpec[];
  seeded: Array<{ company: number; requester: Actor; assignee: Actor | null }>;
  writers: Op[][];
  pageSize: number;
}

const N_COMPANIES = 4;
const actorArb = fc.constantFrom(...ACTORS);
const ticketIndex = fc.nat({ max: 40 });
/** How long a writer waits before its change (ms). */
const pause = fc.nat({ max: WRITE_PAUSE_MS });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      actor: actorArb,
      company: fc.nat({ max: N_COMPANIES - 1 }),
      requester: actorArb,
      pause,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('title' as const),
      actor: actorArb,
      ticket: ticketIndex,
      title: fc.nat({ max: TITLES.length - 1 }),
      pause,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      actor: actorArb,
      ticket: ticketIndex,
      status: fc.constantFrom(...STATUSES),
      pause,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('assign' as const),
      actor: actorArb,
      ticket: ticketIndex,
      assignee: fc.option(actorArb, { nil: null }),
      pause,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      actor: actorArb,
      ticket: ticketIndex,
      visibility: worlds.weighted<model.CommentVisibility>('PUBLIC', 'INTERNAL', 2),
      pause,
    }),
  },
);

const worldArb: fc.Arbitrary<WorldSpec> = fc.record({
  companies: worlds.companyForestArb(N_COMPANIES, worlds.settingsArb(6)),
  memberCompany: fc.nat({ max: N_COMPANIES - 1 }),
  other: worlds.membershipsArb(N_COMPANIES, { minLength: 1, defaultsOneIn: 2 }),
  seeded: fc.array(
    fc.record({ company: fc.nat({ max: N_COMPANIES - 1 }), requester: actorArb, assignee: fc.option(actorArb, { nil: null }) }),
    { minLength: 2, maxLength: 6 },
  ),
  writers: fc.array(fc.array(opArb, { minLength: 6, maxLength: 12 }), { minLength: 3, maxLength: 3 }),
  pageSize: fc.integer({ min: 1, max: 4 }),
});

/**
 * The grants the clients need, whatever the rest of the world: company 0 is the holding (a root with
 * the portal on, its subsidiaries' tickets visible to it) with company 1 under it; the member's
 * company hides colleagues' tickets from members.
 */
function shaped(spec: WorldSpec): WorldSpec {
  const companies = spec.companies.map((c) => ({ ...c, settings: { ...c.settings } }));
  companies[0].settings = { ...companies[0].settings, portalEnabled: true, subsidiaryTicketsVisible: true };
  companies[1].parent = 0;
  const member = companies[spec.memberCompany].settings;
  Object.assign(member, { portalEnabled: true, membersSeeCompanyTickets: false });
  return { ...spec, companies };
}

// ---------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------

interface Copy {
  title: string;
  status: string;
  assigneeId: string | null;
  updatedAt: string;
}

describe('incremental sync while others write (property)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ logger: serverLogger, env: { SYNC_SETTLE_MS: String(SETTLE_MS) } });
  });
  afterAll(() => t?.close());

  it(
    'every client ends with exactly what it sees, every change seen once, nothing missed',
    () =>
      assertWorlds(t, worldArb.map(shaped), NUM_RUNS, async (spec) => {
        const b: worlds.Building = { world: { companies: [], accounts: [], memberships: [], tickets: [] }, label: new Map() };
        const { world, label } = b;
        const companyIds = await worlds.buildCompanies(t, b, spec.companies);
        const ids = {} as Record<Actor, string>;
        for (const actor of ACTORS) {
          const staffRole = actor === 'staff' ? StaffRole.ADMIN : actor === 'agent' ? StaffRole.AGENT : null;
          ids[actor] = (await t.factories.account({ staffRole })).id;
          world.accounts.push({ id: ids[actor], staffRole: staffRole as model.StaffRole | null, disabled: false });
          label.set(ids[actor], actor);
        }
        await worlds.buildMemberships(
          t,
          b,
          companyIds,
          [ids.holding, ids.member, ids.other],
          [
            { memberships: [{ company: 0, role: 'ADMINISTRATOR', capabilities: null }] },
            { memberships: [{ company: spec.memberCompany, role: 'MEMBER', capabilities: null }] },
            { memberships: spec.other },
          ],
        );
        const tokens = await worlds.signInAll(t, Object.values(ids));
        const token = (actor: Actor) => tokens.get(ids[actor])!;

        // tickets from before the run (settled), and every change's stamp as its writer was told it
        const ticketIds: string[] = [];
        const changes: Array<{ ticketId: string; updatedAt: string; always: boolean }> = [];
        for (const [i, s] of spec.seeded.entries()) {
          const ticket = await t.factories.ticket({
            company: companyIds[s.requester === 'member' ? spec.memberCompany : s.company],
            requester: ids[s.requester],
            assignee: s.assignee && ids[s.assignee],
            createdAt: new Date(Date.now() - 3_600_000 + i),
          });
          ticketIds.push(ticket.id);
          label.set(ticket.id, `T${i}`);
          changes.push({ ticketId: ticket.id, updatedAt: ticket.updatedAt.toISOString(), always: true });
        }
        const since = new Date(Date.now() - 7_200_000).toISOString();

        async function write(op: Op): Promise<void> {
          let result;
          if (op.kind === 'create') {
            const requesterId = op.actor === 'staff' ? ids[op.requester] : null;
            const forMember = op.actor === 'member' || requesterId === ids.member;
            const companyId = companyIds[forMember ? spec.memberCompany : op.company];
            result = await t.gql(token(op.actor), CREATE, { input: { companyId, title: 'New', requesterId } });
          } else {
            const ticketId = ticketIds[op.ticket % ticketIds.length];
            if (op.kind === 'comment')
              result = await t.gql(token(op.actor), COMMENT, { input: { ticketId, body: 'A reply', visibility: op.visibility } });
            else {
              const change =
                op.kind === 'title'
                  ? { title: TITLES[op.title] }
                  : op.kind === 'status'
                    ? { status: op.status }
                    : { assigneeId: op.assignee && ids[op.assignee] };
              result = await t.gql(token(op.actor), UPDATE, { input: { id: ticketId, ...change } });
            }
          }
          expect(result.errors).toBeUndefined(); // refusals are userErrors; anything else is a failure
          const payload = Object.values(result.data as Record<string, { ticket: { id: string; updatedAt: string } | null }>)[0];
          if (!payload.ticket) return;
          if (op.kind === 'create') {
            ticketIds.push(payload.ticket.id);
            label.set(payload.ticket.id, `T${ticketIds.length - 1}`);
          }
          changes.push({
            ticketId: payload.ticket.id,
            updatedAt: payload.ticket.updatedAt,
            always: op.kind === 'create' || op.kind === 'comment',
          });
        }

        // the clients: each keeps a copy, its last endCursor, and everything it received in order
        const clients = CLIENTS.map((actor) => ({
          actor,
          copy: new Map<string, Copy>(),
          after: null as string | null,
          received: [] as string[][],
        }));
        async function poll(client: (typeof clients)[number]): Promise<void> {
          for (;;) {
            const result = await t.gql(token(client.actor), SYNC, { first: spec.pageSize, after: client.after, since });
            expect(result.errors).toBeUndefined();
            const { edges, pageInfo } = result.data.tickets;
            for (const { node } of edges) {
              client.copy.set(node.id, {
                title: node.title,
                status: node.status,
                assigneeId: node.assignee?.id ?? null,
                updatedAt: node.updatedAt,
              });
              client.received.push([node.updatedAt, node.id]);
            }
            client.after = pageInfo.endCursor ?? client.after;
            if (!pageInfo.hasNextPage) return;
          }
        }

        let writing = true;
        const writers = Promise.all(
          spec.writers.map(async (ops) => {
            for (const op of ops) {
              await new Promise((resolve) => setTimeout(resolve, op.pause));
              await write(op);
            }
          }),
        ).finally(() => (writing = false));
        const syncing = Promise.all(
          clients.map(async (client) => {
            while (writing) {
              await poll(client);
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
          }),
        );
        await Promise.all([writers, syncing]);
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
        for (const client of clients) {
          await poll(client);
          // what the client holds and no longer sees is absent from `ids` (integration.md): dropped
          const held = [...client.copy.keys()];
          const seen = new Set<string>();
          for (let i = 0; i < held.length; i += 100) {
            const result = await t.gql(token(client.actor), BY_IDS, { ids: held.slice(i, i + 100) });
            for (const { node } of result.data.tickets.edges) seen.add(node.id);
          }
          for (const id of held) if (!seen.has(id)) client.copy.delete(id);
        }

        // the server's state: the rows, read directly; who sees what: the reference model
        const rows = await t.app.database.dataSource.manager.find(TicketEntity);
        world.tickets = rows.map((r) => ({ id: r.id, companyId: r.companyId, requesterId: r.requesterId, assigneeId: r.assigneeId }));
        const rowOf = new Map(rows.map((r) => [r.id, r]));
        const lastChange = new Map<string, string>();
        for (const c of changes) if ((lastChange.get(c.ticketId) ?? '') < c.updatedAt) lastChange.set(c.ticketId, c.updatedAt);
        // every comment and creation moved its ticket's updatedAt: no two of them on a ticket carry the same
        // stamp (an update may change nothing, and then keeps the stamp it found)
        const stamps = changes.filter((c) => c.always).map((c) => `${c.ticketId} ${c.updatedAt}`);
        same(
          b,
          'changes of a ticket with the same updatedAt',
          stamps.filter((x, i) => stamps.indexOf(x) !== i),
          [],
        );
        if (process.env.SYNC_PROPERTY_LOG)
          console.log(
            `${changes.length - spec.seeded.length} changes, received ${clients.map((c) => `${c.actor} ${c.received.length}`).join(', ')}`,
          );
        same(
          b,
          'each ticket carries the stamp of its last change',
          rows.map((r) => [r.id, r.updatedAt.toISOString()]).sort(),
          [...lastChange].sort(),
        );
        for (const client of clients) {
          const visible = client.actor === 'staff' ? rows.map((r) => r.id) : [...model.visibleTicketIds(world, ids[client.actor])];
          const expected = Object.fromEntries(
            visible.sort().map((id) => {
              const r = rowOf.get(id)!;
              return [id, { title: r.title, status: r.status, assigneeId: r.assigneeId, updatedAt: r.updatedAt.toISOString() }];
            }),
          );
          const copy = Object.fromEntries([...client.copy].sort(([a], [b]) => (a < b ? -1 : 1)));
          same(b, `${client.actor}'s copy`, copy, expected);
          const missed = changes.filter((c) => c.ticketId in expected && !(copy[c.ticketId]?.updatedAt >= c.updatedAt));
          same(b, `changes ${client.actor} missed`, missed, []);
          const backwards = client.received.filter(
            (key, i) =>
              i > 0 &&
              (key[0] < client.received[i - 1][0] || (key[0] === client.received[i - 1][0] && key[1] <= client.received[i - 1][1])),
          );
          same(b, `${client.actor} received out of (updatedAt, id) order or twice`, backwards, []);
        }
      }),
    PROPERTY_TIMEOUT,
  );
});
