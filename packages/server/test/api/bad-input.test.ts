import fs from 'node:fs';
import type { OutgoingMail } from '../../src/infrastructure/mail/mailer';
import { StaffRole } from '../../src/modules/account/account.entity';
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { newId } from '../../src/shared/ids';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * access-model.md "Errors": malformed input is INVALID_INPUT (with the input field path), an id that
 * does not exist is NOT_FOUND, the payload object is null, and nothing is changed. Every mutation
 * of the contract is tried with bad input by a viewer who would otherwise be allowed to run it.
 */

/** Per mutation: variable declarations, arguments, and the payload's object selection. */
const MUTATIONS: Record<string, [string, string, string]> = {
  signIn: ['($email: String!, $password: String!)', '(email: $email, password: $password)', 'token account { id }'],
  createCompany: ['($input: CreateCompanyInput!)', '(input: $input)', 'company { id }'],
  updateCompany: ['($input: UpdateCompanyInput!)', '(input: $input)', 'company { id }'],
  moveCompany: ['($id: ID!, $parentId: ID)', '(id: $id, parentId: $parentId)', 'company { id }'],
  createAccount: ['($input: CreateAccountInput!)', '(input: $input)', 'account { id }'],
  setAccountDisabled: ['($id: ID!, $disabled: Boolean!)', '(id: $id, disabled: $disabled)', 'account { id }'],
  addMembership: ['($input: AddMembershipInput!)', '(input: $input)', 'membership { id }'],
  updateMembership: ['($input: UpdateMembershipInput!)', '(input: $input)', 'membership { id }'],
  removeMembership: ['($id: ID!)', '(id: $id)', 'deletedId'],
  inviteMember: ['($input: InviteMemberInput!)', '(input: $input)', 'invitation { id }'],
  resendInvitation: ['($id: ID!)', '(id: $id)', 'invitation { id }'],
  revokeInvitation: ['($id: ID!)', '(id: $id)', 'invitation { id }'],
  acceptInvitation: ['($input: AcceptInvitationInput!)', '(input: $input)', 'token account { id }'],
  createTicket: ['($input: CreateTicketInput!)', '(input: $input)', 'ticket { id }'],
  updateTicket: ['($input: UpdateTicketInput!)', '(input: $input)', 'ticket { id }'],
};

const LONG = 'x'.repeat(10_000);
const GARBAGE_IDS = ['', 'nope', '1 OR 1=1', "cmp_'; DROP TABLE company; --", `cmp_${'g'.repeat(32)}`, LONG];
const BAD_EMAILS = ['not-an-email', 'a@', '@example.test', 'two words@example.test', 'a@b', `${'x'.repeat(250)}@example.test`, ''];
const BAD_NAMES: Array<[string, string]> = [
  ['empty', ''],
  ['whitespace-only', ' \t\n  '],
  ['201 characters', 'n'.repeat(201)],
  ['10 000 characters', LONG],
];
const HOSTILE = [
  "Robert'); DROP TABLE company; --",
  "' OR '1'='1",
  '\\"; DELETE FROM account WHERE 1=1; --',
  '%_% LIKE \\% `backticks` $1 :name ?',
  'Zürich Ünïcødé 株式会社 Ελληνικά مرحبا עברית',
  '🚀 👩‍👩‍👧‍👦 🇸🇰 e\u0301 \u200f\u200e zero\u200bwidth',
  '<script>alert(1)</script> &amp; {{x}}',
];

