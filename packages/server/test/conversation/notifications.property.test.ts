/**
 * Property (issue 12): for random small worlds — company forests with random settings, customers
 * with memberships (roles, capabilities with and without TICKETS / SOLVER, several companies),
 * staff ADMIN and AGENT, disabled accounts, notification levels (null = the default of the
 * account's kind), languages, tickets with requesters, assignees and statuses — and a random
 * sequence of events made through the real GraphQL API by random actors (createTicket,
 * addTicketComment PUBLIC/INTERNAL by staff and customers, updateTicket status/assignee, and
 * between them setNotificationLevel, and as a staff ADMIN setting changes, company moves, role and
 * capability changes, membership removals, disabling and enabling accounts), after every call:
 *
 * - a call the reference model refuses is refused with one of the model's codes and writes no
 *   comment and no mail; an allowed one succeeds;
 * - the recipients of each event, read from its outbox rows (one event id each), are exactly
 *   the model's recipients (conversation.md's five conditions, test/reference-model.ts);
 * - each mail: to the account's address, in its language (en/de/sk, else en), kind NOTIFICATION,
 *   headers X-Clientele-Event and X-Clientele-Ticket (on the row and on the mail the mailer got),
 *   the ticket link exactly once in the text part, a COMMENT_ADDED mail quotes the comment and
 *   names its author; delivered exactly once (the test app delivers after each call);
 * - no mail to a customer ever contains the text of any internal note of the run;
 * - `ticketAudience` equals the model's audience, contains every customer recipient, and the
 *   customer recipients are exactly the audience members (not the actor) whose level admits the
 *   event (participates, or ALL with a COMPANY_WIDE grant, or the new assignee of ASSIGNED);
 * - after the events, every account that can sign in reads each ticket's comments (those it may
 *   read, oldest first, totalCount, authors; null for tickets it does not see) and the accounts
 *   it sees (comment authors included) as the model says.
 *
 * One app for the file; every run wipes all rows first. Runs: NOTIFICATION_PROPERTY_RUNS, else
 * PROPERTY_RUNS, else 200. Replay a failure with PROPERTY_SEED=<seed> PROPERTY_PATH=<path>.
 */
import fc from 'fast-check';
import { StaffRole } from '../../src/modules/account/account.entity';
import type { TicketStatus as ServerTicketStatus } from '../../src/modules/ticket/ticket.entity';
import { newId } from '../../src/shared/ids';
import { FakeMailer } from '../outbox/fake-mailer';
import * as model from '../reference-model';
import { assertWorlds, grantKeys, PROPERTY_TIMEOUT, propertyRuns, same, serverLogger, sortedIds as sorted } from '../support/property-runs';
import * as worlds from '../support/property-worlds';
import { startTestApp, TestApp } from '../support/test-app';
import {
  ADD_COMMENT,
  CREATE_TICKET,
  MailRow,
  occurrences,
  outboxRows,
  countRows,
  REMOVE_MEMBERSHIP,
  SET_LEVEL,
  UPDATE_COMPANY,
  UPDATE_TICKET,
} from './support';

const NUM_RUNS = propertyRuns('NOTIFICATION_PROPERTY_RUNS', 'PROPERTY_RUNS');

const PUBLIC_URL = 'http://portal.test'; // startTestApp's PUBLIC_URL
const STATUSES: model.TicketStatus[] = ['NEW', 'OPEN', 'WAITING', 'RESOLVED', 'CLOSED'];
const LEVELS: model.NotificationLevel[] = ['ALL', 'PARTICIPATING', 'NONE'];
const LANGUAGES = ['en', 'de', 'sk', 'fr', 'de-AT'];

// ---------------------------------------------------------------------------------------
// Random worlds and events (indices, resolved modulo when used)
// ---------------------------------------------------------------------------------------

