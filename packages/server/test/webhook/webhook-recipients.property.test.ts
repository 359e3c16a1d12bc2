/**
 * Property (issue 15): for random small worlds — company forests with random settings, customers
 * with memberships (roles, capabilities with and without TICKETS / SOLVER), staff ADMIN and AGENT,
 * disabled accounts, webhooks of any account with and without a company restriction, with event
 * filters, on and off — and a random sequence of calls through the real GraphQL API by random actors
 * (createTicket, updateTicket status/assignee/title, addTicketComment PUBLIC/INTERNAL by staff and
 * customers, owners acting on tickets their own webhooks follow, and between them settings changes,
 * company moves, role and capability changes, membership removals, disabling and enabling accounts,
 * webhooks turned off and on), after every call:
 *
 * - a call the reference model refuses writes no delivery; an allowed one succeeds;
 * - the delivery rows it wrote are exactly what the reference model predicts (integration.md): for each
 *   of the call's webhook events, every webhook that is on, subscribed to the event, whose owner is
 *   not disabled and sees the ticket right after the change (test/reference-model.ts, by any grant,
 *   within the webhook's company subtree when it has one), and, for an INTERNAL comment, is staff —
 *   the actor's own webhooks included;
 * - each row's payload is the envelope with the ticket and comment as the model has them, one event id
 *   per event, and the call's events numbered in order (COMMENT_ADDED before a reopening's TICKET_UPDATED).
 *
 * The prediction uses the reference model only. One app for the file; every run wipes all rows first.
 * Runs: WEBHOOK_PROPERTY_RUNS, else PROPERTY_RUNS, else 100 (never fewer). Replay a failure with
 * PROPERTY_SEED=<seed> PROPERTY_PATH=<path>.
 */
import fc from 'fast-check';
import { StaffRole } from '../../src/modules/account/account.entity';
import type { TicketStatus as ServerTicketStatus } from '../../src/modules/ticket/ticket.entity';
import { newId } from '../../src/shared/ids';
import * as model from '../reference-model';
import { assertWorlds, PROPERTY_TIMEOUT, propertyRuns, same, serverLogger } from '../support/property-runs';
import * as worlds from '../support/property-worlds';
import { startTestApp, TestApp } from '../support/test-app';
import { ADD_COMMENT, CREATE_TICKET, REMOVE_MEMBERSHIP, UPDATE_COMPANY, UPDATE_TICKET } from '../conversation/support';
import { deliveryRows, DeliveryRow, SET_ACTIVE, WEBHOOK_TEST_ENV } from './support';

// at least 100 worlds (issue 15); 100 unless WEBHOOK_PROPERTY_RUNS (or PROPERTY_RUNS) asks for more
const NUM_RUNS = Math.max(
  100,
  process.env.WEBHOOK_PROPERTY_RUNS || process.env.PROPERTY_RUNS ? propertyRuns('WEBHOOK_PROPERTY_RUNS', 'PROPERTY_RUNS') : 100,
);

type WebhookEvent = 'TICKET_CREATED' | 'TICKET_UPDATED' | 'COMMENT_ADDED';
const EVENTS: WebhookEvent[] = ['TICKET_CREATED', 'TICKET_UPDATED', 'COMMENT_ADDED'];
const STATUSES: model.TicketStatus[] = ['NEW', 'OPEN', 'WAITING', 'RESOLVED', 'CLOSED'];

// ---------------------------------------------------------------------------------------
// Random worlds and calls (indices, resolved modulo when used)
// ---------------------------------------------------------------------------------------

interface WebhookSpec {
  owner: number;
  events: WebhookEvent[];
  company: number | null;
  active: boolean;
}

interface WorldSpec {
  companies: worlds.CompanySpec[];
  customers: Array<{ disabled: boolean; memberships: worlds.MembershipSpec[] }>;
  /** staff[0] is the operator: an ADMIN, never disabled */
  staff: Array<{ role: model.StaffRole; disabled: boolean }>;
  tickets: Array<{ company: number; requester: number | null; assignee: number | null; status: model.TicketStatus }>;
  webhooks: WebhookSpec[];
  calls: CallSpec[];
}

/** An actor: any account, a customer who sees the ticket now, or the owner of a webhook (its own actions). */
type ActorSpec = { any: number } | { seer: number } | { owner: number };

