import { Role } from '../../src/modules/membership/membership.entity';
import { TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every change of access writes exactly one audit event in the same transaction (actor, action,
 * target, before/after, client address); a refused change writes none. Staff read them with
 * `auditEvents`, newest first, page by page, optionally for one company.
 */

const CLIENT_IP = '203.0.113.7'; // what the harness passes as the client's address
const EVENT = `id action targetType targetId clientIp occurredAt before after actor { id } company { id }`;
const EVENTS = `query($first: Int, $after: String, $companyId: ID) {
  auditEvents(first: $first, after: $after, companyId: $companyId) {
    totalCount edges { cursor node { ${EVENT} } } pageInfo { hasNextPage endCursor } } }`;

describe('audit log', () => {
  let t: TestApp;
  let staff: string;
  let staffId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.factories.staffAdmin();
    staffId = admin.id;
    staff = await t.factories.signIn(admin);
  });
  afterAll(() => t.close());

  const eventCount = async () => Number((await t.app.deps.reader.query('SELECT COUNT(*) AS n FROM audit_event'))[0].n);

  async function events(variables: { first?: number; after?: string | null; companyId?: string | null } = {}, token = staff) {
    const result = await t.gql(token, EVENTS, { first: 100, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data.auditEvents as {
      totalCount: number;
      edges: Array<{ cursor: string; node: Record<string, any> }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }

  /** Runs a mutation (as `token`), asserts it succeeded and wrote exactly one event, and returns that event. */
  async function oneEvent(token: string | null, query: string, variables: Record<string, unknown> = {}) {
    const before = await eventCount();
    const result = await t.gql(token, query, variables);
    expect(result.errors).toBeUndefined();
    const payload = Object.values(result.data!)[0] as { userErrors?: unknown[] };
    expect(payload.userErrors ?? []).toEqual([]);
    expect(await eventCount()).toBe(before + 1);
    const newest = (await events({ first: 1 })).edges[0].node;
    expect(newest.clientIp).toBe(CLIENT_IP);
    expect(Date.now() - new Date(newest.occurredAt).getTime()).toBeLessThan(60_000);
    return { payload: payload as any, event: newest };
  }

  /** Runs a mutation that must fail with `code` and asserts that no event was written. */
  async function noEvent(token: string, query: string, variables: Record<string, unknown>, code: string) {
    const before = await eventCount();
    const result = await t.gql(token, query, variables);
    const payload = Object.values(result.data ?? {})[0] as { userErrors: Array<{ code: string }> } | undefined;
    expect(payload?.userErrors?.[0]?.code ?? result.errors?.[0]?.extensions?.code).toBe(code);
    expect(await eventCount()).toBe(before);
  }

  const CREATE_COMPANY = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id } userErrors { code } } }`;
  const UPDATE_COMPANY = `mutation($input: UpdateCompanyInput!) { updateCompany(input: $input) { company { id } userErrors { code } } }`;
  const MOVE_COMPANY = `mutation($id: ID!, $parentId: ID) { moveCompany(id: $id, parentId: $parentId) { company { id } userErrors { code } } }`;
  const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } userErrors { code } } }`;
  const SET_DISABLED = `mutation($id: ID!, $disabled: Boolean!) { setAccountDisabled(id: $id, disabled: $disabled) { account { id } userErrors { code } } }`;
  const ADD_MEMBERSHIP = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } userErrors { code } } }`;
  const UPDATE_MEMBERSHIP = `mutation($input: UpdateMembershipInput!) { updateMembership(input: $input) { membership { id } userErrors { code } } }`;
  const REMOVE_MEMBERSHIP = `mutation($id: ID!) { removeMembership(id: $id) { deletedId userErrors { code } } }`;
  const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token userErrors { code } } }`;

  it('every access-changing mutation writes one event with actor, action, target, before/after and client address', async () => {
    const settings = {
      portalEnabled: true,
      membersSeeCompanyTickets: false,
      subsidiaryTicketsVisible: false,
      shareTicketsWithFamily: false,
    };

    const created = await oneEvent(staff, CREATE_COMPANY, { input: { name: 'Audited Ltd' } });
    const companyId = created.payload.company.id;
    expect(created.event).toMatchObject({
      action: 'company.create',
      actor: { id: staffId },
      targetType: 'Company',
      targetId: companyId,
      company: { id: companyId },
      before: null,
      after: { name: 'Audited Ltd', parentId: null, parentName: null, ...settings },
    });

    const updated = await oneEvent(staff, UPDATE_COMPANY, {
      input: { id: companyId, name: 'Audited Group', settings: { subsidiaryTicketsVisible: true } },
    });
    expect(updated.event).toMatchObject({
      action: 'company.update',
      actor: { id: staffId },
      targetId: companyId,
      before: { name: 'Audited Ltd', subsidiaryTicketsVisible: false },
      after: { name: 'Audited Group', subsidiaryTicketsVisible: true },
    });

    const parent = await t.factories.company({ name: 'Parent' });
    const moved = await oneEvent(staff, MOVE_COMPANY, { id: companyId, parentId: parent.id });
    expect(moved.event).toMatchObject({
      action: 'company.move',
      actor: { id: staffId },
      targetType: 'Company',
      targetId: companyId,
      // the parent's name as it was, so the log reads without looking ids up
      before: { parentId: null, parentName: null },
      after: { parentId: parent.id, parentName: 'Parent' },
    });

    const account = await oneEvent(staff, CREATE_ACCOUNT, {
      input: { email: 'Audited.Person@example.test', firstName: 'Audi', lastName: 'Ted', password: 'a long enough password' },
    });
    const accountId = account.payload.account.id;
    expect(account.event).toMatchObject({
      action: 'account.create',
      actor: { id: staffId },
      targetType: 'Account',
      targetId: accountId,
      before: null,
      after: { email: 'Audited.Person@example.test', firstName: 'Audi', lastName: 'Ted', staffRole: null, disabled: false },
    });
    expect(JSON.stringify(account.event)).not.toMatch(/argon|a long enough password/i);

    const added = await oneEvent(staff, ADD_MEMBERSHIP, { input: { accountId, companyId, role: 'MEMBER' } });
    const membershipId = added.payload.membership.id;
    expect(added.event).toMatchObject({
      action: 'membership.add',
      actor: { id: staffId },
      targetType: 'Membership',
      targetId: membershipId,
      company: { id: companyId },
      after: { accountId, companyId, role: 'MEMBER', capabilities: ['TICKETS', 'KNOWLEDGE_BASE'] },
    });

    const promoted = await oneEvent(staff, UPDATE_MEMBERSHIP, {
      input: { id: membershipId, role: 'ADMINISTRATOR', capabilities: ['TICKETS', 'SOLVER'] },
    });
    expect(promoted.event).toMatchObject({
      action: 'membership.update',
      targetId: membershipId,
      company: { id: companyId },
      before: { role: 'MEMBER', capabilities: ['TICKETS', 'KNOWLEDGE_BASE'] },
      after: { role: 'ADMINISTRATOR', capabilities: ['TICKETS', 'SOLVER'] },
    });

    // a customer administrator's own change names the customer as actor
    const colleague = await t.factories.account();
    const colleagueMembership = await t.factories.membership(colleague, companyId, Role.MEMBER);
    const customerToken = await t.factories.signIn(accountId);
    const byCustomer = await oneEvent(customerToken, UPDATE_MEMBERSHIP, { input: { id: colleagueMembership.id, role: 'MODERATOR' } });
    expect(byCustomer.event).toMatchObject({ action: 'membership.update', actor: { id: accountId }, targetId: colleagueMembership.id });
    const removedByCustomer = await oneEvent(customerToken, REMOVE_MEMBERSHIP, { id: colleagueMembership.id });
    expect(removedByCustomer.event).toMatchObject({
      action: 'membership.remove',
      actor: { id: accountId },
      targetType: 'Membership',
      targetId: colleagueMembership.id,
      company: { id: companyId },
      before: { accountId: colleague.id, role: 'MODERATOR' },
      after: null,
    });

    const signedIn = await oneEvent(null, SIGN_IN, { email: 'audited.person@example.test', password: 'a long enough password' });
    expect(signedIn.event).toMatchObject({ action: 'auth.sign_in', actor: { id: accountId }, targetType: 'Account', targetId: accountId });

    const failed = await t.gql(null, SIGN_IN, { email: 'audited.person@example.test', password: 'not the password' });
    expect(failed.data!.signIn.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    const failedEvent = (await events({ first: 1 })).edges[0].node;
    expect(failedEvent).toMatchObject({
      action: 'auth.sign_in_failed',
      actor: null,
      targetType: 'Account',
      targetId: accountId,
      clientIp: CLIENT_IP,
    });
    expect(JSON.stringify(failedEvent)).not.toContain('not the password');
    const unknown = await t.gql(null, SIGN_IN, { email: 'nobody@example.test', password: TEST_PASSWORD });
    expect(unknown.data!.signIn.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    expect((await events({ first: 1 })).edges[0].node).toMatchObject({
      action: 'auth.sign_in_failed',
      actor: null,
      targetId: null,
      clientIp: CLIENT_IP,
    });

    const disabled = await oneEvent(staff, SET_DISABLED, { id: accountId, disabled: true });
    expect(disabled.event).toMatchObject({
      action: 'account.disable',
      actor: { id: staffId },
      targetType: 'Account',
      targetId: accountId,
      before: { disabled: false },
      after: { disabled: true },
    });
    const enabled = await oneEvent(staff, SET_DISABLED, { id: accountId, disabled: false });
    expect(enabled.event).toMatchObject({ action: 'account.enable', before: { disabled: true }, after: { disabled: false } });

    const removed = await oneEvent(staff, REMOVE_MEMBERSHIP, { id: membershipId });
    expect(removed.event).toMatchObject({ action: 'membership.remove', actor: { id: staffId }, targetId: membershipId, after: null });
  });

  it('a refused mutation writes no event (its transaction rolled back)', async () => {
    const x = await t.factories.company();
    const y = await t.factories.company({ parent: x });
    await noEvent(staff, MOVE_COMPANY, { id: x.id, parentId: y.id }, 'CYCLE');
    await noEvent(staff, MOVE_COMPANY, { id: x.id, parentId: x.id }, 'CYCLE');
    await noEvent(staff, CREATE_COMPANY, { input: { name: ' ' } }, 'INVALID_INPUT');
    await noEvent(
      staff,
      CREATE_ACCOUNT,
      { input: { email: 'short@example.test', firstName: 'A', lastName: 'B', password: 'short' } },
      'INVALID_INPUT',
    );

    const admin = await t.factories.member(x, Role.ADMINISTRATOR);
    const member = await t.factories.member(x, Role.MEMBER);
    await noEvent(admin.token, UPDATE_MEMBERSHIP, { input: { id: admin.membership.id, role: 'MEMBER' } }, 'LAST_ADMINISTRATOR');
    await noEvent(admin.token, REMOVE_MEMBERSHIP, { id: admin.membership.id }, 'LAST_ADMINISTRATOR');
    await noEvent(member.token, REMOVE_MEMBERSHIP, { id: admin.membership.id }, 'FORBIDDEN');
    await noEvent(member.token, CREATE_COMPANY, { input: { name: 'Nope' } }, 'FORBIDDEN');
    await noEvent(admin.token, UPDATE_COMPANY, { input: { id: x.id, settings: { subsidiaryTicketsVisible: true } } }, 'FORBIDDEN');
    await noEvent(staff, ADD_MEMBERSHIP, { input: { accountId: admin.account.id, companyId: x.id, role: 'MEMBER' } }, 'ALREADY_MEMBER');
  });

  it('pages newest first with keyset cursors, across pages, without gaps or repeats', async () => {
    // a burst of events, many within the same millisecond
    for (let i = 0; i < 12; i++)
      await t.factories.company().then((c) => t.gql(staff, UPDATE_COMPANY, { input: { id: c.id, name: `Paged ${i}` } }));
    const all = await events({ first: 100 });
    expect(all.totalCount).toBe(await eventCount());
    expect(all.totalCount).toBeGreaterThan(20);
    expect(all.totalCount).toBeLessThanOrEqual(100);
    const times = all.edges.map((e) => new Date(e.node.occurredAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const rows: Array<{ id: string }> = await t.app.deps.reader.query('SELECT id FROM audit_event ORDER BY occurred_at DESC, id DESC');
    expect(all.edges.map((e) => e.node.id)).toEqual(rows.map((r) => r.id));
    // the newest is the last change made
    expect(all.edges[0].node).toMatchObject({ action: 'company.update', after: { name: 'Paged 11' } });

    for (const size of [1, 3, 7]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; ; page++) {
        const result: Awaited<ReturnType<typeof events>> = await events({ first: size, after });
        expect(result.edges.length).toBeLessThanOrEqual(size);
        seen.push(...result.edges.map((e) => e.node.id));
        if (!result.pageInfo.hasNextPage) break;
        expect(result.edges).toHaveLength(size);
        expect(result.pageInfo.endCursor).toBe(result.edges[size - 1].cursor);
        after = result.pageInfo.endCursor;
        expect(page).toBeLessThan(200);
      }
      expect(seen).toEqual(rows.map((r) => r.id));
    }
  });

  it('filters by company', async () => {
    const company = await t.factories.company({ name: 'Filtered' });
    const other = await t.factories.company({ name: 'Unfiltered' });
    await t.gql(staff, UPDATE_COMPANY, { input: { id: company.id, name: 'Filtered 2' } });
    await t.gql(staff, UPDATE_COMPANY, { input: { id: other.id, name: 'Unfiltered 2' } });
    const person = await t.factories.account();
    const added = await t.gql(staff, ADD_MEMBERSHIP, { input: { accountId: person.id, companyId: company.id, role: 'MODERATOR' } });
    await t.gql(staff, UPDATE_MEMBERSHIP, { input: { id: added.data.addMembership.membership.id, role: 'MEMBER' } });

    const filtered = await events({ companyId: company.id });
    expect(filtered.edges.map((e) => e.node.action)).toEqual(['membership.update', 'membership.add', 'company.update']);
    expect(filtered.totalCount).toBe(3);
    for (const edge of filtered.edges) expect(edge.node.company).toEqual({ id: company.id });
    // paging within the filter
    const first = await events({ companyId: company.id, first: 2 });
    const rest = await events({ companyId: company.id, first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...rest.edges].map((e) => e.node.id)).toEqual(filtered.edges.map((e) => e.node.id));
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('is for staff only: customers get FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
    const company = await t.factories.company();
    const admin = await t.factories.member(company, Role.ADMINISTRATOR);
    for (const companyId of [null, company.id]) {
      const result = await t.gql(admin.token, EVENTS, { first: 10, companyId });
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
    const anonymous = await t.gql(null, EVENTS, { first: 10 });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const agent = await t.factories.signIn(await t.factories.staffAgent());
    expect((await events({ first: 1 }, agent)).edges).toHaveLength(1);
  });
});