interface WorldSpec {
  companies: worlds.CompanySpec[];
  customers: Array<{ disabled: boolean; level: model.NotificationLevel | null; language: string; memberships: worlds.MembershipSpec[] }>;
  /** staff[0] is the operator: an ADMIN, never disabled (reads ticketAudience, changes settings) */
  staff: Array<{ role: model.StaffRole; disabled: boolean; level: model.NotificationLevel | null; language: string }>;
  tickets: Array<{ company: number; requester: number | null; assignee: number | null; status: model.TicketStatus }>;
  events: EventSpec[];
}

/** An actor: any account (index), or a customer who sees the event's ticket now (falls back to any). */
type ActorSpec = { any: number } | { seer: number };

type EventSpec =
  | { kind: 'comment'; actor: ActorSpec; ticket: number; visibility: model.CommentVisibility }
  | { kind: 'create'; actor: number; company: number; requester: number | null }
  | { kind: 'update'; actor: ActorSpec; ticket: number; status: model.TicketStatus | null; assign: 'keep' | 'unassign' | number }
  | { kind: 'level'; actor: number; target: number | null; level: model.NotificationLevel }
  | { kind: 'settings'; company: number; settings: Partial<worlds.Settings> }
  | { kind: 'move'; company: number; parent: number | null }
  | { kind: 'membership'; membership: number; role: model.Role | null; capabilities: model.Capability[] | null }
  | { kind: 'disable'; account: number }
  | { kind: 'removeMembership'; membership: number };

const levelArb = fc.option(fc.constantFrom(...LEVELS), { freq: 2, nil: null });
const anyIndex = fc.nat({ max: 30 });
const actorArb: fc.Arbitrary<ActorSpec> = fc.oneof(fc.record({ any: anyIndex }), fc.record({ seer: anyIndex }));

const eventArb: fc.Arbitrary<EventSpec> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      actor: actorArb,
      ticket: anyIndex,
      visibility: worlds.weighted<model.CommentVisibility>('PUBLIC', 'INTERNAL', 2),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      actor: anyIndex,
      company: anyIndex,
      requester: fc.option(anyIndex, { freq: 4, nil: null }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      actor: actorArb,
      ticket: anyIndex,
      status: fc.option(fc.constantFrom(...STATUSES), { freq: 3, nil: null }),
      assign: fc.oneof(fc.constant('keep' as const), fc.constant('unassign' as const), anyIndex, anyIndex),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('level' as const),
      actor: anyIndex,
      target: fc.option(anyIndex, { freq: 2, nil: null }),
      level: fc.constantFrom(...LEVELS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('settings' as const),
      company: anyIndex,
      settings: worlds.settingsChangeArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('move' as const), company: anyIndex, parent: fc.option(anyIndex, { freq: 3, nil: null }) }),
  },
  { weight: 1, arbitrary: worlds.membershipChangeArb(anyIndex) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disable' as const), account: anyIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeMembership' as const), membership: anyIndex }) },
);