type CallSpec =
  | { kind: 'comment'; actor: ActorSpec; ticket: number; visibility: model.CommentVisibility }
  | { kind: 'create'; actor: ActorSpec; company: number; requester: number | null }
  | {
      kind: 'update';
      actor: ActorSpec;
      ticket: number;
      status: model.TicketStatus | null;
      assign: 'keep' | 'unassign' | number;
      rename: boolean;
    }
  | { kind: 'settings'; company: number; settings: Partial<worlds.Settings> }
  | { kind: 'move'; company: number; parent: number | null }
  | { kind: 'membership'; membership: number; role: model.Role | null; capabilities: model.Capability[] | null }
  | { kind: 'disable'; account: number }
  | { kind: 'removeMembership'; membership: number }
  | { kind: 'toggle'; webhook: number };

const anyIndex = fc.nat({ max: 30 });
const actorArb: fc.Arbitrary<ActorSpec> = fc.oneof(
  fc.record({ any: anyIndex }),
  fc.record({ seer: anyIndex }),
  fc.record({ owner: anyIndex }),
);

const callArb: fc.Arbitrary<CallSpec> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      actor: actorArb,
      ticket: anyIndex,
      visibility: worlds.weighted<model.CommentVisibility>('PUBLIC', 'INTERNAL', 2),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      actor: actorArb,
      company: anyIndex,
      requester: fc.option(anyIndex, { freq: 4, nil: null }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      actor: actorArb,
      ticket: anyIndex,
      status: fc.option(fc.constantFrom(...STATUSES), { freq: 3, nil: null }),
      assign: fc.oneof(fc.constant('keep' as const), fc.constant('unassign' as const), anyIndex),
      rename: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settings' as const), company: anyIndex, settings: worlds.settingsChangeArb }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('move' as const), company: anyIndex, parent: fc.option(anyIndex, { freq: 3, nil: null }) }),
  },
  { weight: 1, arbitrary: worlds.membershipChangeArb(anyIndex) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disable' as const), account: anyIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeMembership' as const), membership: anyIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle' as const), webhook: anyIndex }) },
);

