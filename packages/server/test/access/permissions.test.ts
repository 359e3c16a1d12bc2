/**
 * The permission table of access-model.md ("What each may do"), row by row and role by role,
 * through the real schema. Every (row, role) pair is one test case:
 * - allowed: the payload carries the object and a read-back (as staff ADMIN) shows the change;
 * - refused: FORBIDDEN (or NOT_FOUND where the viewer does not even see the target, so its
 *   existence is not revealed) as a userError with a null payload object, and a read-back
 *   shows that nothing changed; in queries a GraphQL error with that code, or null;
 * - a disabled account's token and an anonymous caller: UNAUTHENTICATED.
 *
 * Each role acts on a company C: C is a child of a company with `subsidiaryTicketsVisible`
 * (whose ADMINISTRATOR sees C's tickets by SUBSIDIARY) and has a sibling with
 * `shareTicketsWithFamily` (whose ADMINISTRATOR sees them by FAMILY). Roles that need other
 * settings of C get a C of their own. Rows that change C itself get a fresh C per case.
 */
import { AccountEntity } from '../../src/modules/account/account.entity';
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { InvitationEntity } from '../../src/modules/invitation/invitation.entity';
import { Capability } from '../../src/modules/membership/capabilities';
import { Role } from '../../src/modules/membership/membership.entity';
import { TicketEntity, TicketStatus } from '../../src/modules/ticket/ticket.entity';
import { CompanySettings, TEST_PASSWORD } from '../support/factories';
import { GqlResult, startTestApp, TestApp } from '../support/test-app';

// ---------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------

type RoleKey =
  | 'ADMIN'
  | 'AGENT'
  | 'ADMINISTRATOR'
  | 'MODERATOR'
  | 'MEMBER'
  | 'MEMBER_WIDE'
  | 'NO_TICKETS'
  | 'PARENT_WIDE'
  | 'FAMILY_WIDE'
  | 'OTHER'
  | 'PORTAL_OFF'
  | 'DISABLED'
  | 'ANONYMOUS';

interface RoleDef {
  key: RoleKey;
  label: string;
  /** Settings of the C this role acts on (default: the defaults). */
  settings?: CompanySettings;
}

const ROLES: RoleDef[] = [
  { key: 'ADMIN', label: 'staff ADMIN' },
  { key: 'AGENT', label: 'staff AGENT' },
  { key: 'ADMINISTRATOR', label: 'ADMINISTRATOR of C' },
  { key: 'MODERATOR', label: 'MODERATOR of C' },
  { key: 'MEMBER', label: 'MEMBER of C' },
  { key: 'MEMBER_WIDE', label: 'MEMBER of C with C.membersSeeCompanyTickets', settings: { membersSeeCompanyTickets: true } },
  { key: 'NO_TICKETS', label: 'MODERATOR of C without TICKETS' },
  { key: 'PARENT_WIDE', label: "ADMINISTRATOR of C's parent (SUBSIDIARY)" },
  { key: 'FAMILY_WIDE', label: "ADMINISTRATOR of C's sibling (FAMILY)" },
  { key: 'OTHER', label: 'ADMINISTRATOR of another company only' },
  { key: 'PORTAL_OFF', label: 'ADMINISTRATOR of C with C.portalEnabled false', settings: { portalEnabled: false } },
  { key: 'DISABLED', label: 'disabled ADMINISTRATOR of C' },
  { key: 'ANONYMOUS', label: 'anonymous' },
];

const STAFF: RoleKey[] = ['ADMIN', 'AGENT'];
/** Active membership in C (any role, any capabilities). */
const IN_C: RoleKey[] = ['ADMINISTRATOR', 'MODERATOR', 'MEMBER', 'MEMBER_WIDE', 'NO_TICKETS'];
/** See C's tickets company-wide by a membership with role ADMINISTRATOR or MODERATOR. */
const MANAGE_C_TICKETS: RoleKey[] = ['ADMINISTRATOR', 'MODERATOR', 'PARENT_WIDE', 'FAMILY_WIDE'];
/** Do not see C at all. */
const BLIND: RoleKey[] = ['OTHER', 'PORTAL_OFF'];
/** Do not see C's invitations (only staff and ADMINISTRATORs of C do). */
const INVITATIONS_UNSEEN: RoleKey[] = ['MODERATOR', 'MEMBER', 'MEMBER_WIDE', 'NO_TICKETS', 'PARENT_WIDE', 'FAMILY_WIDE', ...BLIND];

// ---------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------

type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_FOUND' | 'null' | 'UNAUTHENTICATED';

interface Person {
  account: AccountEntity;
  membershipId: string;
  token: string;
}

interface World {
  parent: CompanyEntity;
  c: CompanyEntity;
  sibling: CompanyEntity;
  actors: Map<RoleKey, { token: string | null; account: AccountEntity | null }>;
  colleague?: Person;
  solver?: Person;
  invitationId?: string;
}

interface Case {
  role: RoleKey;
  token: string | null;
  /** The acting account (null: anonymous). */
  me: AccountEntity | null;
  c: CompanyEntity;
  w: World;
}

interface Prepared {
  query: string;
  variables?: Record<string, unknown>;
  /** Allowed: checks the result (payload) and reads the change back. */
  changed(data: any): Promise<void>;
  /** Refused mutation: reads back that nothing changed. */
  unchanged?(): Promise<void>;
  /** Query whose target the viewer does not see: the null (or absent) answer. */
  hidden?(data: any): void;
}