const worldArb: fc.Arbitrary<WorldSpec> = fc.integer({ min: 2, max: 5 }).chain((n) => {
  const companyIndex = fc.nat({ max: n - 1 });
  return fc.record({
    companies: worlds.companyForestArb(n, worlds.settingsArb(5)),
    customers: fc.array(
      fc.record({
        disabled: worlds.weighted(false, true, 7),
        level: levelArb,
        language: fc.constantFrom(...LANGUAGES),
        memberships: worlds.membershipsArb(n, { minLength: 1, defaultsOneIn: 3 }),
      }),
      { minLength: 2, maxLength: 6 },
    ),
    staff: fc.tuple(
      fc.record({
        role: fc.constant<model.StaffRole>('ADMIN'),
        disabled: fc.constant(false),
        level: levelArb,
        language: fc.constantFrom(...LANGUAGES),
      }),
      fc.record({
        role: fc.constant<model.StaffRole>('AGENT'),
        disabled: worlds.weighted(false, true, 5),
        level: levelArb,
        language: fc.constantFrom(...LANGUAGES),
      }),
      fc.record({
        role: fc.constantFrom<model.StaffRole>('ADMIN', 'AGENT'),
        disabled: fc.constant(false),
        level: levelArb,
        language: fc.constantFrom(...LANGUAGES),
      }),
    ),
    tickets: fc.array(
      fc.record({
        company: companyIndex,
        requester: fc.option(anyIndex, { freq: 8, nil: null }),
        assignee: fc.option(anyIndex, { freq: 2, nil: null }),
        status: fc.constantFrom(...STATUSES),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    events: fc.array(eventArb, { minLength: 2, maxLength: 14 }),
  });
});

// ---------------------------------------------------------------------------------------
// Building a world in the database and in the model
// ---------------------------------------------------------------------------------------

interface Built {
  world: model.RefWorld;
  operator: string;
  /** every account: customers first, then staff */
  accounts: string[];
  tokens: Map<string, string>;
  people: Map<string, { email: string; name: string; language: string }>;
  /** readable names for failure messages: C0, U1, S0(ADMIN), T2, ... */
  label: Map<string, string>;
  /** the text of every internal note written in this run */
  internalNotes: string[];
  /** the text of every comment, by id */
  bodies: Map<string, string>;
  /** the title of every ticket, by id */
  titles: Map<string, string>;
  comments: number;
  tickets: number;
}

async function build(t: TestApp, spec: WorldSpec): Promise<Built> {
  const world: model.RefWorld = { companies: [], accounts: [], memberships: [], tickets: [], comments: [] };
  const label = new Map<string, string>();
  const people = new Map<string, { email: string; name: string; language: string }>();
  const accounts: string[] = [];
  const companyIds = await worlds.buildCompanies(t, { world, label }, spec.companies);

  const addAccount = async (
    name: string,
    options: { staffRole: model.StaffRole | null; disabled: boolean; level: model.NotificationLevel | null; language: string },
  ) => {
    const account = await t.factories.account({
      staffRole: options.staffRole as StaffRole | null,
      disabled: options.disabled,
      language: options.language,
      firstName: name,
      lastName: 'Tester',
    });
    if (options.level !== null)
      await t.app.database.dataSource.query(`UPDATE account SET notification_level = ? WHERE id = ?`, [options.level, account.id]);
    world.accounts.push({ id: account.id, staffRole: options.staffRole, disabled: options.disabled, notificationLevel: options.level });
    people.set(account.id, { email: account.email, name: `${name} Tester`, language: options.language });
    label.set(account.id, `${name}${options.disabled ? '(disabled)' : ''}`);
    accounts.push(account.id);
    return account.id;
  };
  const customers: string[] = [];
  for (const [i, c] of spec.customers.entries()) customers.push(await addAccount(`U${i}`, { staffRole: null, ...c }));
  for (const [i, s] of spec.staff.entries()) await addAccount(`S${i}${s.role}`, { staffRole: s.role, ...s });
  const operator = accounts[customers.length];

  await worlds.buildMemberships(t, { world, label }, companyIds, customers, spec.customers);

  const titles = new Map<string, string>();
  for (const [i, s] of spec.tickets.entries()) {
    const id = newId('Ticket');
    titles.set(id, `Ticket T${i}`);
    const requesterId = s.requester === null ? null : accounts[s.requester % accounts.length];
    const assigneeId = s.assignee === null ? null : accounts[s.assignee % accounts.length];
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

  return {
    world,
    operator,
    accounts,
    tokens: await worlds.signInAll(t, accounts),
    people,
    label,
    internalNotes: [],
    bodies: new Map(),
    titles,
    comments: 0,
    tickets: spec.tickets.length,
  };
}

// ---------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------

const isStaffAccount = (b: Built, id: string) => b.world.accounts.find((a) => a.id === id)!.staffRole !== null;
const mailLanguage = (tag: string) => {
  const primary = tag.toLowerCase().split('-')[0];
  return primary === 'de' || primary === 'sk' ? primary : 'en';
};

/** The outcome of one call: its payload's first error code, UNAUTHENTICATED, or null (success). */
function outcomeOf(result: { data?: any; errors?: Array<{ extensions?: { code?: string } }> }): { code: string | null; payload: any } {
  if (result.errors?.length) return { code: String(result.errors[0].extensions?.code), payload: null };
  const payload = result.data.r;
  return { code: payload.userErrors.length ? payload.userErrors[0].code : null, payload };
}

interface Run {
  t: TestApp;
  mailer: FakeMailer;
  b: Built;
  /** ids of the outbox rows seen before the current call */
  seen: Set<string>;
  step: string;
}

/** After a call: its new outbox rows (and that each was delivered exactly once, with the headers). */
async function newMails(run: Run): Promise<MailRow[]> {
  const rows = (await outboxRows(run.t)).filter((r) => !run.seen.has(r.id));
  for (const r of rows) run.seen.add(r.id);
  for (const row of rows) {
    const sent = run.mailer.sent.filter((m) => m.messageId === row.id);
    same(
      run.b,
      `${run.step}: mail ${row.id} to ${row.recipientAccountId} delivered once and SENT`,
      { sent: sent.length, status: row.status },
      { sent: 1, status: 'SENT' },
    );
    same(
      run.b,
      `${run.step}: headers of the mail sent to ${row.recipientAccountId}`,
      { event: sent[0].headers?.['X-Clientele-Event'], ticket: sent[0].headers?.['X-Clientele-Ticket'], to: sent[0].to },
      { event: row.event, ticket: row.ticketId, to: row.toAddress },
    );
  }
  return rows;
}

/**
 * The mails of one call against the model's events: one event id per event, its recipients
 * exactly the model's, every mail well formed and free of internal notes for customers; then
 * ticketAudience against the recipients.
 */
async function checkEvents(run: Run, events: model.RefEvent[], rows: MailRow[]): Promise<void> {
  const { b } = run;
  const w = b.world;
  // events of one call are of different kinds (STATUS_CHANGED and ASSIGNED at most): group by kind
  const expectedKinds = events.filter((e) => model.notificationRecipients(w, e).size > 0).map((e) => e.event);
  same(b, `${run.step}: events with mail`, sorted(new Set(rows.map((r) => r.event ?? 'null'))), sorted(expectedKinds));
  for (const e of events) {
    const mine = rows.filter((r) => r.event === e.event);
    const expected = model.notificationRecipients(w, e);
    tally(
      `${e.event}${e.commentId ? ' ' + w.comments!.find((c) => c.id === e.commentId)!.visibility : ''} with ${expected.size === 0 ? 'no' : expected.size < 3 ? 'few' : 'many'} recipients`,
    );
    for (const id of expected) tally(`recipient ${isStaffAccount(b, id) ? 'staff' : 'customer'} level ${model.notificationLevelOf(w, id)}`);
    const what = `${run.step}: ${e.event} on ${e.ticketId} by ${e.actorId}`;
    same(b, `${what}: one event id`, new Set(mine.map((r) => r.eventId)).size, expected.size > 0 ? 1 : 0);
    same(b, `${what}: recipients`, mine.map((r) => r.recipientAccountId).sort(), sorted(expected));
    const comment = e.commentId === undefined ? undefined : w.comments!.find((c) => c.id === e.commentId)!;
    for (const row of mine) {
      const recipient = row.recipientAccountId!;
      const person = b.people.get(recipient)!;
      const link = `${PUBLIC_URL}/tickets/${e.ticketId}`;
      same(
        b,
        `${what}: mail to ${recipient}`,
        {
          kind: row.kind,
          to: row.toAddress,
          language: row.language,
          ticketId: row.ticketId,
          dedupeKey: row.dedupeKey,
          headers: [row.headers['X-Clientele-Event'], row.headers['X-Clientele-Ticket'], !!row.headers['List-Unsubscribe']],
          subjectHasTitle: row.subject.includes(b.titles.get(e.ticketId)!),
          linksInText: occurrences(row.textBody, link),
          quotesComment: comment === undefined ? null : row.textBody.includes(b.bodies.get(comment.id)!),
          namesAuthor: comment === undefined ? null : row.textBody.includes(b.people.get(comment.authorId)!.name),
        },
        {
          kind: 'NOTIFICATION',
          to: person.email,
          language: mailLanguage(person.language),
          ticketId: e.ticketId,
          dedupeKey: `${row.eventId}:${recipient}`,
          headers: [e.event, e.ticketId, true],
          subjectHasTitle: true,
          linksInText: 1,
          quotesComment: comment === undefined ? null : true,
          namesAuthor: comment === undefined ? null : true,
        },
      );
    }
    if (expected.size === 0) continue;

    // ticketAudience (staff) ⊇ customer recipients, and the customer recipients are exactly the
    // audience members whose level admits the event
    const data = await run.t.gql(
      b.tokens.get(b.operator)!,
      `query($id: ID!) { ticketAudience(ticketId: $id) { account { id } grants { reason via { id } } } }`,
      {
        id: e.ticketId,
      },
    );
    if (data.errors) throw new Error(`ticketAudience: ${JSON.stringify(data.errors)}`);
    const audience = new Map<string, string[]>(
      data.data.ticketAudience.map((a: any) => [a.account.id, grantKeys(a.grants.map((g: any) => ({ reason: g.reason, via: g.via.id })))]),
    );
    same(
      b,
      `${what}: ticketAudience`,
      Object.fromEntries([...audience].sort()),
      Object.fromEntries([...model.ticketAudience(w, e.ticketId)].map(([id, grants]) => [id, grantKeys(grants)]).sort()),
    );
    const customerRecipients = sorted([...expected].filter((id) => !isStaffAccount(b, id)));
    const actual = sorted(mine.map((r) => r.recipientAccountId!).filter((id) => !isStaffAccount(b, id)));
    same(
      b,
      `${what}: customer recipients are in the audience`,
      actual.filter((id) => !audience.has(id)),
      [],
    );
    const ticket = w.tickets.find((x) => x.id === e.ticketId)!;
    const admitted = [...audience]
      .filter(([id, grants]) => {
        if (id === e.actorId || comment?.visibility === 'INTERNAL') return false;
        const level = model.notificationLevelOf(w, id);
        if (level === 'NONE') return false;
        if (e.event === 'ASSIGNED' && ticket.assigneeId === id) return true;
        return (
          model.participates(w, id, e.ticketId, e.commentId ?? null) ||
          (level === 'ALL' && grants.some((g) => g.startsWith('COMPANY_WIDE@')))
        );
      })
      .map(([id]) => id);
    same(b, `${what}: customer recipients = audience members the level admits`, actual, sorted(admitted));
    same(b, `${what}: model's customer recipients`, actual, customerRecipients);
  }

  // no mail to a customer ever carries an internal note
  for (const row of rows) {
    if (isStaffAccount(b, row.recipientAccountId!)) continue;
    const leaked = b.internalNotes.filter((note) => row.textBody.includes(note) || row.htmlBody.includes(note));
    same(b, `${run.step}: internal notes in the mail to customer ${row.recipientAccountId}`, leaked, []);
  }
}

/** How often each outcome happened (printed with STATS=1: the worlds must exercise the rule). */
const stats = new Map<string, number>();
const tally = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);

/** One event of the spec through the API, compared with the model. */
async function step(run: Run, ev: EventSpec, index: number): Promise<void> {
  const { t, b } = run;
  const w = b.world;
  const pick = <T>(list: T[], i: number) => list[i % list.length];
  const actorOf = (actor: ActorSpec, ticketId: string) => {
    if ('any' in actor) return pick(b.accounts, actor.any);
    const seers = b.accounts.filter((id) => !isStaffAccount(b, id) && model.canSeeTicket(w, id, ticketId));
    return seers.length ? pick(seers, actor.seer) : pick(b.accounts, actor.seer);
  };
  const commentsBefore = await countRows(t, 'ticket_comment');
  const call = async (actorId: string, query: string, variables: Record<string, unknown>) =>
    outcomeOf(await t.gql(b.tokens.get(actorId)!, query, variables));
  const expectRefused = async (outcome: { code: string | null }, refusals: model.Refusal[]) => {
    tally(`${ev.kind} refused ${outcome.code}`);
    same(b, `${run.step}: refused with one of ${refusals.join('/')}`, refusals.includes(outcome.code as model.Refusal), true);
    same(b, `${run.step}: a refused call writes no mail`, (await newMails(run)).length, 0);
    same(b, `${run.step}: a refused call writes no comment`, await countRows(t, 'ticket_comment'), commentsBefore);
  };
  const expectDone = (outcome: { code: string | null; payload: any }) => {
    same(b, `${run.step}: succeeds`, outcome.code, null);
    tally(`${ev.kind} ok`);
  };

  if (ev.kind === 'comment') {
    const ticket = pick(w.tickets, ev.ticket);
    const actorId = actorOf(ev.actor, ticket.id);
    const n = ++b.comments;
    const body =
      ev.visibility === 'INTERNAL'
        ? `Internal note ${n} ${Math.random().toString(36).slice(2)}xINTERNALx`
        : `Public reply ${n} from ${b.label.get(actorId)}`;
    run.step = `event ${index}: ${b.label.get(actorId)} comments ${ev.visibility} on ${b.label.get(ticket.id)}`;
    const refusals = model.commentRefusals(w, actorId, ticket.id, ev.visibility);
    const outcome = await call(actorId, ADD_COMMENT, { input: { ticketId: ticket.id, body, visibility: ev.visibility } });
    if (refusals.length) return expectRefused(outcome, refusals);
    expectDone(outcome);
    if (ev.visibility === 'INTERNAL') b.internalNotes.push(body);
    const id = outcome.payload.comment.id;
    b.label.set(id, `comment${n}`);
    b.bodies.set(id, body);
    const events = model.addComment(w, { id, ticketId: ticket.id, authorId: actorId, visibility: ev.visibility });
    same(b, `${run.step}: the ticket's status after the comment`, outcome.payload.ticket.status, model.statusOf(w, ticket.id));
    return checkEvents(run, events, await newMails(run));
  }

  if (ev.kind === 'create') {
    const actorId = pick(b.accounts, ev.actor);
    const company = pick(w.companies, ev.company);
    const requesterId = ev.requester === null ? actorId : pick(b.accounts, ev.requester);
    run.step = `event ${index}: ${b.label.get(actorId)} creates a ticket in ${b.label.get(company.id)} for ${b.label.get(requesterId)}`;
    const refusals = model.createTicketRefusals(w, actorId, company.id, requesterId);
    const title = `New ticket ${index}`;
    const input = { companyId: company.id, title, ...(ev.requester === null ? {} : { requesterId }) };
    const outcome = await call(actorId, CREATE_TICKET, { input });
    if (refusals.length) return expectRefused(outcome, refusals);
    expectDone(outcome);
    const id = outcome.payload.ticket.id;
    b.label.set(id, `T${b.tickets++}`);
    b.titles.set(id, title);
    const events = model.createTicket(w, { id, companyId: company.id, requesterId, assigneeId: null }, actorId);
    return checkEvents(run, events, await newMails(run));
  }

  if (ev.kind === 'update') {
    const ticket = pick(w.tickets, ev.ticket);
    const actorId = actorOf(ev.actor, ticket.id);
    const change: model.RefTicketChange = {};
    if (ev.status !== null) change.status = ev.status;
    if (ev.assign === 'unassign') change.assigneeId = null;
    else if (ev.assign !== 'keep') change.assigneeId = pick(b.accounts, ev.assign);
    const input: Record<string, unknown> & { title?: string } = {
      id: ticket.id,
      ...change,
      ...(Object.keys(change).length === 0 ? { title: `Renamed at ${index}` } : {}),
    };
    run.step = `event ${index}: ${b.label.get(actorId)} updates ${b.label.get(ticket.id)} ${JSON.stringify(change)}`;
    const refusals = model.updateTicketRefusals(w, actorId, ticket.id, change);
    const outcome = await call(actorId, UPDATE_TICKET, { input });
    if (refusals.length) return expectRefused(outcome, refusals);
    expectDone(outcome);
    if (input.title) b.titles.set(ticket.id, input.title);
    const events = model.updateTicket(w, actorId, ticket.id, change);
    return checkEvents(run, events, await newMails(run));
  }

  if (ev.kind === 'level') {
    const actorId = pick(b.accounts, ev.actor);
    const targetId = ev.target === null ? actorId : pick(b.accounts, ev.target);
    run.step = `event ${index}: ${b.label.get(actorId)} sets the level of ${b.label.get(targetId)} to ${ev.level}`;
    const refusals = model.setNotificationLevelRefusals(w, actorId, targetId);
    const outcome = await call(actorId, SET_LEVEL, { input: { ...(ev.target === null ? {} : { accountId: targetId }), level: ev.level } });
    if (refusals.length) return expectRefused(outcome, refusals);
    expectDone(outcome);
    same(b, `${run.step}: level read back`, outcome.payload.account.notificationLevel, ev.level);
    model.setNotificationLevel(w, targetId, ev.level);
    same(b, `${run.step}: no mail`, (await newMails(run)).length, 0);
    return;
  }

  if (ev.kind === 'settings') {
    const company = pick(w.companies, ev.company);
    run.step = `event ${index}: the operator sets ${JSON.stringify(ev.settings)} on ${b.label.get(company.id)}`;
    expectDone(await call(b.operator, UPDATE_COMPANY, { input: { id: company.id, settings: ev.settings } }));
    Object.assign(company, ev.settings);
    same(b, `${run.step}: no mail`, (await newMails(run)).length, 0);
    return;
  }

  if (ev.kind === 'move') {
    const company = pick(w.companies, ev.company);
    const parentId = ev.parent === null ? null : pick(w.companies, ev.parent).id;
    run.step = `event ${index}: the operator moves ${b.label.get(company.id)} under ${parentId && b.label.get(parentId)}`;
    const outcome = await call(
      b.operator,
      `mutation($id: ID!, $parentId: ID) { r: moveCompany(id: $id, parentId: $parentId) { company { id } userErrors { code } } }`,
      {
        id: company.id,
        parentId,
      },
    );
    same(b, run.step, outcome.code, model.moveCompany(w, company.id, parentId) === 'CYCLE' ? 'CYCLE' : null);
    same(b, `${run.step}: no mail`, (await newMails(run)).length, 0);
    return;
  }

  if (ev.kind === 'membership') {
    if (w.memberships.length === 0) return;
    const membership = pick(w.memberships, ev.membership);
    run.step = `event ${index}: the operator sets ${b.label.get(membership.id)} to ${ev.role} ${JSON.stringify(ev.capabilities)}`;
    const outcome = await call(
      b.operator,
      `mutation($input: UpdateMembershipInput!) { r: updateMembership(input: $input) { membership { id } userErrors { code } } }`,
      {
        input: { id: membership.id, role: ev.role, capabilities: ev.capabilities },
      },
    );
    expectDone(outcome);
    if (ev.role !== null) membership.role = ev.role;
    if (ev.capabilities !== null) membership.capabilities = [...ev.capabilities];
    same(b, `${run.step}: no mail`, (await newMails(run)).length, 0);
    return;
  }

  if (ev.kind === 'disable') {
    const account = pick(
      w.accounts.filter((a) => a.id !== b.operator),
      ev.account,
    );
    const disabled = !account.disabled;
    run.step = `event ${index}: the operator ${disabled ? 'disables' : 'enables'} ${b.label.get(account.id)}`;
    expectDone(
      await call(
        b.operator,
        `mutation($id: ID!, $disabled: Boolean!) { r: setAccountDisabled(id: $id, disabled: $disabled) { account { id } userErrors { code } } }`,
        { id: account.id, disabled },
      ),
    );
    account.disabled = disabled;
    // disabling ends the account's sessions: once enabled again, it signs in anew
    if (!disabled) b.tokens.set(account.id, await t.factories.signIn(account.id));
    same(b, `${run.step}: no mail`, (await newMails(run)).length, 0);
    return;
  }

  if (w.memberships.length === 0) return;
  const membership = pick(w.memberships, ev.membership);
  run.step = `event ${index}: the operator removes ${b.label.get(membership.id)}`;
  expectDone(await call(b.operator, REMOVE_MEMBERSHIP, { id: membership.id }));
  w.memberships.splice(w.memberships.indexOf(membership), 1);
  same(b, `${run.step}: no mail`, (await newMails(run)).length, 0);
}

/**
 * After the events, what each account that can sign in reads: every ticket's comments (those it may
 * read, oldest first, counted without the others; null for a ticket it does not see), their authors,
 * and the accounts it sees — which now include the authors of the comments it reads.
 */
async function compareReads(run: Run): Promise<void> {
  const { t, b } = run;
  const w = b.world;
  const parts = w.tickets.map(
    (x, i) => `t${i}: ticket(id: "${x.id}") { comments(first: 100) { totalCount edges { node { id author { id } } } } }`,
  );
  parts.push(`accounts(first: 100) { edges { node { id } } }`);
  for (const viewer of w.accounts.filter((a) => !a.disabled)) {
    const who = b.label.get(viewer.id);
    const result = await t.gql(b.tokens.get(viewer.id)!, `{ ${parts.join('\n')} }`);
    if (result.errors) throw new Error(`reads of ${who}: ${JSON.stringify(result.errors)}`);
    w.tickets.forEach((x, i) => {
      const read = result.data[`t${i}`];
      const expected = model.canSeeTicket(w, viewer.id, x.id) ? model.readableCommentIds(w, viewer.id, x.id) : null;
      same(b, `${who}: comments of ${x.id}`, read && read.comments.edges.map((e: any) => e.node.id), expected);
      if (read) {
        same(b, `${who}: comments of ${x.id}: totalCount`, read.comments.totalCount, expected!.length);
        same(
          b,
          `${who}: authors of the comments of ${x.id}`,
          read.comments.edges.map((e: any) => e.node.author?.id ?? null),
          expected!.map((id) => w.comments!.find((c) => c.id === id)!.authorId),
        );
      }
    });
    same(
      b,
      `${who}: accounts`,
      sorted(result.data.accounts.edges.map((e: any) => e.node.id)),
      sorted(model.visibleAccountIds(w, viewer.id)),
    );
  }
}

// ---------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------

describe('notification recipients match the reference model (property)', () => {
  let t: TestApp;
  const mailer = new FakeMailer();
  beforeAll(async () => {
    t = await startTestApp({ logger: serverLogger, mailer });
  });
  afterAll(() => t?.close());

  it(
    `holds for random worlds and events (${NUM_RUNS} runs)`,
    async () => {
      let events = 0;
      let mails = 0;
      await assertWorlds(t, worldArb, NUM_RUNS, async (spec) => {
        mailer.sent.length = 0;
        const b = await build(t, spec);
        const run: Run = { t, mailer, b, seen: new Set(), step: 'build' };
        for (const [i, ev] of spec.events.entries()) await step(run, ev, i);
        run.step = 'reads after the events';
        await compareReads(run);
        events += spec.events.length;
        mails += run.seen.size;
      });
      if (process.env.STATS)
        console.log(
          [...stats]
            .sort()
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n'),
        );
      // the worlds must exercise the rule, not only refusals
      expect(mails).toBeGreaterThan(NUM_RUNS);
      expect(events).toBeGreaterThan(NUM_RUNS);
    },
    PROPERTY_TIMEOUT,
  );
});