describe('bad input is refused with INVALID_INPUT / NOT_FOUND and changes nothing', () => {
  let t: TestApp;
  const mails: OutgoingMail[] = [];
  let staff: string; // staff ADMIN token
  let staffId: string;
  let company: CompanyEntity;
  let other: CompanyEntity;
  let customerId: string;
  let customerEmail: string;
  let membershipId: string;
  let ticketId: string;
  let invitationId: string;
  let invitationToken: string;

  const count = async (table: string) => Number((await t.app.deps.reader.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  /** Every row of every table (sessions without their activity stamp, which reads may touch). */
  async function dump() {
    const tables: Array<[string, string]> = [
      ['company', '*'],
      ['company_closure', '*'],
      ['account', '*'],
      ['membership', '*'],
      ['invitation', '*'],
      ['ticket', '*'],
      ['session', 'id, token_hash, account_id, created_at, expires_at'],
      ['audit_event', '*'],
    ];
    const state: Record<string, unknown[]> = {};
    for (const [table, columns] of tables) {
      const order = table === 'company_closure' ? 'ancestor_id, descendant_id' : 'id';
      state[table] = await t.app.deps.reader.query(`SELECT ${columns} FROM ${table} ORDER BY ${order}`);
    }
    return { state, mails: mails.length, outbox: fs.existsSync(t.outbox) ? fs.readdirSync(t.outbox).length : 0 };
  }

  async function run(token: string | null, name: string, variables: Record<string, unknown>) {
    const [declarations, args, selection] = MUTATIONS[name];
    const result = await t.gql(
      token,
      `mutation${declarations} { r: ${name}${args} { ${selection} userErrors { code message field } } }`,
      variables,
    );
    expect(result.errors).toBeUndefined();
    return result.data.r as Record<string, any>;
  }

  /** Runs the mutation, expects exactly one userError with `code` at `field`, a null object, and no change at all. */
  async function expectRefused(
    token: string | null,
    name: string,
    variables: Record<string, unknown>,
    code: string,
    field: string[] | null | undefined,
  ) {
    const before = await dump();
    const payload = await run(token, name, variables);
    expect(payload.userErrors).toHaveLength(1);
    const [error] = payload.userErrors;
    expect({ code: error.code, field: error.field }).toEqual({ code, field: field === undefined ? error.field : field });
    expect(typeof error.message).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(payload)) if (key !== 'userErrors') expect(value).toBeNull();
    expect(await dump()).toEqual(before);
    return error;
  }

  beforeAll(async () => {
    t = await startTestApp({ mailer: { send: async (mail) => void mails.push(mail) } });
    const admin = await t.factories.staffAdmin();
    staffId = admin.id;
    staff = await t.factories.signIn(admin);
    company = await t.factories.company({ name: 'Acme' });
    other = await t.factories.company({ name: 'Other' });
    const customer = await t.factories.account();
    customerId = customer.id;
    customerEmail = customer.email;
    membershipId = (await t.factories.membership(customer, company, Role.ADMINISTRATOR)).id;
    ticketId = (await t.factories.ticket({ company, requester: customer })).id;
    const invited = await run(staff, 'inviteMember', {
      input: { companyId: company.id, email: 'invitee@example.test', firstName: 'In', lastName: 'Vitee', language: 'en', role: 'MEMBER' },
    });
    expect(invited.userErrors).toEqual([]);
    invitationId = invited.invitation.id;
    invitationToken = /\/invitations\/accept\?token=([A-Za-z0-9_-]+)/.exec(mails[0].text)![1];
  });
  afterAll(() => t.close());

  describe('signIn', () => {
    it.each(BAD_EMAILS)('an email that is no email (%#) is INVALID_INPUT: no session, no event', async (email) => {
      await expectRefused(null, 'signIn', { email, password: 'correct horse battery staple' }, 'INVALID_INPUT', ['email']);
    });

    it.each([
      ['empty', ''],
      ['short', 'short'],
      ['10 000 characters', LONG],
    ])('a wrong password (%s) is INVALID_CREDENTIALS and starts no session', async (_label, password) => {
      const sessions = await count('session');
      const payload = await run(null, 'signIn', { email: customerEmail, password });
      expect(payload).toEqual({ token: null, account: null, userErrors: [expect.objectContaining({ code: 'INVALID_CREDENTIALS' })] });
      expect(await count('session')).toBe(sessions);
    });
  });

  describe('createCompany', () => {
    it.each(BAD_NAMES)('name: %s', async (_label, name) => {
      await expectRefused(staff, 'createCompany', { input: { name } }, 'INVALID_INPUT', ['input', 'name']);
    });

    it('parentId: unknown company is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      await expectRefused(staff, 'createCompany', { input: { name: 'Child', parentId: newId('Company') } }, 'NOT_FOUND', [
        'input',
        'parentId',
      ]);
      for (const parentId of [ticketId, customerId, membershipId, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'createCompany', { input: { name: 'Child', parentId } }, 'INVALID_INPUT', ['input', 'parentId']);
      }
    });

    it('accepts a name of exactly 200 characters (200 astral characters too); surrounding whitespace is trimmed', async () => {
      for (const [input, name] of [
        ['n'.repeat(200), 'n'.repeat(200)],
        ['🚀'.repeat(200), '🚀'.repeat(200)],
        ['  Spaced  Out  ', 'Spaced  Out'],
      ]) {
        const payload = await run(staff, 'createCompany', { input: { name: input } });
        expect(payload.userErrors).toEqual([]);
        const read = await t.gql(staff, `query($id: ID!) { company(id: $id) { name } }`, { id: payload.company.id });
        expect(read.data.company.name).toBe(name);
      }
      await expectRefused(staff, 'createCompany', { input: { name: '🚀'.repeat(201) } }, 'INVALID_INPUT', ['input', 'name']);
      // a tab is a control character even at the edge: names are single-line (account-security.md)
      await expectRefused(staff, 'createCompany', { input: { name: '  Spaced  Out \t' } }, 'INVALID_INPUT', ['input', 'name']);
    });
  });

  describe('updateCompany', () => {
    it.each(BAD_NAMES)('name: %s', async (_label, name) => {
      await expectRefused(staff, 'updateCompany', { input: { id: company.id, name } }, 'INVALID_INPUT', ['input', 'name']);
    });

    it('id: unknown company is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      await expectRefused(staff, 'updateCompany', { input: { id: newId('Company'), name: 'New' } }, 'NOT_FOUND', ['input', 'id']);
      for (const id of [ticketId, customerId, invitationId, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'updateCompany', { input: { id, name: 'New' } }, 'INVALID_INPUT', ['input', 'id']);
      }
    });
  });

  describe('moveCompany', () => {
    it('id and parentId: unknown is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      await expectRefused(staff, 'moveCompany', { id: newId('Company'), parentId: null }, 'NOT_FOUND', ['id']);
      await expectRefused(staff, 'moveCompany', { id: company.id, parentId: newId('Company') }, 'NOT_FOUND', ['parentId']);
      for (const id of [ticketId, membershipId, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'moveCompany', { id, parentId: other.id }, 'INVALID_INPUT', ['id']);
        await expectRefused(staff, 'moveCompany', { id: company.id, parentId: id }, 'INVALID_INPUT', ['parentId']);
      }
    });

    it('into itself is CYCLE', async () => {
      await expectRefused(staff, 'moveCompany', { id: company.id, parentId: company.id }, 'CYCLE', ['parentId']);
    });
  });

  describe('createAccount', () => {
    const valid = { email: 'new.person@example.test', firstName: 'New', lastName: 'Person', password: 'a long enough password' };

    it.each(BAD_EMAILS)('email %p', async (email) => {
      await expectRefused(staff, 'createAccount', { input: { ...valid, email } }, 'INVALID_INPUT', ['input', 'email']);
    });

    it.each(BAD_NAMES)('firstName and lastName: %s', async (_label, name) => {
      await expectRefused(staff, 'createAccount', { input: { ...valid, firstName: name } }, 'INVALID_INPUT', ['input', 'firstName']);
      await expectRefused(staff, 'createAccount', { input: { ...valid, lastName: name } }, 'INVALID_INPUT', ['input', 'lastName']);
    });

    it.each([
      ['empty', ''],
      ['11 characters', 'elevenchars'],
      ['11 spaces', ' '.repeat(11)],
      ['over 1024 characters', 'p'.repeat(1025)],
    ])('password: %s', async (_label, password) => {
      await expectRefused(staff, 'createAccount', { input: { ...valid, password } }, 'INVALID_INPUT', ['input', 'password']);
    });

    it('language that is no language code', async () => {
      for (const language of ['', 'english please', 'x'.repeat(40), "en'; --"]) {
        await expectRefused(staff, 'createAccount', { input: { ...valid, language } }, 'INVALID_INPUT', ['input', 'language']);
      }
    });

    it('an email taken in another case is CONFLICT', async () => {
      const taken = await t.factories.account({ email: 'Taken@Example.test' });
      await expectRefused(staff, 'createAccount', { input: { ...valid, email: taken.email.toLowerCase() } }, 'CONFLICT', [
        'input',
        'email',
      ]);
    });

    it('a password of exactly 12 characters is enough', async () => {
      const payload = await run(staff, 'createAccount', { input: { ...valid, email: 'twelve@example.test', password: '123456789012' } });
      expect(payload.userErrors).toEqual([]);
    });
  });

  describe('setAccountDisabled', () => {
    it('id: unknown account is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      await expectRefused(staff, 'setAccountDisabled', { id: newId('Account'), disabled: true }, 'NOT_FOUND', ['id']);
      for (const id of [company.id, membershipId, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'setAccountDisabled', { id, disabled: true }, 'INVALID_INPUT', ['id']);
      }
    });

    it('disabling oneself is INVALID_INPUT', async () => {
      await expectRefused(staff, 'setAccountDisabled', { id: staffId, disabled: true }, 'INVALID_INPUT', ['id']);
    });
  });

  describe('addMembership', () => {
    it('accountId and companyId: unknown is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      const person = await t.factories.account();
      const input = { accountId: person.id, companyId: other.id, role: 'MEMBER' };
      await expectRefused(staff, 'addMembership', { input: { ...input, accountId: newId('Account') } }, 'NOT_FOUND', [
        'input',
        'accountId',
      ]);
      await expectRefused(staff, 'addMembership', { input: { ...input, companyId: newId('Company') } }, 'NOT_FOUND', [
        'input',
        'companyId',
      ]);
      for (const id of [ticketId, invitationId, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'addMembership', { input: { ...input, accountId: id } }, 'INVALID_INPUT', ['input', 'accountId']);
        await expectRefused(staff, 'addMembership', { input: { ...input, companyId: id } }, 'INVALID_INPUT', ['input', 'companyId']);
      }
      await expectRefused(staff, 'addMembership', { input: { ...input, accountId: company.id } }, 'INVALID_INPUT', ['input', 'accountId']);
      await expectRefused(staff, 'addMembership', { input: { ...input, companyId: person.id } }, 'INVALID_INPUT', ['input', 'companyId']);
    });

    it('a staff account, an existing membership and an oversized capability list are refused', async () => {
      await expectRefused(
        staff,
        'addMembership',
        { input: { accountId: staffId, companyId: company.id, role: 'MEMBER' } },
        'INVALID_INPUT',
        ['input', 'accountId'],
      );
      await expectRefused(
        staff,
        'addMembership',
        { input: { accountId: customerId, companyId: company.id, role: 'MEMBER' } },
        'ALREADY_MEMBER',
        undefined,
      );
      const person = await t.factories.account();
      await expectRefused(
        staff,
        'addMembership',
        { input: { accountId: person.id, companyId: company.id, role: 'MEMBER', capabilities: Array(17).fill('TICKETS') } },
        'INVALID_INPUT',
        ['input', 'capabilities'],
      );
    });
  });

  describe('updateMembership and removeMembership', () => {
    it('id: unknown membership is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      await expectRefused(staff, 'updateMembership', { input: { id: newId('Membership'), role: 'MEMBER' } }, 'NOT_FOUND', ['input', 'id']);
      await expectRefused(staff, 'removeMembership', { id: newId('Membership') }, 'NOT_FOUND', ['id']);
      for (const id of [customerId, company.id, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'updateMembership', { input: { id, role: 'MEMBER' } }, 'INVALID_INPUT', ['input', 'id']);
        await expectRefused(staff, 'removeMembership', { id }, 'INVALID_INPUT', ['id']);
      }
    });

    it('an oversized capability list is INVALID_INPUT', async () => {
      await expectRefused(
        staff,
        'updateMembership',
        { input: { id: membershipId, capabilities: Array(17).fill('SOLVER') } },
        'INVALID_INPUT',
        ['input', 'capabilities'],
      );
    });
  });

  describe('inviteMember', () => {
    const valid = () => ({
      companyId: other.id,
      email: 'someone@example.test',
      firstName: 'Some',
      lastName: 'One',
      language: 'en',
      role: 'MEMBER',
    });

    it.each(BAD_EMAILS)('email %p: no invitation, no mail', async (email) => {
      await expectRefused(staff, 'inviteMember', { input: { ...valid(), email } }, 'INVALID_INPUT', ['input', 'email']);
    });

    it.each(BAD_NAMES)('firstName and lastName: %s', async (_label, name) => {
      await expectRefused(staff, 'inviteMember', { input: { ...valid(), firstName: name } }, 'INVALID_INPUT', ['input', 'firstName']);
      await expectRefused(staff, 'inviteMember', { input: { ...valid(), lastName: name } }, 'INVALID_INPUT', ['input', 'lastName']);
    });

    it('language that is no language code', async () => {
      for (const language of ['', 'Deutsch bitte', 'x'.repeat(40)]) {
        await expectRefused(staff, 'inviteMember', { input: { ...valid(), language } }, 'INVALID_INPUT', ['input', 'language']);
      }
    });

    it('companyId: unknown company is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      await expectRefused(staff, 'inviteMember', { input: { ...valid(), companyId: newId('Company') } }, 'NOT_FOUND', [
        'input',
        'companyId',
      ]);
      for (const companyId of [ticketId, invitationId, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'inviteMember', { input: { ...valid(), companyId } }, 'INVALID_INPUT', ['input', 'companyId']);
      }
    });

    it('a second pending invitation for the same email (other case) is CONFLICT', async () => {
      await expectRefused(
        staff,
        'inviteMember',
        { input: { ...valid(), companyId: company.id, email: 'Invitee@Example.TEST' } },
        'CONFLICT',
        ['input', 'email'],
      );
    });
  });

  describe('resendInvitation and revokeInvitation', () => {
    it('id: unknown invitation is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      for (const name of ['resendInvitation', 'revokeInvitation']) {
        await expectRefused(staff, name, { id: newId('Invitation') }, 'NOT_FOUND', ['id']);
        for (const id of [company.id, membershipId, ticketId, ...GARBAGE_IDS]) {
          await expectRefused(staff, name, { id }, 'INVALID_INPUT', ['id']);
        }
      }
    });
  });

  describe('acceptInvitation', () => {
    it('an unknown or garbage token is INVITATION_INVALID; an oversized one INVALID_INPUT', async () => {
      for (const token of ['', 'nope', invitationToken.slice(0, -1), `${invitationToken}x`, "' OR '1'='1"]) {
        await expectRefused(null, 'acceptInvitation', { input: { token, password: 'a long enough password' } }, 'INVITATION_INVALID', [
          'input',
          'token',
        ]);
      }
      await expectRefused(null, 'acceptInvitation', { input: { token: LONG, password: 'a long enough password' } }, 'INVALID_INPUT', [
        'input',
        'token',
      ]);
    });

    it('a new person with a short or missing password is INVALID_INPUT, and the token still works afterwards', async () => {
      for (const password of ['', 'elevenchars', null]) {
        await expectRefused(null, 'acceptInvitation', { input: { token: invitationToken, password } }, 'INVALID_INPUT', [
          'input',
          'password',
        ]);
      }
      const accepted = await run(null, 'acceptInvitation', { input: { token: invitationToken, password: 'a long enough password' } });
      expect(accepted.userErrors).toEqual([]);
      expect(accepted.token).toEqual(expect.any(String));
      await expectRefused(
        null,
        'acceptInvitation',
        { input: { token: invitationToken, password: 'a long enough password' } },
        'INVITATION_INVALID',
        ['input', 'token'],
      );
    });
  });

  describe('createTicket', () => {
    it.each(BAD_NAMES)('title: %s', async (_label, title) => {
      await expectRefused(staff, 'createTicket', { input: { companyId: company.id, title } }, 'INVALID_INPUT', ['input', 'title']);
    });

    it('description over 20 000 characters', async () => {
      await expectRefused(
        staff,
        'createTicket',
        { input: { companyId: company.id, title: 'T', description: 'd'.repeat(20_001) } },
        'INVALID_INPUT',
        ['input', 'description'],
      );
    });

    it('companyId and requesterId: unknown is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      const input = { companyId: company.id, title: 'Printer on fire', requesterId: customerId };
      await expectRefused(staff, 'createTicket', { input: { ...input, companyId: newId('Company') } }, 'NOT_FOUND', ['input', 'companyId']);
      await expectRefused(staff, 'createTicket', { input: { ...input, requesterId: newId('Account') } }, 'NOT_FOUND', [
        'input',
        'requesterId',
      ]);
      for (const id of [ticketId, membershipId, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'createTicket', { input: { ...input, companyId: id } }, 'INVALID_INPUT', ['input', 'companyId']);
        await expectRefused(staff, 'createTicket', { input: { ...input, requesterId: id } }, 'INVALID_INPUT', ['input', 'requesterId']);
      }
    });
  });

  describe('updateTicket', () => {
    it.each(BAD_NAMES)('title: %s', async (_label, title) => {
      await expectRefused(staff, 'updateTicket', { input: { id: ticketId, title } }, 'INVALID_INPUT', ['input', 'title']);
    });

    it('id: unknown ticket is NOT_FOUND, another type or garbage is INVALID_INPUT', async () => {
      await expectRefused(staff, 'updateTicket', { input: { id: newId('Ticket'), title: 'New' } }, 'NOT_FOUND', ['input', 'id']);
      for (const id of [company.id, customerId, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'updateTicket', { input: { id, title: 'New' } }, 'INVALID_INPUT', ['input', 'id']);
      }
    });

    it('assigneeId: unknown, another type, garbage or not a solver is INVALID_INPUT', async () => {
      const notSolver = await t.factories.account();
      await t.factories.membership(notSolver, company, Role.MEMBER);
      const disabledStaff = await t.factories.account({ staffRole: StaffRole.AGENT, disabled: true });
      const disabledSolver = await t.factories.account({ disabled: true });
      await t.factories.membership(disabledSolver, company, Role.ADMINISTRATOR);
      const solverElsewhere = await t.factories.account();
      await t.factories.membership(solverElsewhere, other, Role.ADMINISTRATOR);
      const assignees = [newId('Account'), company.id, ticketId, notSolver.id, disabledStaff.id, disabledSolver.id, solverElsewhere.id];
      for (const assigneeId of [...assignees, ...GARBAGE_IDS]) {
        await expectRefused(staff, 'updateTicket', { input: { id: ticketId, assigneeId } }, 'INVALID_INPUT', ['input', 'assigneeId']);
      }
    });
  });

  describe('page sizes and cursors of every list', () => {
    const lists: Array<[string, (args: string) => string, string[]]> = [
      ['tickets', (args) => `{ tickets${args} { totalCount edges { node { id } } } }`, ['tickets']],
      ['companies', (args) => `{ companies${args} { totalCount edges { node { id } } } }`, ['companies']],
      [
        'company.memberships',
        (args) => `query($id: ID!) { company(id: $id) { memberships${args} { edges { node { id } } } } }`,
        ['company', 'memberships'],
      ],
      [
        'company.invitations',
        (args) => `query($id: ID!) { company(id: $id) { invitations${args} { edges { node { id } } } } }`,
        ['company', 'invitations'],
      ],
      ['auditEvents', (args) => `{ auditEvents${args} { edges { node { id } } } }`, ['auditEvents']],
    ];
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const MALFORMED_CURSORS = [
      'garbage',
      '!!!',
      Buffer.from('not json').toString('base64url'),
      cursor({ a: 1 }),
      cursor([]),
      cursor(['only one']),
      cursor(['a', 'b', 'c']),
      cursor([null, 'x']),
      cursor([{}, []]),
      LONG,
    ];

    it.each(lists)('%s: first over 100 or negative is INVALID_INPUT at first', async (_name, query, path) => {
      for (const first of [1000, 101, -1, 2 ** 31 - 1]) {
        const result = await t.gql(staff, query(`(first: ${first})`), { id: company.id });
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: ['first'] });
        expect(result.errors![0].path).toEqual(path);
      }
      for (const first of [0, 1, 100]) {
        const result = await t.gql(staff, query(`(first: ${first})`), { id: company.id });
        expect(result.errors).toBeUndefined();
      }
    });

    it.each(lists)('%s: a malformed after cursor is INVALID_INPUT at after', async (_name, query, path) => {
      for (const after of MALFORMED_CURSORS) {
        const result = await t.gql(staff, query(`(after: ${JSON.stringify(after)})`), { id: company.id });
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: ['after'] });
        expect(result.errors![0].path).toEqual(path);
      }
    });

    it('a cursor whose date is not a date is INVALID_INPUT on the date-ordered lists', async () => {
      for (const [name, query] of lists.filter(([n]) => n !== 'companies')) {
        const result = await t.gql(staff, query(`(after: ${JSON.stringify(cursor(['not a date', 'x']))})`), { id: company.id });
        expect([name, result.errors?.[0]?.extensions?.code]).toEqual([name, 'INVALID_INPUT']);
      }
    });
  });

  describe('hostile strings are data', () => {
    it('SQL-ish and unicode names are stored and returned verbatim', async () => {
      const companies = await count('company');
      for (const name of HOSTILE) {
        const created = await run(staff, 'createCompany', { input: { name } });
        expect(created.userErrors).toEqual([]);
        const read = await t.gql(staff, `query($id: ID!) { company(id: $id) { name } }`, { id: created.company.id });
        expect(read.data.company.name).toBe(name);
        const [row] = await t.app.deps.reader.query('SELECT name FROM company WHERE id = ?', [created.company.id]);
        expect(row.name).toBe(name);

        const account = await run(staff, 'createAccount', {
          input: {
            email: `h${HOSTILE.indexOf(name)}.o'brien+tag@example.test`,
            firstName: name,
            lastName: name,
            password: name.padEnd(12, '!'),
          },
        });
        expect(account.userErrors).toEqual([]);
        const readAccount = await t.gql(staff, `query($id: ID!) { node(id: $id) { ... on Account { email firstName lastName } } }`, {
          id: account.account.id,
        });
        expect(readAccount.data.node).toEqual({
          email: `h${HOSTILE.indexOf(name)}.o'brien+tag@example.test`,
          firstName: name,
          lastName: name,
        });
        const signedIn = await run(null, 'signIn', {
          email: `H${HOSTILE.indexOf(name)}.O'Brien+tag@example.test`,
          password: name.padEnd(12, '!'),
        });
        expect(signedIn.userErrors).toEqual([]);

        const ticket = await run(staff, 'createTicket', { input: { companyId: created.company.id, title: name, description: name } });
        expect(ticket.userErrors).toEqual([]);
        const readTicket = await t.gql(staff, `query($id: ID!) { ticket(id: $id) { title company { name } } }`, { id: ticket.ticket.id });
        expect(readTicket.data.ticket).toEqual({ title: name, company: { name } });
      }
      expect(await count('company')).toBe(companies + HOSTILE.length);
      // the tables are all still there and intact
      for (const table of ['company', 'account', 'ticket', 'membership']) expect(await count(table)).toBeGreaterThan(0);
      const list = await t.gql(staff, `{ companies(first: 100) { totalCount edges { node { name } } } }`);
      expect(list.data.companies.totalCount).toBe(await count('company'));
      expect(list.data.companies.edges.map((e: any) => e.node.name)).toEqual(expect.arrayContaining(HOSTILE));
    });

    it('hostile strings in ids and filters find nothing and break nothing', async () => {
      for (const id of GARBAGE_IDS) {
        const result = await t.gql(staff, `query($id: ID!) { node(id: $id) { id } company(id: $id) { id } ticket(id: $id) { id } }`, {
          id,
        });
        expect(result).toMatchObject({ errors: undefined, data: { node: null, company: null, ticket: null } });
      }
      const filtered = await t.gql(staff, `query($ids: [ID!]) { tickets(filter: { companyIds: $ids }) { totalCount } }`, {
        ids: [company.id, "x') OR 1=1 --"],
      });
      expect(filtered.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT' });
    });
  });
});