const worldArb: fc.Arbitrary<WorldSpec> = fc.integer({ min: 2, max: 5 }).chain((n) => {
  const companyIndex = fc.nat({ max: n - 1 });
  return fc.record({
    companies: worlds.companyForestArb(n, worlds.settingsArb(5)),
    customers: fc.array(
      fc.record({ disabled: worlds.weighted(false, true, 7), memberships: worlds.membershipsArb(n, { minLength: 1, defaultsOneIn: 3 }) }),
      { minLength: 2, maxLength: 5 },
    ),
    staff: fc.tuple(
      fc.record({ role: fc.constant<model.StaffRole>('ADMIN'), disabled: fc.constant(false) }),
      fc.record({ role: fc.constantFrom<model.StaffRole>('ADMIN', 'AGENT'), disabled: worlds.weighted(false, true, 4) }),
    ),
    tickets: fc.array(
      fc.record({
        company: companyIndex,
        requester: fc.option(anyIndex, { freq: 8, nil: null }),
        assignee: fc.option(anyIndex, { freq: 2, nil: null }),
        status: fc.constantFrom(...STATUSES),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    webhooks: fc.array(
      fc.record({
        owner: anyIndex,
        events: fc.subarray(EVENTS, { minLength: 1 }),
        company: fc.option(companyIndex, { freq: 2, nil: null }),
        active: worlds.weighted(true, false, 6),
      }),
      { minLength: 1, maxLength: 7 },
    ),
    calls: fc.array(callArb, { minLength: 2, maxLength: 12 }),
  });
});

// ---------------------------------------------------------------------------------------
// Building a world in the database and in the model
// ---------------------------------------------------------------------------------------

interface RefWebhook {
  id: string;
  ownerId: string;
  events: WebhookEvent[];
  companyId: string | null;
  active: boolean;
}

interface Built {
  world: model.RefWorld;
  webhooks: RefWebhook[];
  operator: string;
  accounts: string[];
  tokens: Map<string, string>;
  label: Map<string, string>;
  titles: Map<string, string>;
  bodies: Map<string, string>;
  comments: number;
  tickets: number;
}

async function build(t: TestApp, spec: WorldSpec): Promise<Built> {
  const world: model.RefWorld = { companies: [], accounts: [], memberships: [], tickets: [], comments: [] };
  const label = new Map<string, string>();
  const accounts: string[] = [];
  const companyIds = await worlds.buildCompanies(t, { world, label }, spec.companies);
  const addAccount = async (name: string, staffRole: model.StaffRole | null, disabled: boolean) => {
    const account = await t.factories.account({ staffRole: staffRole as StaffRole | null, disabled, firstName: name });
    world.accounts.push({ id: account.id, staffRole, disabled });
    label.set(account.id, `${name}${disabled ? '(disabled)' : ''}`);
    accounts.push(account.id);
    return account.id;
  };
  const customers: string[] = [];
  for (const [i, c] of spec.customers.entries()) customers.push(await addAccount(`U${i}`, null, c.disabled));
  for (const [i, s] of spec.staff.entries()) await addAccount(`S${i}${s.role}`, s.role, s.disabled);
  const operator = accounts[customers.length];
  await worlds.buildMemberships(t, { world, label }, companyIds, customers, spec.customers);

  const titles = new Map<string, string>();
  for (const [i, s] of spec.tickets.entries()) {
    const id = newId('Ticket');
    const requesterId = s.requester === null ? null : accounts[s.requester % accounts.length];
    const assigneeId = s.assignee === null ? null : accounts[s.assignee % accounts.length];
    titles.set(id, `Ticket T${i}`);
    await t.factories.ticket({
      id,
      company: companyIds[s.company],
      requester: requesterId,
      assignee: assigneeId,
      status: s.status as ServerTicketStatus,
      title: `Ticket T${i}`,
    });
    world.tickets.push({ id, companyId: companyIds[s.company], requesterId, assigneeId, status: s.status });
    label.set(id, `T${i}`);
  }

  // written directly: which webhooks may be created is webhook-api.test.ts's business; here, who they reach
  const webhooks: RefWebhook[] = [];
  const sealed = t.app.deps.secrets.seal('whsec_property');
  for (const [i, h] of spec.webhooks.entries()) {
    const id = newId('Webhook');
    const hook: RefWebhook = {
      id,
      ownerId: accounts[h.owner % accounts.length],
      events: [...h.events],
      companyId: h.company === null ? null : companyIds[h.company],
      active: h.active,
    };
    await t.app.deps.transactions.run((db) =>
      db.query(
        `INSERT INTO webhook (id, account_id, url, events, company_id, secret_sealed, active, consecutive_failures, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`,
        [
          id,
          hook.ownerId,
          `http://127.0.0.1:9/h${i}`,
          [...hook.events].sort().join(','),
          hook.companyId,
          sealed,
          hook.active ? 1 : 0,
          '2026-01-01 00:00:00.000',
        ],
      ),
    );
    webhooks.push(hook);
    label.set(id, `W${i}(${label.get(hook.ownerId)}${hook.companyId ? '@' + label.get(hook.companyId) : ''})`);
  }

  return {
    world,
    webhooks,
    operator,
    accounts,
    tokens: await worlds.signInAll(t, accounts),
    label,
    titles,
    bodies: new Map(),
    comments: 0,
    tickets: spec.tickets.length,
  };
}

// ---------------------------------------------------------------------------------------
// The prediction: the reference model only
// ---------------------------------------------------------------------------------------

interface PredictedEvent {
  event: WebhookEvent;
  ticketId: string;
  commentId?: string;
}

/** integration.md's webhook rule over the model's world right after the change. */
function predictedWebhooks(b: Built, e: PredictedEvent): string[] {
  const w = b.world;
  const ticket = w.tickets.find((x) => x.id === e.ticketId)!;
  const comment = e.commentId ? w.comments!.find((c) => c.id === e.commentId) : undefined;
  return b.webhooks
    .filter((h) => {
      const owner = w.accounts.find((a) => a.id === h.ownerId)!;
      if (!h.active || owner.disabled || !h.events.includes(e.event)) return false;
      // sees the ticket by any grant, inside the webhook's company subtree when it has one
      if (!model.visibleTicketIdsWithin(w, h.ownerId, h.companyId).has(ticket.id)) return false;
      if (comment?.visibility === 'INTERNAL' && owner.staffRole === null) return false;
      return true;
    })
    .map((h) => h.id)
    .sort();
}

// ---------------------------------------------------------------------------------------
// Calls and comparisons
// ---------------------------------------------------------------------------------------

interface Run {
  t: TestApp;
  b: Built;
  seen: Set<string>;
  step: string;
}

/** The delivery rows written since the last call. */
async function newDeliveries(run: Run): Promise<DeliveryRow[]> {
  const rows = (await deliveryRows(run.t)).filter((r) => !run.seen.has(r.id));
  for (const r of rows) run.seen.add(r.id);
  return rows;
}

const stats = new Map<string, number>();
const tally = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);

/** The rows of one successful call against the model's events, in order. */
function checkDeliveries(run: Run, events: PredictedEvent[], rows: DeliveryRow[]): void {
  const { b } = run;
  const w = b.world;
  same(
    b,
    `${run.step}: events with deliveries`,
    [...new Set(rows.map((r) => r.event))].sort(),
    events
      .filter((e) => predictedWebhooks(b, e).length > 0)
      .map((e) => e.event)
      .sort(),
  );
  let lastSeq = -1;
  for (const e of events) {
    const mine = rows.filter((r) => r.event === e.event);
    const expected = predictedWebhooks(b, e);
    tally(`${e.event} to ${expected.length === 0 ? 'no' : expected.length < 3 ? 'few' : 'many'} webhooks`);
    const what = `${run.step}: ${e.event}`;
    same(b, `${what}: webhooks reached`, mine.map((r) => r.webhookId).sort(), expected);
    if (mine.length === 0) continue;
    same(
      b,
      `${what}: one event id, one number`,
      [new Set(mine.map((r) => r.eventId)).size, new Set(mine.map((r) => r.eventSeq)).size],
      [1, 1],
    );
    same(b, `${what}: numbered after the call's earlier events`, mine[0].eventSeq > lastSeq, true);
    lastSeq = mine[0].eventSeq;
    const ticket = w.tickets.find((x) => x.id === e.ticketId)!;
    const comment = e.commentId ? w.comments!.find((c) => c.id === e.commentId)! : null;
    for (const row of mine) {
      const body = JSON.parse(row.payload);
      same(
        b,
        `${what}: payload to ${row.webhookId}`,
        {
          id: body.id,
          event: body.event,
          ticket: [
            body.ticket.id,
            body.ticket.title,
            body.ticket.status,
            body.ticket.companyId,
            body.ticket.requesterId,
            body.ticket.assigneeId,
          ],
          comment: body.comment && [body.comment.id, body.comment.body, body.comment.visibility, body.comment.authorId],
        },
        {
          id: row.id,
          event: e.event,
          ticket: [
            ticket.id,
            b.titles.get(ticket.id),
            model.statusOf(w, ticket.id),
            ticket.companyId,
            ticket.requesterId,
            ticket.assigneeId,
          ],
          comment: comment && [comment.id, b.bodies.get(comment.id), comment.visibility, comment.authorId],
        },
      );
      if (b.webhooks.find((h) => h.id === row.webhookId)!.ownerId === w.tickets.find((x) => x.id === e.ticketId)!.requesterId)
        tally('own ticket');
    }
  }
}

function outcomeOf(result: { data?: any; errors?: Array<{ extensions?: { code?: string } }> }): { code: string | null; payload: any } {
  if (result.errors?.length) return { code: String(result.errors[0].extensions?.code), payload: null };
  const payload = result.data.r;
  return { code: payload.userErrors.length ? payload.userErrors[0].code : null, payload };
}

async function step(run: Run, call: CallSpec, index: number): Promise<void> {
  const { t, b } = run;
  const w = b.world;
  const pick = <T>(list: T[], i: number) => list[i % list.length];
  const isStaffAccount = (id: string) => w.accounts.find((a) => a.id === id)!.staffRole !== null;
  const actorOf = (actor: ActorSpec, ticketId: string | null) => {
    if ('any' in actor) return pick(b.accounts, actor.any);
    if ('owner' in actor) return pick(b.webhooks, actor.owner).ownerId;
    const seers = ticketId ? b.accounts.filter((id) => !isStaffAccount(id) && model.canSeeTicket(w, id, ticketId)) : [];
    return seers.length ? pick(seers, actor.seer) : pick(b.accounts, actor.seer);
  };
  const call_ = async (actorId: string, query: string, variables: Record<string, unknown>) =>
    outcomeOf(await t.gql(b.tokens.get(actorId)!, query, variables));
  const expectRefused = async (outcome: { code: string | null }, refusals: model.Refusal[]) => {
    tally(`${call.kind} refused`);
    same(b, `${run.step}: refused with one of ${refusals.join('/')}`, refusals.includes(outcome.code as model.Refusal), true);
    same(b, `${run.step}: a refused call writes no delivery`, (await newDeliveries(run)).length, 0);
  };
  const expectDone = (outcome: { code: string | null }) => {
    same(b, `${run.step}: succeeds`, outcome.code, null);
    tally(`${call.kind} ok`);
  };
  const noDeliveries = async () => same(b, `${run.step}: no delivery`, (await newDeliveries(run)).length, 0);

  if (call.kind === 'comment') {
    const ticket = pick(w.tickets, call.ticket);
    const actorId = actorOf(call.actor, ticket.id);
    const n = ++b.comments;
    const body = `${call.visibility === 'INTERNAL' ? 'Internal note' : 'Reply'} ${n} by ${b.label.get(actorId)}`;
    run.step = `call ${index}: ${b.label.get(actorId)} comments ${call.visibility} on ${b.label.get(ticket.id)}`;
    const refusals = model.commentRefusals(w, actorId, ticket.id, call.visibility);
    const statusBefore = model.statusOf(w, ticket.id);
    const outcome = await call_(actorId, ADD_COMMENT, { input: { ticketId: ticket.id, body, visibility: call.visibility } });
    if (refusals.length) return expectRefused(outcome, refusals);
    expectDone(outcome);
    const id = outcome.payload.comment.id;
    b.label.set(id, `comment${n}`);
    b.bodies.set(id, body);
    model.addComment(w, { id, ticketId: ticket.id, authorId: actorId, visibility: call.visibility });
    const events: PredictedEvent[] = [{ event: 'COMMENT_ADDED', ticketId: ticket.id, commentId: id }];
    // a reply that reopens the ticket changed its status: TICKET_UPDATED too, after the comment
    if (model.statusOf(w, ticket.id) !== statusBefore) {
      tally('reopened');
      events.push({ event: 'TICKET_UPDATED', ticketId: ticket.id });
    }
    return checkDeliveries(run, events, await newDeliveries(run));
  }

  if (call.kind === 'create') {
    const actorId = actorOf(call.actor, null);
    const company = pick(w.companies, call.company);
    const requesterId = call.requester === null ? actorId : pick(b.accounts, call.requester);
    run.step = `call ${index}: ${b.label.get(actorId)} creates a ticket in ${b.label.get(company.id)} for ${b.label.get(requesterId)}`;
    const refusals = model.createTicketRefusals(w, actorId, company.id, requesterId);
    const title = `New ticket ${index}`;
    const outcome = await call_(actorId, CREATE_TICKET, {
      input: { companyId: company.id, title, ...(call.requester === null ? {} : { requesterId }) },
    });
    if (refusals.length) return expectRefused(outcome, refusals);
    expectDone(outcome);
    const id = outcome.payload.ticket.id;
    b.label.set(id, `T${b.tickets++}`);
    b.titles.set(id, title);
    model.createTicket(w, { id, companyId: company.id, requesterId, assigneeId: null }, actorId);
    return checkDeliveries(run, [{ event: 'TICKET_CREATED', ticketId: id }], await newDeliveries(run));
  }

  if (call.kind === 'update') {
    const ticket = pick(w.tickets, call.ticket);
    const actorId = actorOf(call.actor, ticket.id);
    const change: model.RefTicketChange = {};
    if (call.status !== null) change.status = call.status;
    if (call.assign === 'unassign') change.assigneeId = null;
    else if (call.assign !== 'keep') change.assigneeId = pick(b.accounts, call.assign);
    const title = call.rename || Object.keys(change).length === 0 ? `Renamed at ${index}` : null;
    run.step = `call ${index}: ${b.label.get(actorId)} updates ${b.label.get(ticket.id)} ${JSON.stringify({ ...change, title })}`;
    const refusals = model.updateTicketRefusals(w, actorId, ticket.id, change);
    const before = { status: model.statusOf(w, ticket.id), assigneeId: ticket.assigneeId, title: b.titles.get(ticket.id) };
    const outcome = await call_(actorId, UPDATE_TICKET, { input: { id: ticket.id, ...change, ...(title ? { title } : {}) } });
    if (refusals.length) return expectRefused(outcome, refusals);
    expectDone(outcome);
    model.updateTicket(w, actorId, ticket.id, change);
    if (title) b.titles.set(ticket.id, title);
    const changed =
      before.status !== model.statusOf(w, ticket.id) || before.assigneeId !== ticket.assigneeId || before.title !== b.titles.get(ticket.id);
    if (!changed) tally('update without change');
    return checkDeliveries(run, changed ? [{ event: 'TICKET_UPDATED', ticketId: ticket.id }] : [], await newDeliveries(run));
  }

  if (call.kind === 'settings') {
    const company = pick(w.companies, call.company);
    run.step = `call ${index}: the operator sets ${JSON.stringify(call.settings)} on ${b.label.get(company.id)}`;
    expectDone(await call_(b.operator, UPDATE_COMPANY, { input: { id: company.id, settings: call.settings } }));
    Object.assign(company, call.settings);
    return noDeliveries();
  }

  if (call.kind === 'move') {
    const company = pick(w.companies, call.company);
    const parentId = call.parent === null ? null : pick(w.companies, call.parent).id;
    run.step = `call ${index}: the operator moves ${b.label.get(company.id)} under ${parentId && b.label.get(parentId)}`;
    const outcome = await call_(
      b.operator,
      `mutation($id: ID!, $parentId: ID) { r: moveCompany(id: $id, parentId: $parentId) { company { id } userErrors { code } } }`,
      { id: company.id, parentId },
    );
    same(b, run.step, outcome.code, model.moveCompany(w, company.id, parentId) === 'CYCLE' ? 'CYCLE' : null);
    return noDeliveries();
  }

  if (call.kind === 'membership') {
    if (w.memberships.length === 0) return;
    const membership = pick(w.memberships, call.membership);
    run.step = `call ${index}: the operator sets ${b.label.get(membership.id)} to ${call.role} ${JSON.stringify(call.capabilities)}`;
    expectDone(
      await call_(
        b.operator,
        `mutation($input: UpdateMembershipInput!) { r: updateMembership(input: $input) { membership { id } userErrors { code } } }`,
        { input: { id: membership.id, role: call.role, capabilities: call.capabilities } },
      ),
    );
    if (call.role !== null) membership.role = call.role;
    if (call.capabilities !== null) membership.capabilities = [...call.capabilities];
    return noDeliveries();
  }

  if (call.kind === 'disable') {
    const account = pick(
      w.accounts.filter((a) => a.id !== b.operator),
      call.account,
    );
    const disabled = !account.disabled;
    run.step = `call ${index}: the operator ${disabled ? 'disables' : 'enables'} ${b.label.get(account.id)}`;
    expectDone(
      await call_(
        b.operator,
        `mutation($id: ID!, $disabled: Boolean!) { r: setAccountDisabled(id: $id, disabled: $disabled) { account { id } userErrors { code } } }`,
        { id: account.id, disabled },
      ),
    );
    account.disabled = disabled;
    if (!disabled) b.tokens.set(account.id, await t.factories.signIn(account.id));
    return noDeliveries();
  }

  if (call.kind === 'toggle') {
    const hook = pick(b.webhooks, call.webhook);
    run.step = `call ${index}: the operator turns ${b.label.get(hook.id)} ${hook.active ? 'off' : 'on'}`;
    expectDone(await call_(b.operator, SET_ACTIVE, { id: hook.id, active: !hook.active }));
    hook.active = !hook.active;
    return noDeliveries();
  }

  if (w.memberships.length === 0) return;
  const membership = pick(w.memberships, call.membership);
  run.step = `call ${index}: the operator removes ${b.label.get(membership.id)}`;
  expectDone(await call_(b.operator, REMOVE_MEMBERSHIP, { id: membership.id }));
  w.memberships.splice(w.memberships.indexOf(membership), 1);
  return noDeliveries();
}

// ---------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------

describe('webhook deliveries match the reference model (property)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ logger: serverLogger, env: WEBHOOK_TEST_ENV });
  });
  afterAll(() => t?.close());

  it(
    `holds for random worlds and calls (${NUM_RUNS} runs)`,
    async () => {
      let deliveries = 0;
      let calls = 0;
      await assertWorlds(t, worldArb, NUM_RUNS, async (spec) => {
        const b = await build(t, spec);
        const run: Run = { t, b, seen: new Set(), step: 'build' };
        for (const [i, call] of spec.calls.entries()) await step(run, call, i);
        calls += spec.calls.length;
        deliveries += run.seen.size;
      });
      if (process.env.STATS)
        console.log(
          [...stats]
            .sort()
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n'),
        );
      // the worlds must exercise the rule, not only refusals
      expect(deliveries).toBeGreaterThan(NUM_RUNS);
      expect(calls).toBeGreaterThan(NUM_RUNS);
    },
    PROPERTY_TIMEOUT,
  );
});