interface Row {
  name: string;
  kind: 'mutation' | 'query';
  /** The row changes C itself: every case gets a world of its own. */
  fresh?: boolean;
  ok: RoleKey[];
  /** Mutations: NOT_FOUND (target not visible); queries: null. Every other signed-in role: FORBIDDEN. */
  notFound?: RoleKey[];
  prepare(k: Case): Promise<Prepared>;
}

function outcomeOf(row: Row, role: RoleKey): Outcome {
  if (role === 'DISABLED' || role === 'ANONYMOUS') return 'UNAUTHENTICATED';
  if (row.ok.includes(role)) return 'ok';
  if (row.notFound?.includes(role)) return row.kind === 'mutation' ? 'NOT_FOUND' : 'null';
  return 'FORBIDDEN';
}

let t: TestApp;
let adminToken: string;
let staffAdmin: AccountEntity;
let staffAgent: AccountEntity;
let agentToken: string;
let other: Person;
const sharedWorlds = new Map<string, World>();

let sequence = 0;
const uniq = (prefix: string) => `${prefix} ${++sequence}`;
const uniqEmail = () => `perm-${++sequence}-${Date.now()}@Example.test`;

/** As staff ADMIN, expecting no errors: the read-back of every case. */
async function asAdmin(query: string, variables?: Record<string, unknown>): Promise<any> {
  const result = await t.gql(adminToken, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data;
}

async function newWorld(settings: CompanySettings = {}): Promise<World> {
  const f = t.factories;
  const parent = await f.company({ name: uniq('Parent'), settings: { subsidiaryTicketsVisible: true } });
  const c = await f.company({ name: uniq('C'), parent, settings });
  const sibling = await f.company({ name: uniq('Sibling'), parent, settings: { shareTicketsWithFamily: true } });
  return { parent, c, sibling, actors: new Map() };
}

async function sharedWorld(settings: CompanySettings = {}): Promise<World> {
  const key = JSON.stringify(settings);
  let world = sharedWorlds.get(key);
  if (!world) {
    world = await newWorld(settings);
    sharedWorlds.set(key, world);
  }
  return world;
}

async function personIn(company: CompanyEntity, role: Role, capabilities?: Capability[]): Promise<Person> {
  const { account, membership, token } = await t.factories.member(company, role, capabilities);
  return { account, membershipId: membership.id, token };
}

async function actorIn(w: World, role: RoleKey): Promise<{ token: string | null; account: AccountEntity | null }> {
  const cached = w.actors.get(role);
  if (cached) return cached;
  let actor: { token: string | null; account: AccountEntity | null };
  switch (role) {
    case 'ADMIN':
      actor = { token: adminToken, account: staffAdmin };
      break;
    case 'AGENT':
      actor = { token: agentToken, account: staffAgent };
      break;
    case 'ADMINISTRATOR':
    case 'PORTAL_OFF':
      actor = await personIn(w.c, Role.ADMINISTRATOR);
      break;
    case 'MODERATOR':
      actor = await personIn(w.c, Role.MODERATOR);
      break;
    case 'MEMBER':
    case 'MEMBER_WIDE':
      actor = await personIn(w.c, Role.MEMBER);
      break;
    case 'NO_TICKETS':
      actor = await personIn(w.c, Role.MODERATOR, [Capability.SOLVER, Capability.KNOWLEDGE_BASE, Capability.OVERVIEW]);
      break;
    case 'PARENT_WIDE':
      actor = await personIn(w.parent, Role.ADMINISTRATOR);
      break;
    case 'FAMILY_WIDE':
      actor = await personIn(w.sibling, Role.ADMINISTRATOR);
      break;
    case 'OTHER':
      actor = other;
      break;
    case 'DISABLED': {
      // an administrator of C whose session was started before the account was disabled
      const account = await t.factories.account({ disabled: true });
      await t.factories.membership(account, w.c, Role.ADMINISTRATOR);
      actor = { account, token: await t.factories.signIn(account) };
      break;
    }
    case 'ANONYMOUS':
      actor = { token: null, account: null };
      break;
  }
  w.actors.set(role, actor);
  return actor;
}

const colleagueOf = async (w: World) => (w.colleague ??= await personIn(w.c, Role.MEMBER));
const solverOf = async (w: World) => (w.solver ??= await personIn(w.c, Role.MODERATOR));

const COMPANY = `id name parent { id } settings { portalEnabled membersSeeCompanyTickets subsidiaryTicketsVisible shareTicketsWithFamily }`;
const companyAsStaff = async (id: string) => (await asAdmin(`query($id: ID!) { company(id: $id) { ${COMPANY} } }`, { id })).company;

const TICKET = `id title status assignee { id }`;
const ticketAsStaff = async (id: string) => (await asAdmin(`query($id: ID!) { ticket(id: $id) { ${TICKET} } }`, { id })).ticket;

const nodeAsStaff = async (id: string, fields: string) =>
  (await asAdmin(`query($id: ID!) { node(id: $id) { id ${fields} } }`, { id })).node;

/** Staff ADMIN invites a fresh email into the company; returns the invitation id. */
async function inviteAsAdmin(company: CompanyEntity): Promise<string> {
  const data = await asAdmin(
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code } } }`,
    { input: { companyId: company.id, email: uniqEmail(), firstName: 'Ina', lastName: 'Vite', language: 'de', role: Role.MEMBER } },
  );
  expect(data.inviteMember.userErrors).toEqual([]);
  return data.inviteMember.invitation.id;
}

const invitationRow = async (id: string) => t.app.deps.reader.findOneByOrFail(InvitationEntity, { id });

function updateCompanyRow(
  name: string,
  ok: RoleKey[],
  change: (c: CompanyEntity) => { name?: string; settings?: Partial<Record<keyof CompanySettings, boolean>> },
): Row {
  return {
    name,
    kind: 'mutation',
    fresh: true,
    ok,
    notFound: BLIND,
    async prepare({ c }) {
      const before = await companyAsStaff(c.id);
      const input = { id: c.id, ...change(c) };
      const after = { ...before, name: input.name ?? before.name, settings: { ...before.settings, ...input.settings } };
      return {
        // (the payload's parent is left out: an ADMINISTRATOR of C does not see C's parent)
        query: `mutation($input: UpdateCompanyInput!) { updateCompany(input: $input) { company { ${COMPANY.replace('parent { id } ', '')} } userErrors { code field } } }`,
        variables: { input },
        async changed(data) {
          const { parent: _parent, ...payload } = after;
          expect(data.updateCompany.company).toEqual(payload);
          expect(await companyAsStaff(c.id)).toEqual(after);
        },
        async unchanged() {
          expect(await companyAsStaff(c.id)).toEqual(before);
        },
      };
    },
  };
}

function moveCompanyRow(name: string, toRoot: boolean): Row {
  return {
    name,
    kind: 'mutation',
    fresh: true,
    ok: ['ADMIN'],
    async prepare({ c, w }) {
      const target = toRoot ? null : await t.factories.company({ name: uniq('New parent') });
      return {
        query: `mutation($id: ID!, $parentId: ID) { moveCompany(id: $id, parentId: $parentId) { company { id parent { id } } userErrors { code field } } }`,
        variables: { id: c.id, parentId: target?.id ?? null },
        async changed(data) {
          const parent = target ? { id: target.id } : null;
          expect(data.moveCompany.company).toEqual({ id: c.id, parent });
          expect((await companyAsStaff(c.id)).parent).toEqual(parent);
        },
        async unchanged() {
          expect((await companyAsStaff(c.id)).parent).toEqual({ id: w.parent.id });
        },
      };
    },
  };
}

function updateMembershipRow(name: string, change: { role?: Role; capabilities?: Capability[] }): Row {
  return {
    name,
    kind: 'mutation',
    ok: ['ADMIN', 'ADMINISTRATOR'],
    notFound: BLIND,
    async prepare({ c }) {
      const target = await personIn(c, Role.MEMBER);
      const fields = `... on Membership { role capabilities }`;
      const before = { id: target.membershipId, role: Role.MEMBER, capabilities: [Capability.TICKETS, Capability.KNOWLEDGE_BASE] };
      // changing the role keeps the capabilities unless the request sets them too
      const after = { ...before, ...change };
      return {
        query: `mutation($input: UpdateMembershipInput!) { updateMembership(input: $input) { membership { id role capabilities } userErrors { code field } } }`,
        variables: { input: { id: target.membershipId, ...change } },
        async changed(data) {
          expect(data.updateMembership.membership).toEqual(after);
          expect(await nodeAsStaff(target.membershipId, fields)).toEqual(after);
        },
        async unchanged() {
          expect(await nodeAsStaff(target.membershipId, fields)).toEqual(before);
        },
      };
    },
  };
}

interface TicketView {
  title: string;
  status: TicketStatus;
  assignee: { id: string } | null;
}

/**
 * updateTicket on a fresh OPEN ticket of C: the viewer's own (requester: the viewer) or a
 * colleague's (requester: a MEMBER of C), optionally assigned to a SOLVER of C beforehand.
 */
function updateTicketRow(
  name: string,
  options: { own: boolean; assigned?: boolean },
  ok: RoleKey[],
  notFound: RoleKey[],
  change: (k: Case) => Promise<{ title?: string; status?: TicketStatus; assigneeId?: string | null }>,
): Row {
  return {
    name,
    kind: 'mutation',
    ok,
    notFound,
    async prepare(k) {
      const requester = options.own ? k.me : (await colleagueOf(k.w)).account;
      const solver = await solverOf(k.w);
      const ticket = await t.factories.ticket({
        company: k.c,
        requester,
        status: TicketStatus.OPEN,
        assignee: options.assigned ? solver.account : null,
      });
      const before: TicketView = {
        title: ticket.title,
        status: TicketStatus.OPEN,
        assignee: options.assigned ? { id: solver.account.id } : null,
      };
      const input = { id: ticket.id, ...(await change(k)) };
      const after: TicketView = {
        title: input.title ?? before.title,
        status: input.status ?? before.status,
        assignee: input.assigneeId === undefined ? before.assignee : input.assigneeId === null ? null : { id: input.assigneeId },
      };
      return {
        query: `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { ${TICKET} } userErrors { code field } } }`,
        variables: { input },
        async changed(data) {
          expect(data.updateTicket.ticket).toEqual({ id: ticket.id, ...after });
          expect(await ticketAsStaff(ticket.id)).toEqual({ id: ticket.id, ...after });
        },
        async unchanged() {
          expect(await ticketAsStaff(ticket.id)).toEqual({ id: ticket.id, ...before });
        },
      };
    },
  };
}

const newTitle = async () => ({ title: uniq('Renamed ticket') });
const statusTo = (status: TicketStatus) => async () => ({ status });
const assignSolver = async (k: Case) => ({ assigneeId: (await solverOf(k.w)).account.id });

/** Who may change a colleague's ticket, or anything but the title and CLOSED of an own one. */
const TICKET_MANAGERS: RoleKey[] = [...STAFF, ...MANAGE_C_TICKETS];
/** Who may change the title of an own ticket, and close it. */
const OWN_TICKET_EDITORS: RoleKey[] = [...TICKET_MANAGERS, 'MEMBER', 'MEMBER_WIDE'];

const ROWS: Row[] = [
  // --- companies -------------------------------------------------------------------------
  {
    name: 'company(id) of C',
    kind: 'query',
    ok: [...STAFF, ...IN_C, 'PARENT_WIDE', 'FAMILY_WIDE'],
    notFound: BLIND,
    async prepare({ c }) {
      return {
        query: `query($id: ID!) { company(id: $id) { id name } }`,
        variables: { id: c.id },
        async changed(data) {
          expect(data.company).toEqual({ id: c.id, name: c.name });
        },
        hidden(data) {
          expect(data.company).toBeNull();
        },
      };
    },
  },
  {
    name: 'createCompany under C',
    kind: 'mutation',
    ok: ['ADMIN'],
    async prepare({ c }) {
      const name = uniq('Subsidiary');
      const children = async () =>
        (await asAdmin(`query($id: ID!) { company(id: $id) { children { name } } }`, { id: c.id })).company.children;
      return {
        query: `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id name parent { id } } userErrors { code field } } }`,
        variables: { input: { name, parentId: c.id } },
        async changed(data) {
          const created = data.createCompany.company;
          expect(created).toEqual({ id: expect.any(String), name, parent: { id: c.id } });
          expect(await companyAsStaff(created.id)).toMatchObject({ name, parent: { id: c.id } });
        },
        async unchanged() {
          expect(await children()).not.toContainEqual({ name });
        },
      };
    },
  },
  updateCompanyRow('updateCompany: rename C', ['ADMIN'], () => ({ name: uniq('Renamed') })),
  updateCompanyRow('updateCompany: portalEnabled', ['ADMIN'], (c) => ({ settings: { portalEnabled: !c.portalEnabled } })),
  updateCompanyRow('updateCompany: subsidiaryTicketsVisible', ['ADMIN'], (c) => ({
    settings: { subsidiaryTicketsVisible: !c.subsidiaryTicketsVisible },
  })),
  updateCompanyRow('updateCompany: shareTicketsWithFamily', ['ADMIN'], (c) => ({
    settings: { shareTicketsWithFamily: !c.shareTicketsWithFamily },
  })),
  updateCompanyRow('updateCompany: membersSeeCompanyTickets only', ['ADMIN', 'ADMINISTRATOR'], (c) => ({
    settings: { membersSeeCompanyTickets: !c.membersSeeCompanyTickets },
  })),
  updateCompanyRow('updateCompany: membersSeeCompanyTickets and the name', ['ADMIN'], (c) => ({
    name: uniq('Renamed'),
    settings: { membersSeeCompanyTickets: !c.membersSeeCompanyTickets },
  })),
  updateCompanyRow('updateCompany: membersSeeCompanyTickets and subsidiaryTicketsVisible', ['ADMIN'], (c) => ({
    settings: { membersSeeCompanyTickets: !c.membersSeeCompanyTickets, subsidiaryTicketsVisible: !c.subsidiaryTicketsVisible },
  })),
  moveCompanyRow('moveCompany: C under another company', false),
  moveCompanyRow('moveCompany: C to a root', true),

  // --- accounts --------------------------------------------------------------------------
  {
    name: 'createAccount',
    kind: 'mutation',
    ok: ['ADMIN'],
    async prepare() {
      const email = uniqEmail();
      const stored = () => t.app.deps.reader.findOneBy(AccountEntity, { emailNormalized: email.toLowerCase() });
      return {
        query: `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id email staffRole disabled } userErrors { code field } } }`,
        variables: { input: { email, firstName: 'Cre', lastName: 'Ated', password: 'a long enough password' } },
        async changed(data) {
          const account = { id: expect.any(String), email, staffRole: null, disabled: false };
          expect(data.createAccount.account).toEqual(account);
          expect(await nodeAsStaff(data.createAccount.account.id, `... on Account { email staffRole disabled }`)).toEqual(account);
        },
        async unchanged() {
          expect(await stored()).toBeNull();
        },
      };
    },
  },
  {
    name: 'setAccountDisabled of a MEMBER of C',
    kind: 'mutation',
    ok: ['ADMIN'],
    async prepare({ c }) {
      const target = await personIn(c, Role.MEMBER);
      const disabledAsStaff = async () => (await nodeAsStaff(target.account.id, `... on Account { disabled }`)).disabled;
      // a refused token (its sessions deleted: HTTP 401 TOKEN_INVALID) has no viewer
      const viewerOfTarget = async () => (await t.gql(target.token, `{ viewer { id } }`)).data?.viewer ?? null;
      return {
        query: `mutation($id: ID!) { setAccountDisabled(id: $id, disabled: true) { account { id disabled } userErrors { code field } } }`,
        variables: { id: target.account.id },
        async changed(data) {
          expect(data.setAccountDisabled.account).toEqual({ id: target.account.id, disabled: true });
          expect(await disabledAsStaff()).toBe(true);
          expect(await viewerOfTarget()).toBeNull(); // its sessions stop working at once
        },
        async unchanged() {
          expect(await disabledAsStaff()).toBe(false);
          expect(await viewerOfTarget()).toEqual({ id: target.account.id });
        },
      };
    },
  },

  // --- invitations -----------------------------------------------------------------------
  {
    name: 'inviteMember into C',
    kind: 'mutation',
    ok: ['ADMIN', 'ADMINISTRATOR'],
    notFound: BLIND,
    async prepare({ c }) {
      const email = uniqEmail();
      return {
        query: `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id email status company { id } } userErrors { code field } } }`,
        variables: { input: { companyId: c.id, email, firstName: 'New', lastName: 'Person', language: 'sk', role: Role.MODERATOR } },
        async changed(data) {
          const invitation = data.inviteMember.invitation;
          expect(invitation).toEqual({ id: expect.any(String), email, status: 'PENDING', company: { id: c.id } });
          expect(await nodeAsStaff(invitation.id, `... on Invitation { email status role company { id } }`)).toEqual({
            id: invitation.id,
            email,
            status: 'PENDING',
            role: Role.MODERATOR,
            company: { id: c.id },
          });
        },
        async unchanged() {
          expect(await t.app.deps.reader.findOneBy(InvitationEntity, { emailNormalized: email.toLowerCase() })).toBeNull();
        },
      };
    },
  },
  {
    name: 'resendInvitation of C',
    kind: 'mutation',
    ok: ['ADMIN', 'ADMINISTRATOR'],
    notFound: INVITATIONS_UNSEEN,
    async prepare({ c }) {
      const id = await inviteAsAdmin(c);
      const before = await invitationRow(id);
      return {
        query: `mutation($id: ID!) { resendInvitation(id: $id) { invitation { id status } userErrors { code field } } }`,
        variables: { id },
        async changed(data) {
          expect(data.resendInvitation.invitation).toEqual({ id, status: 'PENDING' });
          const after = await invitationRow(id);
          expect(after.tokenHash).not.toBe(before.tokenHash); // a new link; the old one stops working
          expect(after.expiresAt.getTime()).toBeGreaterThanOrEqual(before.expiresAt.getTime());
        },
        async unchanged() {
          const after = await invitationRow(id);
          expect({ tokenHash: after.tokenHash, status: after.status, expiresAt: after.expiresAt }).toEqual({
            tokenHash: before.tokenHash,
            status: before.status,
            expiresAt: before.expiresAt,
          });
        },
      };
    },
  },
  {
    name: 'revokeInvitation of C',
    kind: 'mutation',
    ok: ['ADMIN', 'ADMINISTRATOR'],
    notFound: INVITATIONS_UNSEEN,
    async prepare({ c }) {
      const id = await inviteAsAdmin(c);
      const status = async () => (await nodeAsStaff(id, `... on Invitation { status }`)).status;
      return {
        query: `mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id status } userErrors { code field } } }`,
        variables: { id },
        async changed(data) {
          expect(data.revokeInvitation.invitation).toEqual({ id, status: 'REVOKED' });
          expect(await status()).toBe('REVOKED');
        },
        async unchanged() {
          expect(await status()).toBe('PENDING');
        },
      };
    },
  },
  {
    name: 'list invitations of C',
    kind: 'query',
    ok: [...STAFF, 'ADMINISTRATOR'],
    notFound: BLIND,
    async prepare({ c, w }) {
      w.invitationId ??= await inviteAsAdmin(c);
      const query = `query($id: ID!) { company(id: $id) { id invitations(first: 100) { totalCount edges { node { id } } } } }`;
      return {
        query,
        variables: { id: c.id },
        async changed(data) {
          const expected = (await asAdmin(query, { id: c.id })).company;
          expect(expected.invitations.edges).toContainEqual({ node: { id: w.invitationId } });
          expect(data.company).toEqual(expected);
        },
        hidden(data) {
          expect(data.company).toBeNull();
        },
      };
    },
  },

  // --- memberships -----------------------------------------------------------------------
  {
    name: 'list memberships of C',
    kind: 'query',
    ok: [...STAFF, ...IN_C],
    notFound: BLIND,
    async prepare({ c, w }) {
      const colleague = await colleagueOf(w);
      const query = `query($id: ID!) { company(id: $id) { id memberships(first: 100) { totalCount edges { node { id } } } } }`;
      return {
        query,
        variables: { id: c.id },
        async changed(data) {
          const expected = (await asAdmin(query, { id: c.id })).company;
          expect(expected.memberships.edges).toContainEqual({ node: { id: colleague.membershipId } });
          expect(data.company).toEqual(expected);
        },
        hidden(data) {
          expect(data.company).toBeNull();
        },
      };
    },
  },
  updateMembershipRow('updateMembership: role of a MEMBER of C', { role: Role.MODERATOR }),
  updateMembershipRow('updateMembership: capabilities of a MEMBER of C', { capabilities: [Capability.TICKETS, Capability.SOLVER] }),
  {
    name: 'removeMembership of a MEMBER of C',
    kind: 'mutation',
    ok: ['ADMIN', 'ADMINISTRATOR'],
    notFound: BLIND,
    async prepare({ c }) {
      const target = await personIn(c, Role.MEMBER);
      return {
        query: `mutation($id: ID!) { removeMembership(id: $id) { deletedId userErrors { code field } } }`,
        variables: { id: target.membershipId },
        async changed(data) {
          expect(data.removeMembership.deletedId).toBe(target.membershipId);
          expect(await nodeAsStaff(target.membershipId, '')).toBeNull();
        },
        async unchanged() {
          expect(await nodeAsStaff(target.membershipId, '')).toEqual({ id: target.membershipId });
        },
      };
    },
  },
  {
    // decision: adding an existing account directly is the provider's act; customers invite
    name: 'addMembership of an existing account to C',
    kind: 'mutation',
    ok: ['ADMIN'],
    async prepare({ c }) {
      const account = await t.factories.account();
      const memberships = async () =>
        (await nodeAsStaff(account.id, `... on Account { memberships { role capabilities company { id } } }`)).memberships;
      return {
        query: `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { role capabilities company { id } account { id } } userErrors { code field } } }`,
        variables: { input: { accountId: account.id, companyId: c.id, role: Role.MODERATOR } },
        async changed(data) {
          const membership = {
            role: Role.MODERATOR,
            capabilities: [Capability.TICKETS, Capability.SOLVER, Capability.KNOWLEDGE_BASE, Capability.OVERVIEW],
            company: { id: c.id },
          };
          expect(data.addMembership.membership).toEqual({ ...membership, account: { id: account.id } });
          expect(await memberships()).toEqual([membership]);
        },
        async unchanged() {
          expect(await memberships()).toEqual([]);
        },
      };
    },
  },

  // --- tickets ---------------------------------------------------------------------------
  {
    name: 'createTicket in C for oneself',
    kind: 'mutation',
    ok: [...STAFF, 'ADMINISTRATOR', 'MODERATOR', 'MEMBER', 'MEMBER_WIDE', 'PARENT_WIDE', 'FAMILY_WIDE'],
    notFound: BLIND,
    async prepare({ c, me, token }) {
      const title = uniq('New ticket');
      return {
        query: `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id title status company { id } requester { id } } userErrors { code field } } }`,
        variables: { input: { companyId: c.id, title } },
        async changed(data) {
          const ticket = { id: expect.any(String), title, status: 'NEW', company: { id: c.id }, requester: { id: me!.id } };
          expect(data.createTicket.ticket).toEqual(ticket);
          const id = data.createTicket.ticket.id;
          expect(await nodeAsStaff(id, `... on Ticket { title status company { id } requester { id } }`)).toEqual(ticket);
          // and the requester sees what it raised
          expect((await t.gql(token, `query($id: ID!) { ticket(id: $id) { id } }`, { id })).data!.ticket).toEqual({ id });
        },
        async unchanged() {
          expect(await t.app.deps.reader.findOneBy(TicketEntity, { title })).toBeNull();
        },
      };
    },
  },
  {
    name: 'createTicket in C for another requester (a MEMBER of C)',
    kind: 'mutation',
    ok: ['ADMIN'],
    async prepare({ c, w }) {
      const title = uniq('Raised for someone');
      const colleague = await colleagueOf(w);
      return {
        query: `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id title company { id } requester { id } } userErrors { code field } } }`,
        variables: { input: { companyId: c.id, title, requesterId: colleague.account.id } },
        async changed(data) {
          const ticket = { id: expect.any(String), title, company: { id: c.id }, requester: { id: colleague.account.id } };
          expect(data.createTicket.ticket).toEqual(ticket);
          expect(await nodeAsStaff(data.createTicket.ticket.id, `... on Ticket { title company { id } requester { id } }`)).toEqual(ticket);
        },
        async unchanged() {
          expect(await t.app.deps.reader.findOneBy(TicketEntity, { title })).toBeNull();
        },
      };
    },
  },
  // a colleague's ticket: MEMBERs do not see it (unless membersSeeCompanyTickets), and may not change it
  updateTicketRow(
    "updateTicket: title of a colleague's ticket",
    { own: false },
    TICKET_MANAGERS,
    ['MEMBER', 'NO_TICKETS', ...BLIND],
    newTitle,
  ),
  updateTicketRow(
    "updateTicket: status RESOLVED of a colleague's ticket",
    { own: false },
    TICKET_MANAGERS,
    ['MEMBER', 'NO_TICKETS', ...BLIND],
    statusTo(TicketStatus.RESOLVED),
  ),
  updateTicketRow(
    "updateTicket: status CLOSED of a colleague's ticket",
    { own: false },
    TICKET_MANAGERS,
    ['MEMBER', 'NO_TICKETS', ...BLIND],
    statusTo(TicketStatus.CLOSED),
  ),
  updateTicketRow(
    "updateTicket: assign a colleague's ticket to a SOLVER of C",
    { own: false },
    TICKET_MANAGERS,
    ['MEMBER', 'NO_TICKETS', ...BLIND],
    assignSolver,
  ),
  // an own ticket: MEMBERs may change its title and close it, nothing else
  updateTicketRow('updateTicket: title of an own ticket', { own: true }, OWN_TICKET_EDITORS, ['NO_TICKETS', ...BLIND], newTitle),
  updateTicketRow(
    'updateTicket: status CLOSED of an own ticket',
    { own: true },
    OWN_TICKET_EDITORS,
    ['NO_TICKETS', ...BLIND],
    statusTo(TicketStatus.CLOSED),
  ),
  updateTicketRow(
    'updateTicket: title and status CLOSED of an own ticket',
    { own: true },
    OWN_TICKET_EDITORS,
    ['NO_TICKETS', ...BLIND],
    async () => ({
      title: uniq('Closed ticket'),
      status: TicketStatus.CLOSED,
    }),
  ),
  updateTicketRow(
    'updateTicket: status RESOLVED of an own ticket',
    { own: true },
    TICKET_MANAGERS,
    ['NO_TICKETS', ...BLIND],
    statusTo(TicketStatus.RESOLVED),
  ),
  updateTicketRow(
    'updateTicket: assign an own ticket to a SOLVER of C',
    { own: true },
    TICKET_MANAGERS,
    ['NO_TICKETS', ...BLIND],
    assignSolver,
  ),
  updateTicketRow(
    'updateTicket: unassign an own ticket',
    { own: true, assigned: true },
    TICKET_MANAGERS,
    ['NO_TICKETS', ...BLIND],
    async () => ({
      assigneeId: null,
    }),
  ),

  // --- explaining access -----------------------------------------------------------------
  {
    name: 'ticketAudience of a ticket of C',
    kind: 'query',
    ok: STAFF,
    async prepare({ c, w }) {
      const colleague = await colleagueOf(w);
      const ticket = await t.factories.ticket({ company: c, requester: colleague.account });
      return {
        query: `query($id: ID!) { ticketAudience(ticketId: $id) { account { id } grants { reason via { id } } } }`,
        variables: { id: ticket.id },
        async changed(data) {
          expect(data.ticketAudience).toContainEqual({
            account: { id: colleague.account.id },
            grants: [{ reason: 'OWN_TICKET', via: { id: c.id } }],
          });
        },
      };
    },
  },
  {
    name: 'accountVisibility of oneself',
    kind: 'query',
    ok: ROLES.map((r) => r.key),
    async prepare({ role, me, c, w }) {
      const wideOnC: Partial<Record<RoleKey, { reason: string; via: { id: string } }>> = {
        ADMINISTRATOR: { reason: 'COMPANY_WIDE', via: { id: c.id } },
        MODERATOR: { reason: 'COMPANY_WIDE', via: { id: c.id } },
        MEMBER_WIDE: { reason: 'COMPANY_WIDE', via: { id: c.id } },
        PARENT_WIDE: { reason: 'SUBSIDIARY', via: { id: w.parent.id } },
        FAMILY_WIDE: { reason: 'FAMILY', via: { id: w.sibling.id } },
      };
      return {
        query: `query($id: ID!) { accountVisibility(accountId: $id) { company { id } grants { reason via { id } } } }`,
        variables: { id: me?.id ?? (await colleagueOf(w)).account.id },
        async changed(data) {
          const list: Array<{ company: { id: string }; grants: unknown[] }> = data.accountVisibility;
          if (STAFF.includes(role) || role === 'MEMBER' || role === 'NO_TICKETS' || role === 'PORTAL_OFF') {
            expect(list).toEqual([]); // staff hold no memberships; these see no company as a whole
          } else if (role === 'OTHER') {
            expect(list.map((e) => e.company.id)).not.toContain(c.id);
          } else {
            expect(list.find((e) => e.company.id === c.id)?.grants).toEqual([wideOnC[role]]);
          }
        },
      };
    },
  },
  {
    name: 'accountVisibility of a MODERATOR of C (someone else)',
    kind: 'query',
    ok: STAFF,
    async prepare({ c, w }) {
      const solver = await solverOf(w);
      return {
        query: `query($id: ID!) { accountVisibility(accountId: $id) { company { id } grants { reason via { id } } } }`,
        variables: { id: solver.account.id },
        async changed(data) {
          expect(data.accountVisibility).toEqual([{ company: { id: c.id }, grants: [{ reason: 'COMPANY_WIDE', via: { id: c.id } }] }]);
        },
      };
    },
  },
  {
    name: 'auditEvents',
    kind: 'query',
    ok: STAFF,
    async prepare() {
      return {
        query: `{ auditEvents(first: 5) { totalCount edges { node { action } } } }`,
        async changed(data) {
          expect(data.auditEvents.totalCount).toBeGreaterThan(0);
          expect(data.auditEvents.edges.length).toBeGreaterThan(0);
        },
      };
    },
  },
];

// ---------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await startTestApp();
  staffAdmin = await t.factories.staffAdmin();
  adminToken = await t.factories.signIn(staffAdmin);
  staffAgent = await t.factories.staffAgent();
  agentToken = await t.factories.signIn(staffAgent);
  const elsewhere = await t.factories.company({ name: 'Elsewhere Ltd' });
  other = await personIn(elsewhere, Role.ADMINISTRATOR);
});
afterAll(() => t?.close());

const codes = (result: GqlResult) => result.errors?.map((e) => e.extensions?.code);

describe.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
  it.each(ROLES.map((role) => ({ role, label: role.label, outcome: outcomeOf(row, role.key) })))(
    '$label → $outcome',
    async ({ role, outcome }) => {
      const w = row.fresh ? await newWorld(role.settings) : await sharedWorld(role.settings);
      const actor = await actorIn(w, role.key);
      const prepared = await row.prepare({ role: role.key, token: actor.token, me: actor.account, c: w.c, w });
      const result = await t.gql(actor.token, prepared.query, prepared.variables);

      if (outcome === 'UNAUTHENTICATED') {
        expect(codes(result)).toEqual(['UNAUTHENTICATED']);
        await prepared.unchanged?.();
        return;
      }
      if (row.kind === 'query' && outcome === 'FORBIDDEN') {
        expect(codes(result)).toEqual(['FORBIDDEN']);
        return;
      }
      expect(result.errors).toBeUndefined();
      if (outcome === 'null') {
        prepared.hidden!(result.data);
        return;
      }
      if (row.kind === 'query') {
        await prepared.changed(result.data);
        return;
      }
      const [payload] = Object.values(result.data!) as any[];
      if (outcome === 'ok') {
        expect(payload.userErrors).toEqual([]);
        await prepared.changed(result.data);
        return;
      }
      expect(payload.userErrors.map((e: { code: string }) => e.code)).toEqual([outcome]);
      for (const [key, value] of Object.entries(payload)) if (key !== 'userErrors') expect(value).toBeNull();
      await prepared.unchanged!();
    },
  );
});

// ---------------------------------------------------------------------------------------
// Assignees: staff, or a customer with a live SOLVER membership in the ticket's company
// ---------------------------------------------------------------------------------------

describe('assignee invariant of updateTicket', () => {
  type Assignee = {
    name: string;
    outcome: 'ok' | 'INVALID_INPUT';
    staffOnly?: boolean;
    pick(w: World): Promise<{ company: CompanyEntity; id: string }>;
  };
  const assignees: Assignee[] = [
    { name: 'a staff AGENT', outcome: 'ok', pick: async (w) => ({ company: w.c, id: staffAgent.id }) },
    { name: 'a MODERATOR of C (SOLVER)', outcome: 'ok', pick: async (w) => ({ company: w.c, id: (await solverOf(w)).account.id }) },
    {
      name: 'a MEMBER of C (no SOLVER)',
      outcome: 'INVALID_INPUT',
      pick: async (w) => ({ company: w.c, id: (await colleagueOf(w)).account.id }),
    },
    {
      name: 'a MODERATOR of C without TICKETS (not live)',
      outcome: 'INVALID_INPUT',
      pick: async (w) => ({ company: w.c, id: (await personIn(w.c, Role.MODERATOR, [Capability.SOLVER])).account.id }),
    },
    {
      name: 'an ADMINISTRATOR of another company only',
      outcome: 'INVALID_INPUT',
      pick: async (w) => ({ company: w.c, id: other.account.id }),
    },
    {
      name: "an ADMINISTRATOR of C's parent (sees C's tickets, no membership in C)",
      outcome: 'INVALID_INPUT',
      pick: async (w) => ({ company: w.c, id: (await actorIn(w, 'PARENT_WIDE')).account!.id }),
    },
    {
      name: 'a disabled staff AGENT',
      outcome: 'INVALID_INPUT',
      pick: async (w) => ({ company: w.c, id: (await t.factories.account({ staffRole: staffAgent.staffRole, disabled: true })).id }),
    },
    {
      name: 'a disabled ADMINISTRATOR of C',
      outcome: 'INVALID_INPUT',
      pick: async (w) => ({ company: w.c, id: (await actorIn(w, 'DISABLED')).account!.id }),
    },
    {
      name: 'an ADMINISTRATOR of a portal-disabled company, on its ticket',
      outcome: 'INVALID_INPUT',
      staffOnly: true,
      pick: async () => {
        const off = await sharedWorld({ portalEnabled: false });
        return { company: off.c, id: (await actorIn(off, 'PORTAL_OFF')).account!.id };
      },
    },
  ];
  const actors: RoleKey[] = ['ADMIN', 'AGENT', 'ADMINISTRATOR'];
  const cases = assignees.flatMap((assignee) =>
    actors
      .filter((actor) => !assignee.staffOnly || STAFF.includes(actor))
      .map((actor) => ({ assignee, actor, label: `${ROLES.find((r) => r.key === actor)!.label} assigns ${assignee.name}` })),
  );

  it.each(cases)('$label → $assignee.outcome', async ({ assignee, actor }) => {
    const w = await sharedWorld();
    const { token } = await actorIn(w, actor);
    const target = await assignee.pick(w);
    const ticket = await t.factories.ticket({
      company: target.company,
      requester: (await colleagueOf(w)).account,
      status: TicketStatus.OPEN,
    });
    const result = await t.gql(
      token,
      `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id assignee { id } } userErrors { code field } } }`,
      { input: { id: ticket.id, assigneeId: target.id } },
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data.updateTicket;
    if (assignee.outcome === 'ok') {
      expect(payload).toEqual({ ticket: { id: ticket.id, assignee: { id: target.id } }, userErrors: [] });
      expect((await ticketAsStaff(ticket.id)).assignee).toEqual({ id: target.id });
    } else {
      expect(payload).toEqual({ ticket: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'assigneeId'] }] });
      expect((await ticketAsStaff(ticket.id)).assignee).toBeNull();
    }
  });
});

// ---------------------------------------------------------------------------------------
// Public operations: no UNAUTHENTICATED for an anonymous caller
// ---------------------------------------------------------------------------------------

describe('public operations of an anonymous caller', () => {
  it('viewer is null', async () => {
    expect(await t.gql(null, `{ viewer { id } }`)).toMatchObject({ errors: undefined, data: { viewer: null } });
  });

  it('signIn answers with data (a disabled account cannot sign in: told so only with its right password)', async () => {
    const disabled = await t.factories.account({ disabled: true });
    const result = await t.gql(
      null,
      `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token userErrors { code } } }`,
      {
        e: disabled.email,
        p: TEST_PASSWORD,
      },
    );
    expect(result).toMatchObject({ errors: undefined, data: { signIn: { token: null, userErrors: [{ code: 'ACCOUNT_DISABLED' }] } } });
  });

  it('acceptInvitation answers with data', async () => {
    const result = await t.gql(
      null,
      `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token userErrors { code } } }`,
      { input: { token: 'not-a-token', password: 'a long enough password' } },
    );
    expect(result).toMatchObject({
      errors: undefined,
      data: { acceptInvitation: { token: null, userErrors: [{ code: 'INVITATION_INVALID' }] } },
    });
  });
});
