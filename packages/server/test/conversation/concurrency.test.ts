import type { AccountEntity } from '../../src/modules/account/account.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { newId } from '../../src/shared/ids';
import { FakeMailer } from '../outbox/fake-mailer';
import * as model from '../reference-model';
import { onMysql, startTestApp, TestApp } from '../support/test-app';
import { ADD_COMMENT, MailRow, outboxRows, REMOVE_MEMBERSHIP, SET_DISABLED, sleep, UPDATE_COMPANY } from './support';

/**
 * conversation.md under concurrent requests. Two requests are started together (which one first
 * alternates, the other follows at once or 0-2 ms later, so each wins sometimes). On SQLite the app
 * serializes transactions: one commits before the other starts, and the audit events they write
 * (ids growing with time) tell the order. On MariaDB each runs in its own READ COMMITTED
 * transaction; replies to one ticket are serialized by a row lock on the ticket, while the changes
 * below lock companies and accounts, not the ticket, so a reply and a change overlap, and each
 * statement of the reply reads what has committed when it runs.
 *
 * - Two replies at once on one ticket: both stored; each event's recipients are the model's for the
 *   order they were stored in ("earlier comments" are those committed before); one mail per
 *   (event, recipient).
 * - A staff reply racing a change of who sees the ticket (a membership removed,
 *   membersSeeCompanyTickets or portalEnabled off, an account disabled): the recipients are
 *   exactly the model's on the state before the change or on the state after it, never a mix and
 *   never someone who sees the ticket in neither; on SQLite exactly the one of the commit order.
 * - A customer's own reply racing the loss of its access: refused (nothing written), or accepted
 *   with recipients as above; on SQLite accepted only when it committed first.
 * - The same interleavings made deterministic (the change commits between two steps of the reply),
 *   two of which showed bugs, since fixed (a disabled account could still write; a stored reply
 *   could be answered with an internal error).
 *
 * Rounds per racing case: CONCURRENCY_ROUNDS, else 12. STATS=1 prints how the races went.
 */

const ROUNDS = Number(process.env.CONCURRENCY_ROUNDS ?? 12);
const STATS = !!process.env.STATS;

describe('conversation under concurrent requests', () => {
  let t: TestApp;
  const mailer = new FakeMailer();
  /** staff shared by all rounds: the operator (ADMIN, default level), an AGENT replier, an AGENT following ALL */
  let operator: AccountEntity;
  let replier: AccountEntity;
  let follower: AccountEntity;
  const tokens = new Map<string, string>();
  const staff: model.RefAccount[] = [];

  beforeAll(async () => {
    t = await startTestApp({ mailer });
    operator = await t.factories.staffAdmin();
    replier = await t.factories.staffAgent();
    follower = await t.factories.staffAgent();
    await t.app.database.dataSource.query(`UPDATE account SET notification_level = 'ALL' WHERE id = ?`, [follower.id]);
    for (const a of [operator, replier, follower]) tokens.set(a.id, await t.factories.signIn(a));
    staff.push(
      { id: operator.id, staffRole: 'ADMIN', disabled: false },
      { id: replier.id, staffRole: 'AGENT', disabled: false },
      { id: follower.id, staffRole: 'AGENT', disabled: false, notificationLevel: 'ALL' },
    );
  });
  afterAll(() => t?.close());

  interface Round {
    world: model.RefWorld;
    companyId: string;
    ticketId: string;
    /** requester (MEMBER), a MODERATOR (company-wide), a MEMBER who is company-wide when membersSeeCompanyTickets */
    requester: string;
    moderator: string;
    member: string;
    moderatorMembership: string;
  }

  /** A fresh company, its customers and one OPEN ticket, in the database and in the model. */
  async function round(options: { membersSeeCompanyTickets?: boolean; moderatorLevel?: model.NotificationLevel } = {}): Promise<Round> {
    const settings = {
      portalEnabled: true,
      membersSeeCompanyTickets: options.membersSeeCompanyTickets ?? false,
      subsidiaryTicketsVisible: false,
      shareTicketsWithFamily: false,
    };
    const company = await t.factories.company({ settings });
    const world: model.RefWorld = {
      companies: [{ id: company.id, parentId: null, ...settings }],
      accounts: staff.map((a) => ({ ...a })),
      memberships: [],
      tickets: [],
      comments: [],
    };
    const customer = async (role: Role, level: model.NotificationLevel | null = null) => {
      const { account, membership, token } = await t.factories.member(company, role);
      if (level) await t.app.database.dataSource.query(`UPDATE account SET notification_level = ? WHERE id = ?`, [level, account.id]);
      tokens.set(account.id, token);
      world.accounts.push({ id: account.id, staffRole: null, disabled: false, notificationLevel: level });
      world.memberships.push({
        id: membership.id,
        accountId: account.id,
        companyId: company.id,
        role: role as model.Role,
        capabilities: [...model.DEFAULT_CAPABILITIES[role as model.Role]],
      });
      return { account, membership };
    };
    const requester = await customer(Role.MEMBER);
    const moderator = await customer(Role.MODERATOR, options.moderatorLevel ?? null);
    const member = await customer(Role.MEMBER);
    const ticket = await t.factories.ticket({ company, requester: requester.account });
    world.tickets.push({ id: ticket.id, companyId: company.id, requesterId: requester.account.id, assigneeId: null, status: 'OPEN' });
    return {
      world,
      companyId: company.id,
      ticketId: ticket.id,
      requester: requester.account.id,
      moderator: moderator.account.id,
      member: member.account.id,
      moderatorMembership: moderator.membership.id,
    };
  }

  const reply = (actorId: string, ticketId: string, body: string) =>
    t.gql(tokens.get(actorId)!, ADD_COMMENT, { input: { ticketId, body } });
  /** A reply that reads nothing back but the comment's id: what the payload shows after losing access is a test of its own (below). */
  const leanReply = (actorId: string, ticketId: string, body: string) =>
    t.gql(
      tokens.get(actorId)!,
      `mutation($input: AddTicketCommentInput!) { r: addTicketComment(input: $input) { comment { id } userErrors { code message field } } }`,
      {
        input: { ticketId, body },
      },
    );

  /** The mails about `ticketId`, grouped by event id; fails on a second mail to one recipient for one event. */
  async function mailsByEvent(ticketId: string): Promise<Map<string, MailRow[]>> {
    const rows = (await outboxRows(t)).filter((r) => r.ticketId === ticketId);
    const byEvent = new Map<string, MailRow[]>();
    for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
    for (const [eventId, mails] of byEvent) {
      const recipients = mails.map((m) => m.recipientAccountId);
      expect({ eventId, recipients: recipients.length }).toEqual({ eventId, recipients: new Set(recipients).size });
    }
    return byEvent;
  }

  /** The event ids of the mails quoting `body` (each mail of a COMMENT_ADDED event quotes its comment). */
  const recipientsQuoting = (byEvent: Map<string, MailRow[]>, body: string) => {
    const events = [...byEvent.values()].filter((mails) => mails.some((m) => m.textBody.includes(body)));
    expect(events.length).toBeLessThanOrEqual(1);
    return (events[0] ?? []).map((m) => m.recipientAccountId!).sort();
  };

  /** Audit event ids (uuidv7: growing with time) of the given targets, by target id. */
  async function auditIds(targetIds: string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; target_id: string }> = await t.app.database.dataSource.query(
      `SELECT id, target_id FROM audit_event WHERE target_id IN (${targetIds.map(() => '?').join(', ')})`,
      targetIds,
    );
    return new Map(rows.map((r) => [String(r.target_id), String(r.id)]));
  }

  const clone = (w: model.RefWorld): model.RefWorld => structuredClone(w);
  const count = (tally: Map<string, number>, key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

  /**
   * Starts both at once; which one is started first alternates by round, and the other follows at
   * once or after 0-2 ms, so that over the rounds each wins sometimes and they also overlap (STATS=1
   * prints how the races went).
   */
  function race<A, B>(i: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
    const wait = Math.floor(Math.random() * 4) - 1;
    const later = <T>(work: () => Promise<T>) => (wait < 0 ? work() : sleep(wait).then(work));
    return i % 2 === 0 ? Promise.all([a(), later(b)]) : Promise.all([later(a), b()]);
  }

  it(`stores two replies at once and tells each the right people for the order they were stored in (${ROUNDS} rounds)`, async () => {
    const orders = new Map<string, number>();
    for (let i = 0; i < ROUNDS; i++) {
      // the moderator follows only what it takes part in: who hears of which reply depends on the order
      const r = await round({ moderatorLevel: 'PARTICIPATING' });
      const bodies = {
        [replier.id]: `staff reply ${i} ${newId('TicketComment')}`,
        [r.moderator]: `customer reply ${i} ${newId('TicketComment')}`,
      };
      const results = await race(
        i,
        () => reply(replier.id, r.ticketId, bodies[replier.id]),
        () => reply(r.moderator, r.ticketId, bodies[r.moderator]),
      );
      for (const result of results) {
        expect(result.errors).toBeUndefined();
        expect(result.data.r.userErrors).toEqual([]);
      }
      const comments: Array<{ id: string; authorId: string }> = await t.app.database.dataSource.query(
        `SELECT id, author_id AS authorId FROM ticket_comment WHERE ticket_id = ? ORDER BY created_at, id`,
        [r.ticketId],
      );
      expect(comments).toHaveLength(2);
      count(orders, comments[0].authorId === replier.id ? 'staff first' : 'customer first');

      const byEvent = await mailsByEvent(r.ticketId);
      expect(byEvent.size).toBe(2);
      for (const c of comments) {
        const [event] = model.addComment(r.world, {
          id: String(c.id),
          ticketId: r.ticketId,
          authorId: String(c.authorId),
          visibility: 'PUBLIC',
        });
        expect({ round: i, author: c.authorId, recipients: recipientsQuoting(byEvent, bodies[String(c.authorId)]) }).toEqual({
          round: i,
          author: c.authorId,
          recipients: [...model.notificationRecipients(r.world, event)].sort(),
        });
      }
    }
    if (STATS) console.log('two replies at once:', Object.fromEntries(orders));
  });

  type Change = {
    name: string;
    setup?: { membersSeeCompanyTickets?: boolean };
    /** the account that loses access (for a customer's own reply) */
    loser: (r: Round) => string;
    run: (r: Round) => Promise<unknown>;
    apply: (w: model.RefWorld, r: Round) => void;
    /** the id of the row the change's audit event targets */
    target: (r: Round) => string;
  };

  const changes: Change[] = [
    {
      name: 'the removal of a membership',
      loser: (r) => r.moderator,
      run: (r) => t.gql(tokens.get(operator.id)!, REMOVE_MEMBERSHIP, { id: r.moderatorMembership }),
      apply: (w, r) =>
        w.memberships.splice(
          w.memberships.findIndex((m) => m.id === r.moderatorMembership),
          1,
        ),
      target: (r) => r.moderatorMembership,
    },
    {
      name: 'membersSeeCompanyTickets switched off',
      setup: { membersSeeCompanyTickets: true },
      loser: (r) => r.member,
      run: (r) =>
        t.gql(tokens.get(operator.id)!, UPDATE_COMPANY, { input: { id: r.companyId, settings: { membersSeeCompanyTickets: false } } }),
      apply: (w) => (w.companies[0].membersSeeCompanyTickets = false),
      target: (r) => r.companyId,
    },
    {
      name: 'portalEnabled switched off',
      loser: (r) => r.moderator,
      run: (r) => t.gql(tokens.get(operator.id)!, UPDATE_COMPANY, { input: { id: r.companyId, settings: { portalEnabled: false } } }),
      apply: (w) => (w.companies[0].portalEnabled = false),
      target: (r) => r.companyId,
    },
    {
      name: 'the account disabled',
      loser: (r) => r.moderator,
      run: (r) => t.gql(tokens.get(operator.id)!, SET_DISABLED, { id: r.moderator, disabled: true }),
      apply: (w, r) => (w.accounts.find((a) => a.id === r.moderator)!.disabled = true),
      target: (r) => r.moderator,
    },
  ];

  describe('a change that commits after a request was signed in but before its transaction', () => {
    /** Signs the request in (as the HTTP layer does first), lets `between` commit, then runs the reply. */
    async function replyAfter(actorId: string, ticketId: string, between: () => Promise<unknown>) {
      const ctx = await t.app.contextFor(tokens.get(actorId)!, { clientIp: '203.0.113.7' });
      const changed: any = await between();
      expect(changed.errors).toBeUndefined();
      const response = await t.app.apollo.executeOperation(
        { query: ADD_COMMENT, variables: { input: { ticketId, body: 'too late?' } } },
        { contextValue: ctx },
      );
      await t.app.deliverWaitingMail();
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      const result = response.body.singleResult as any;
      const stored = Number(
        (await t.app.database.dataSource.query(`SELECT COUNT(*) AS n FROM ticket_comment WHERE ticket_id = ?`, [ticketId]))[0].n,
      );
      const mails = (await outboxRows(t)).filter((m) => m.ticketId === ticketId).length;
      return { code: result.errors ? result.errors[0].extensions?.code : (result.data.r.userErrors[0]?.code ?? null), stored, mails };
    }

    it('a removed membership: the reply is refused (NOT_FOUND), nothing written', async () => {
      const r = await round();
      expect(await replyAfter(r.moderator, r.ticketId, () => changes[0].run(r))).toEqual({ code: 'NOT_FOUND', stored: 0, mails: 0 });
    });

    it('portalEnabled off: the reply is refused (NOT_FOUND), nothing written', async () => {
      const r = await round();
      expect(await replyAfter(r.moderator, r.ticketId, () => changes[2].run(r))).toEqual({ code: 'NOT_FOUND', stored: 0, mails: 0 });
    });

    // access-model.md: "A disabled account can do nothing; its sessions and API tokens stop working at
    // once." Every transaction re-reads the viewer's `disabled` flag (RequestContext.inTransaction).
    it('a disabled account: the reply is refused, nothing stored, nobody mailed', async () => {
      const r = await round();
      const outcome = await replyAfter(r.moderator, r.ticketId, () => changes[3].run(r));
      expect(outcome).toEqual({ code: expect.stringMatching(/^(UNAUTHENTICATED|NOT_FOUND)$/), stored: 0, mails: 0 });
    });
  });

  describe('a change that commits after a reply committed but before its payload is read', () => {
    // The reply is stored and mailed; the payload (comment { ticket }, non-null) is then read with
    // the author's access as it is now. Answering INTERNAL_SERVER_ERROR for a stored reply invites
    // the client to send it again.
    it('the author lost its membership: the stored reply is still answered with the comment and its ticket', async () => {
      const r = await round();
      const conversations = t.app.services.conversations;
      const add = conversations.add.bind(conversations);
      conversations.add = async (ctx, input) => {
        const result = await add(ctx, input);
        const removed: any = await changes[0].run(r);
        expect(removed.data.r.userErrors).toEqual([]);
        return result;
      };
      let result;
      try {
        result = await reply(r.moderator, r.ticketId, 'stored, then the membership goes');
      } finally {
        conversations.add = add;
      }
      const stored = Number(
        (await t.app.database.dataSource.query(`SELECT COUNT(*) AS n FROM ticket_comment WHERE ticket_id = ?`, [r.ticketId]))[0].n,
      );
      expect(stored).toBe(1);
      expect({
        errors: result.errors?.map((e) => e.extensions?.code) ?? [],
        userErrors: result.data?.r?.userErrors,
        stored: !!result.data?.r?.comment?.id,
      }).toEqual({
        errors: [],
        userErrors: [],
        stored: true,
      });
    });
  });

  describe.each(changes)('a reply racing $name', (change) => {
    it(`tells exactly the people who see the ticket before or after the change — on SQLite as committed (${ROUNDS} rounds)`, async () => {
      const outcomes = new Map<string, number>();
      for (let i = 0; i < ROUNDS; i++) {
        const r = await round(change.setup);
        const body = `staff reply ${i} ${newId('TicketComment')}`;
        const [replied, changed] = await race(
          i,
          () => reply(replier.id, r.ticketId, body),
          () => change.run(r),
        );
        expect(replied.errors).toBeUndefined();
        expect(replied.data.r.userErrors).toEqual([]);
        expect((changed as any).errors).toBeUndefined();
        expect(Object.values((changed as any).data)[0]).toMatchObject({ userErrors: [] });
        const commentId = replied.data.r.comment.id as string;

        const before = clone(r.world);
        const after = clone(r.world);
        change.apply(after, r);
        const [eventBefore] = model.addComment(before, { id: commentId, ticketId: r.ticketId, authorId: replier.id, visibility: 'PUBLIC' });
        const [eventAfter] = model.addComment(after, { id: commentId, ticketId: r.ticketId, authorId: replier.id, visibility: 'PUBLIC' });
        const ifFirst = [...model.notificationRecipients(before, eventBefore)].sort();
        const ifSecond = [...model.notificationRecipients(after, eventAfter)].sort();
        expect(ifFirst).not.toEqual(ifSecond); // the race matters

        const actual = recipientsQuoting(await mailsByEvent(r.ticketId), body);
        const outcome =
          JSON.stringify(actual) === JSON.stringify(ifFirst)
            ? 'reply first'
            : JSON.stringify(actual) === JSON.stringify(ifSecond)
              ? 'change first'
              : 'neither';
        count(outcomes, outcome);
        expect({ round: i, recipients: actual, outcome }).toEqual({
          round: i,
          recipients: actual,
          outcome: expect.stringMatching(/first$/),
        });
        if (!onMysql) {
          const audit = await auditIds([commentId, change.target(r)]);
          const replyFirst = audit.get(commentId)! < audit.get(change.target(r))!;
          expect({ round: i, recipients: actual }).toEqual({ round: i, recipients: replyFirst ? ifFirst : ifSecond });
        }
      }
      if (STATS) console.log(`reply racing ${change.name}:`, Object.fromEntries(outcomes));
    });
  });

  // (membersSeeCompanyTickets: the loser is a MEMBER who never sees this ticket otherwise; the account
  // disabled: see the deterministic test below)
  describe.each(changes.filter((c) => c.name === 'the removal of a membership' || c.name === 'portalEnabled switched off'))(
    "a customer's own reply racing $name",
    (change) => {
      it(`is accepted only when it commits before the change — on SQLite (${ROUNDS} rounds)`, async () => {
        const outcomes = new Map<string, number>();
        for (let i = 0; i < ROUNDS; i++) {
          const r = await round(change.setup);
          const actor = change.loser(r);
          const body = `customer reply ${i} ${newId('TicketComment')}`;
          const [replied, changed] = await race(
            i,
            () => leanReply(actor, r.ticketId, body),
            () => change.run(r),
          );
          expect((changed as any).errors).toBeUndefined();
          const payload = replied.data?.r;
          const code = replied.errors ? replied.errors[0].extensions?.code : (payload.userErrors[0]?.code ?? null);
          expect(['NOT_FOUND', 'UNAUTHENTICATED', null]).toContain(code);
          const stored = Number(
            (await t.app.database.dataSource.query(`SELECT COUNT(*) AS n FROM ticket_comment WHERE ticket_id = ?`, [r.ticketId]))[0].n,
          );
          const byEvent = await mailsByEvent(r.ticketId);
          if (code !== null) {
            count(outcomes, `refused ${code}`);
            expect({ round: i, stored, mails: byEvent.size }).toEqual({ round: i, stored: 0, mails: 0 });
            continue;
          }
          const commentId = payload.comment.id as string;
          const audit = await auditIds([commentId, change.target(r)]);
          const replyFirst = audit.get(commentId)! < audit.get(change.target(r))!;
          // (on MariaDB the two transactions overlap: the audit ids say nothing about which committed first)
          count(outcomes, onMysql ? 'accepted' : replyFirst ? 'accepted, committed first' : 'accepted, committed after the change');
          const before = clone(r.world);
          const [event] = model.addComment(before, { id: commentId, ticketId: r.ticketId, authorId: actor, visibility: 'PUBLIC' });
          const after = clone(before);
          change.apply(after, r);
          const actual = recipientsQuoting(byEvent, body);
          expect([
            JSON.stringify([...model.notificationRecipients(before, event)].sort()),
            JSON.stringify([...model.notificationRecipients(after, event)].sort()),
          ]).toContain(JSON.stringify(actual));
          if (!onMysql)
            expect({ round: i, change: change.name, acceptedAfterTheChangeCommitted: !replyFirst }).toEqual({
              round: i,
              change: change.name,
              acceptedAfterTheChangeCommitted: false,
            });
        }
        if (STATS) console.log(`customer's reply racing ${change.name}:`, Object.fromEntries(outcomes));
      });
    },
  );
});
