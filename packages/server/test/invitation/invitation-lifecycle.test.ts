import { AccountEntity } from '../../src/modules/account/account.entity';
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { InvitationEntity } from '../../src/modules/invitation/invitation.entity';
import { Capability, DEFAULT_CAPABILITIES } from '../../src/modules/membership/capabilities';
import { MembershipEntity, Role } from '../../src/modules/membership/membership.entity';
import { hashToken } from '../../src/shared/tokens';
import { TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { expectLanguage, Outbox } from './mail';

const NEW_PASSWORD = 'a fresh passphrase';
const HOUR = 3_600_000;

const INVITATION_FIELDS = `id email firstName lastName language role status expiresAt company { id } invitedBy { id }`;
const USER_ERRORS = `userErrors { code message field }`;

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { ${INVITATION_FIELDS} } ${USER_ERRORS} } }`;
const RESEND = `mutation($id: ID!) { resendInvitation(id: $id) { invitation { ${INVITATION_FIELDS} } ${USER_ERRORS} } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { invitation { ${INVITATION_FIELDS} } ${USER_ERRORS} } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) {
    token
    account { id email firstName lastName language staffRole memberships { id role capabilities company { id } } }
    ${USER_ERRORS}
  }
}`;
const INVITATIONS = `query($id: ID!, $status: InvitationStatus) {
  company(id: $id) { invitations(status: $status, first: 100) { totalCount edges { node { id email status } } } }
}`;
const VIEWER = `{ viewer { id email memberships { role capabilities company { id } } } }`;

interface InviteInput {
  companyId: string;
  email: string;
  firstName: string;
  lastName: string;
  language: string;
  role: Role;
}

let emailCounter = 0;
const uniqueEmail = (name = 'invitee') => `${name}.${++emailCounter}.${Date.now()}@example.test`;

describe('invitations: invite, mail, accept, resend, revoke, expire', () => {
  let t: TestApp;
  let outbox: Outbox;
  let staff: { account: AccountEntity; token: string };

  beforeAll(async () => {
    t = await startTestApp();
    outbox = new Outbox(t.outbox, 'http://portal.test');
    const account = await t.factories.staffAdmin();
    staff = { account, token: await t.factories.signIn(account) };
  });
  afterAll(() => t.close());

  const inputFor = (company: CompanyEntity, overrides: Partial<InviteInput> = {}): InviteInput => ({
    companyId: company.id,
    email: uniqueEmail(),
    firstName: 'Ada',
    lastName: 'Lovelace',
    language: 'en',
    role: Role.MEMBER,
    ...overrides,
  });

  /** inviteMember that must succeed and send exactly one mail, to the invitee. */
  async function invite(token: string, input: InviteInput) {
    const result = await t.gql(token, INVITE, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data.inviteMember.userErrors).toEqual([]);
    const mails = await outbox.take();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.to).toEqual([input.email.toLowerCase()]);
    expect(mail.links).toHaveLength(1);
    return { invitation: result.data.inviteMember.invitation, mail, token: mail.token };
  }

  /** inviteMember that must fail with `code`, sending nothing. */
  async function inviteFails(token: string, input: InviteInput, code: string) {
    const result = await t.gql(token, INVITE, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data.inviteMember.invitation).toBeNull();
    expect(result.data.inviteMember.userErrors.map((e: { code: string }) => e.code)).toEqual([code]);
    expect(await outbox.take()).toEqual([]);
    return result.data.inviteMember.userErrors[0];
  }

  async function accept(token: string, password: string | null, viewerToken: string | null = null) {
    const result = await t.gql(viewerToken, ACCEPT, { input: { token, password } });
    expect(result.errors).toBeUndefined();
    return result.data.acceptInvitation;
  }

  async function acceptFails(token: string, password: string | null, code: string) {
    const payload = await accept(token, password);
    expect(payload.userErrors.map((e: { code: string }) => e.code)).toEqual([code]);
    expect(payload.token).toBeNull();
    expect(payload.account).toBeNull();
    return payload.userErrors[0];
  }

  async function mutate(field: 'resendInvitation' | 'revokeInvitation', token: string, id: string) {
    const result = await t.gql(token, field === 'resendInvitation' ? RESEND : REVOKE, { id });
    expect(result.errors).toBeUndefined();
    return result.data[field];
  }

  async function invitationsOf(companyId: string, status: string | null = null, token = staff.token) {
    const result = await t.gql(token, INVITATIONS, { id: companyId, status });
    expect(result.errors).toBeUndefined();
    const connection = result.data.company.invitations;
    expect(connection.totalCount).toBe(connection.edges.length);
    return connection.edges.map((e: { node: { id: string; email: string; status: string } }) => e.node);
  }

  const statusOf = async (companyId: string, invitationId: string) =>
    (await invitationsOf(companyId)).find((i: { id: string }) => i.id === invitationId)?.status;

  const setExpiry = (invitationId: string, expiresAt: Date) =>
    t.app.deps.transactions.run((db) => db.update(InvitationEntity, { id: invitationId }, { expiresAt }));

  const membershipsOf = (accountId: string, companyId: string) => t.app.deps.reader.countBy(MembershipEntity, { accountId, companyId });

  async function companyWithAdmin(name?: string) {
    const company = await t.factories.company({ name });
    const admin = await t.factories.member(company, Role.ADMINISTRATOR);
    return { company, admin };
  }

  describe('inviting', () => {
    it('an ADMINISTRATOR invites: PENDING, expires after INVITATION_TTL_HOURS (168), one English mail with one accept link', async () => {
      const { company, admin } = await companyWithAdmin('Acme Widgets');
      const input = inputFor(company, { firstName: 'Grace', lastName: 'Hopper', role: Role.MODERATOR });
      const before = Date.now();
      const { invitation, mail, token } = await invite(admin.token, input);
      const after = Date.now();

      expect(invitation).toMatchObject({
        email: input.email,
        firstName: 'Grace',
        lastName: 'Hopper',
        language: 'en',
        role: Role.MODERATOR,
        status: 'PENDING',
        company: { id: company.id },
        invitedBy: { id: admin.account.id },
      });
      const expiresAt = new Date(invitation.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(before + 168 * HOUR - 1000);
      expect(expiresAt).toBeLessThanOrEqual(after + 168 * HOUR + 1000);

      expectLanguage(mail, 'en', 'Grace');
      expect(mail.subject).toContain('Acme Widgets');
      expect(mail.text).toContain(`${admin.account.firstName} ${admin.account.lastName}`);
      expect(mail.links).toEqual([`http://portal.test/invitations/accept?token=${token}`]);
      expect(mail.text.split('http://portal.test/invitations/accept?token=')).toHaveLength(2);
      expect(mail.html).toContain(`http://portal.test/invitations/accept?token=${token}`);
      // at least 128 bits of randomness; only the hash is stored
      expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
      const row = await t.app.deps.reader.findOneByOrFail(InvitationEntity, { id: invitation.id });
      expect(row.tokenHash).toBe(hashToken(token));
      expect(JSON.stringify(row)).not.toContain(token);

      expect(await invitationsOf(company.id, 'PENDING', admin.token)).toEqual([
        { id: invitation.id, email: input.email, status: 'PENDING' },
      ]);
    });

    it('a staff ADMIN invites as well', async () => {
      const company = await t.factories.company();
      const { invitation, mail } = await invite(staff.token, inputFor(company, { firstName: 'Linus' }));
      expect(invitation).toMatchObject({ status: 'PENDING', invitedBy: { id: staff.account.id } });
      expectLanguage(mail, 'en', 'Linus');
    });

    it.each([
      ['en', 'en'],
      ['de', 'de'],
      ['sk', 'sk'],
      ['fr', 'en'],
      ['de-AT', 'de'],
    ] as const)('language %s: the mail is in %s and its link accepts', async (language, expected) => {
      const company = await t.factories.company();
      const input = inputFor(company, { language, firstName: 'Zuzana' });
      const { invitation, mail, token } = await invite(staff.token, input);
      expect(invitation.language).toBe(language);
      expectLanguage(mail, expected, 'Zuzana');
      const accepted = await accept(token, NEW_PASSWORD);
      expect(accepted.userErrors).toEqual([]);
      expect(accepted.account).toMatchObject({ email: input.email, language });
    });

    it('a custom INVITATION_TTL_HOURS sets the expiry', async () => {
      const other = await startTestApp({ env: { INVITATION_TTL_HOURS: '2' } });
      try {
        const company = await other.factories.company();
        const admin = await other.factories.member(company, Role.ADMINISTRATOR);
        const before = Date.now();
        const result = await other.gql(admin.token, INVITE, { input: inputFor(company) });
        const after = Date.now();
        expect(result.data.inviteMember.userErrors).toEqual([]);
        const expiresAt = new Date(result.data.inviteMember.invitation.expiresAt).getTime();
        expect(expiresAt).toBeGreaterThanOrEqual(before + 2 * HOUR - 1000);
        expect(expiresAt).toBeLessThanOrEqual(after + 2 * HOUR + 1000);
        const mails = await new Outbox(other.outbox, 'http://portal.test').take();
        expect(mails).toHaveLength(1);
        expect(mails[0].links).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it('only staff ADMIN and ADMINISTRATORs of the company may invite', async () => {
      const { company } = await companyWithAdmin();
      const moderator = await t.factories.member(company, Role.MODERATOR);
      const member = await t.factories.member(company, Role.MEMBER);
      const agent = await t.factories.signIn(await t.factories.staffAgent());
      for (const token of [moderator.token, member.token, agent]) await inviteFails(token, inputFor(company), 'FORBIDDEN');
      const anonymous = await t.gql(null, INVITE, { input: inputFor(company) });
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const { admin: foreignAdmin } = await companyWithAdmin();
      const error = await inviteFails(foreignAdmin.token, inputFor(company), 'NOT_FOUND');
      expect(error.field).toEqual(['input', 'companyId']);
      expect(await invitationsOf(company.id)).toEqual([]);
    });

    it('a second pending invitation for the same email (any case) is CONFLICT; another company is fine', async () => {
      const { company, admin } = await companyWithAdmin();
      const email = uniqueEmail('Mixed.Case');
      await invite(admin.token, inputFor(company, { email }));
      const error = await inviteFails(admin.token, inputFor(company, { email: email.toUpperCase() }), 'CONFLICT');
      expect(error.field).toEqual(['input', 'email']);
      await inviteFails(staff.token, inputFor(company, { email: email.toLowerCase() }), 'CONFLICT');
      expect(await invitationsOf(company.id)).toHaveLength(1);
      await invite(staff.token, inputFor(await t.factories.company(), { email }));
    });

    it('inviting someone who already is a member is ALREADY_MEMBER', async () => {
      const { company, admin } = await companyWithAdmin();
      const existing = await t.factories.account({ email: uniqueEmail('member') });
      await t.factories.membership(existing, company, Role.MEMBER);
      const error = await inviteFails(admin.token, inputFor(company, { email: existing.email.toUpperCase() }), 'ALREADY_MEMBER');
      expect(error.field).toEqual(['input', 'email']);
      await inviteFails(admin.token, inputFor(company, { email: admin.account.email }), 'ALREADY_MEMBER');
      expect(await invitationsOf(company.id)).toEqual([]);
    });

    it('malformed input is INVALID_INPUT', async () => {
      const { company, admin } = await companyWithAdmin();
      await inviteFails(admin.token, inputFor(company, { email: 'not an email' }), 'INVALID_INPUT');
      await inviteFails(admin.token, inputFor(company, { firstName: '' }), 'INVALID_INPUT');
      await inviteFails(admin.token, inputFor(company, { lastName: 'x'.repeat(201) }), 'INVALID_INPUT');
      await inviteFails(admin.token, inputFor(company, { language: 'not a language' }), 'INVALID_INPUT');
      expect(await invitationsOf(company.id)).toEqual([]);
    });
  });

  describe('accepting', () => {
    it('as a new person: a password of 12+ characters creates the account and the membership, and signs in', async () => {
      const { company, admin } = await companyWithAdmin();
      const input = inputFor(company, { firstName: 'Marie', lastName: 'Curie', language: 'sk', role: Role.MODERATOR });
      const { invitation, token } = await invite(admin.token, input);

      expect((await acceptFails(token, 'eleven char', 'INVALID_INPUT')).field).toEqual(['input', 'password']);
      expect((await acceptFails(token, null, 'INVALID_INPUT')).field).toEqual(['input', 'password']);
      expect(await statusOf(company.id, invitation.id)).toBe('PENDING');
      expect(await t.app.deps.reader.countBy(AccountEntity, { emailNormalized: input.email.toLowerCase() })).toBe(0);

      const ticket = await t.factories.ticket({ company, requester: admin.account });
      const accepted = await accept(token, 'twelve chars');
      expect(accepted.userErrors).toEqual([]);
      expect(accepted.token).toEqual(expect.any(String));
      expect(accepted.account).toMatchObject({
        email: input.email,
        firstName: 'Marie',
        lastName: 'Curie',
        language: 'sk',
        staffRole: null,
      });
      expect(accepted.account.memberships).toEqual([
        { id: expect.any(String), role: Role.MODERATOR, capabilities: DEFAULT_CAPABILITIES[Role.MODERATOR], company: { id: company.id } },
      ]);

      // the token is a working bearer: a MODERATOR sees the company's tickets
      const viewer = await t.gql(accepted.token, VIEWER);
      expect(viewer.data.viewer).toMatchObject({ id: accepted.account.id, email: input.email });
      const tickets = await t.gql(accepted.token, `{ tickets { totalCount edges { node { id } } } }`);
      expect(tickets.data.tickets.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ticket.id]);
      // and the chosen password signs in
      const signIn = await t.gql(null, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token ${USER_ERRORS} } }`, {
        e: input.email,
        p: 'twelve chars',
      });
      expect(signIn.data.signIn.userErrors).toEqual([]);

      const [listed] = (await invitationsOf(company.id, 'ACCEPTED')).filter((i: { id: string }) => i.id === invitation.id);
      expect(listed.status).toBe('ACCEPTED');
      expect(await invitationsOf(company.id, 'PENDING')).toEqual([]);
    });

    it('as an existing account: its password is required (INVALID_CREDENTIALS otherwise), then the membership is added', async () => {
      const { company, admin } = await companyWithAdmin();
      const elsewhere = await t.factories.company();
      const existing = await t.factories.account({ email: uniqueEmail('existing') });
      await t.factories.membership(existing, elsewhere, Role.MEMBER);
      const { invitation, token } = await invite(
        admin.token,
        inputFor(company, { email: existing.email.toUpperCase(), role: Role.ADMINISTRATOR }),
      );

      expect((await acceptFails(token, null, 'INVALID_CREDENTIALS')).field).toEqual(['input', 'password']);
      await acceptFails(token, 'not the right password', 'INVALID_CREDENTIALS');
      expect(await membershipsOf(existing.id, company.id)).toBe(0);
      expect(await statusOf(company.id, invitation.id)).toBe('PENDING');

      const accepted = await accept(token, TEST_PASSWORD);
      expect(accepted.userErrors).toEqual([]);
      expect(accepted.account.id).toBe(existing.id);
      expect(accepted.account.memberships).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ role: Role.MEMBER, company: { id: elsewhere.id } }),
          expect.objectContaining({ role: Role.ADMINISTRATOR, capabilities: Object.values(Capability), company: { id: company.id } }),
        ]),
      );
      expect(accepted.account.memberships).toHaveLength(2);
      expect((await t.gql(accepted.token, VIEWER)).data.viewer.id).toBe(existing.id);
      expect(await t.app.deps.reader.countBy(AccountEntity, { emailNormalized: existing.email.toLowerCase() })).toBe(1);
      expect(await statusOf(company.id, invitation.id)).toBe('ACCEPTED');
    });

    it('a used, unknown or malformed token is INVITATION_INVALID', async () => {
      const { company, admin } = await companyWithAdmin();
      const { token } = await invite(admin.token, inputFor(company));
      expect((await accept(token, NEW_PASSWORD)).userErrors).toEqual([]);
      expect((await acceptFails(token, NEW_PASSWORD, 'INVITATION_INVALID')).field).toEqual(['input', 'token']);
      await acceptFails('no-such-token-at-all', NEW_PASSWORD, 'INVITATION_INVALID');
      await acceptFails('', NEW_PASSWORD, 'INVITATION_INVALID');
    });
  });

  describe('resend, revoke, expire', () => {
    it('resendInvitation mails a new token and a new expiry; the old token stops working', async () => {
      const { company, admin } = await companyWithAdmin();
      const input = inputFor(company, { language: 'de' });
      const first = await invite(admin.token, input);
      await setExpiry(first.invitation.id, new Date(Date.now() + HOUR));

      const resent = await mutate('resendInvitation', admin.token, first.invitation.id);
      expect(resent.userErrors).toEqual([]);
      expect(resent.invitation).toMatchObject({ id: first.invitation.id, status: 'PENDING' });
      expect(new Date(resent.invitation.expiresAt).getTime()).toBeGreaterThan(Date.now() + 167 * HOUR);
      const mails = await outbox.take();
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toEqual([input.email]);
      expectLanguage(mails[0], 'de', 'Ada');
      const newToken = mails[0].token;
      expect(newToken).not.toBe(first.token);

      await acceptFails(first.token, NEW_PASSWORD, 'INVITATION_INVALID');
      expect((await accept(newToken, NEW_PASSWORD)).userErrors).toEqual([]);
      expect(await invitationsOf(company.id)).toEqual([{ id: first.invitation.id, email: input.email, status: 'ACCEPTED' }]);
    });

    it('revoking a PENDING invitation makes it REVOKED and its token INVITATION_INVALID; the email may be invited again', async () => {
      const { company, admin } = await companyWithAdmin();
      const input = inputFor(company);
      const { invitation, token } = await invite(admin.token, input);
      const revoked = await mutate('revokeInvitation', admin.token, invitation.id);
      expect(revoked.userErrors).toEqual([]);
      expect(revoked.invitation).toMatchObject({ id: invitation.id, status: 'REVOKED' });
      expect(await outbox.take()).toEqual([]);
      await acceptFails(token, NEW_PASSWORD, 'INVITATION_INVALID');
      expect((await mutate('resendInvitation', admin.token, invitation.id)).userErrors[0].code).toBe('CONFLICT');
      expect(await outbox.take()).toEqual([]);
      await invite(admin.token, input);
    });

    it('an expired invitation reports EXPIRED, its token is INVITATION_EXPIRED, and the email may be invited again', async () => {
      const { company, admin } = await companyWithAdmin();
      const input = inputFor(company);
      const { invitation, token } = await invite(admin.token, input);
      await setExpiry(invitation.id, new Date(Date.now() - 1000));

      expect(await statusOf(company.id, invitation.id)).toBe('EXPIRED');
      const node = await t.gql(admin.token, `query($id: ID!) { node(id: $id) { ... on Invitation { status } } }`, { id: invitation.id });
      expect(node.data.node).toEqual({ status: 'EXPIRED' });
      expect((await acceptFails(token, NEW_PASSWORD, 'INVITATION_EXPIRED')).field).toEqual(['input', 'token']);
      expect(await t.app.deps.reader.countBy(AccountEntity, { emailNormalized: input.email.toLowerCase() })).toBe(0);

      const again = await invite(admin.token, { ...input, email: input.email.toUpperCase() });
      expect(again.invitation.status).toBe('PENDING');
      expect(await invitationsOf(company.id, 'EXPIRED')).toEqual([{ id: invitation.id, email: input.email, status: 'EXPIRED' }]);
      expect(await invitationsOf(company.id, 'PENDING')).toEqual([
        { id: again.invitation.id, email: input.email.toUpperCase(), status: 'PENDING' },
      ]);
      await acceptFails(token, NEW_PASSWORD, 'INVITATION_INVALID'); // replaced by the new invitation
      expect((await accept(again.token, NEW_PASSWORD)).userErrors).toEqual([]);
    });

    it('revoking an ACCEPTED invitation removes the membership: the person loses access at once', async () => {
      const { company, admin } = await companyWithAdmin();
      const { invitation, token } = await invite(admin.token, inputFor(company, { role: Role.MEMBER }));
      const accepted = await accept(token, NEW_PASSWORD);
      const own = await t.factories.ticket({ company, requester: accepted.account.id });
      const TICKETS = `query($id: ID!, $c: ID!) { tickets { totalCount } ticket(id: $id) { id } company(id: $c) { id } }`;
      const seen = await t.gql(accepted.token, TICKETS, { id: own.id, c: company.id });
      expect(seen.data).toEqual({ tickets: { totalCount: 1 }, ticket: { id: own.id }, company: { id: company.id } });

      const revoked = await mutate('revokeInvitation', admin.token, invitation.id);
      expect(revoked.userErrors).toEqual([]);
      expect(revoked.invitation.status).toBe('REVOKED');
      expect(await membershipsOf(accepted.account.id, company.id)).toBe(0);
      const after = await t.gql(accepted.token, TICKETS, { id: own.id, c: company.id });
      expect(after.errors).toBeUndefined();
      expect(after.data).toEqual({ tickets: { totalCount: 0 }, ticket: null, company: null });
      expect((await t.gql(accepted.token, VIEWER)).data.viewer.memberships).toEqual([]);
      expect(await invitationsOf(company.id, 'REVOKED')).toEqual([expect.objectContaining({ id: invitation.id })]);
      await acceptFails(token, NEW_PASSWORD, 'INVITATION_INVALID');
    });

    it('a customer may not revoke the accepted invitation of the last administrator (LAST_ADMINISTRATOR); staff may', async () => {
      const company = await t.factories.company();
      const { invitation, token } = await invite(staff.token, inputFor(company, { role: Role.ADMINISTRATOR }));
      const accepted = await accept(token, NEW_PASSWORD);
      expect(accepted.userErrors).toEqual([]);

      const refused = await mutate('revokeInvitation', accepted.token, invitation.id);
      expect(refused.invitation).toBeNull();
      expect(refused.userErrors.map((e: { code: string }) => e.code)).toEqual(['LAST_ADMINISTRATOR']);
      expect(await statusOf(company.id, invitation.id)).toBe('ACCEPTED');
      expect(await membershipsOf(accepted.account.id, company.id)).toBe(1);

      const revoked = await mutate('revokeInvitation', staff.token, invitation.id);
      expect(revoked.userErrors).toEqual([]);
      expect(revoked.invitation.status).toBe('REVOKED');
      expect(await membershipsOf(accepted.account.id, company.id)).toBe(0);
    });

    it('only staff ADMIN and ADMINISTRATORs of the company may resend or revoke', async () => {
      const { company, admin } = await companyWithAdmin();
      const { invitation, token } = await invite(admin.token, inputFor(company));
      const moderator = await t.factories.member(company, Role.MODERATOR);
      const agent = await t.factories.signIn(await t.factories.staffAgent());
      // staff AGENT sees the invitation but may not change it; a MODERATOR does not even see it
      for (const [viewer, codes] of [
        [agent, ['FORBIDDEN']],
        [moderator.token, ['FORBIDDEN', 'NOT_FOUND']],
      ] as const) {
        for (const field of ['resendInvitation', 'revokeInvitation'] as const) {
          const payload = await mutate(field, viewer, invitation.id);
          expect(payload.invitation).toBeNull();
          expect(codes).toContain(payload.userErrors[0].code);
        }
      }
      expect(await outbox.take()).toEqual([]);
      expect(await statusOf(company.id, invitation.id)).toBe('PENDING');
      expect((await accept(token, NEW_PASSWORD)).userErrors).toEqual([]);
    });
  });

  it('company.invitations filters by PENDING, ACCEPTED, REVOKED and EXPIRED, newest first', async () => {
    const { company, admin } = await companyWithAdmin();
    const accepted = await invite(admin.token, inputFor(company));
    await accept(accepted.token, NEW_PASSWORD);
    const revoked = await invite(admin.token, inputFor(company));
    await mutate('revokeInvitation', admin.token, revoked.invitation.id);
    const expired = await invite(admin.token, inputFor(company));
    await setExpiry(expired.invitation.id, new Date(Date.now() - 1000));
    const pending = await invite(admin.token, inputFor(company));

    const ids = async (status: string | null) => (await invitationsOf(company.id, status, admin.token)).map((i: { id: string }) => i.id);
    expect(await ids('PENDING')).toEqual([pending.invitation.id]);
    expect(await ids('ACCEPTED')).toEqual([accepted.invitation.id]);
    expect(await ids('REVOKED')).toEqual([revoked.invitation.id]);
    expect(await ids('EXPIRED')).toEqual([expired.invitation.id]);
    expect(await ids(null)).toEqual([pending, expired, revoked, accepted].map((i) => i.invitation.id));

    const moderator = await t.factories.member(company, Role.MODERATOR);
    const denied = await t.gql(moderator.token, INVITATIONS, { id: company.id, status: null });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('writes audit events for create, resend, revoke and accept', async () => {
    const { company, admin } = await companyWithAdmin();
    const kept = await invite(admin.token, inputFor(company));
    await mutate('resendInvitation', admin.token, kept.invitation.id);
    const [resentMail] = await outbox.take();
    const accepted = await accept(resentMail.token, NEW_PASSWORD);
    const dropped = await invite(admin.token, inputFor(company));
    await mutate('revokeInvitation', admin.token, dropped.invitation.id);

    const result = await t.gql(
      staff.token,
      `query($c: ID) { auditEvents(companyId: $c, first: 100) { edges { node { action targetType targetId actor { id } } } } }`,
      { c: company.id },
    );
    expect(result.errors).toBeUndefined();
    const events = result.data.auditEvents.edges
      .map((e: { node: { action: string; targetType: string; targetId: string; actor: { id: string } | null } }) => e.node)
      .filter((e: { targetType: string }) => e.targetType === 'Invitation');
    const seen = events.map((e: { action: string; targetId: string; actor: { id: string } | null }) => [e.action, e.targetId, e.actor?.id]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['invitation.create', kept.invitation.id, admin.account.id],
        ['invitation.resend', kept.invitation.id, admin.account.id],
        ['invitation.accept', kept.invitation.id, accepted.account.id],
        ['invitation.create', dropped.invitation.id, admin.account.id],
        ['invitation.revoke', dropped.invitation.id, admin.account.id],
      ]),
    );
    expect(seen).toHaveLength(5);
  });

  describe('concurrency', () => {
    it.each([1, 2, 3, 4])('the same token accepted twice at the same moment by a new person succeeds once (round %i)', async () => {
      const { company, admin } = await companyWithAdmin();
      const input = inputFor(company, { role: Role.MODERATOR });
      const { invitation, token } = await invite(admin.token, input);
      const results = await Promise.all([0, 1].map(() => t.gql(null, ACCEPT, { input: { token, password: NEW_PASSWORD } })));
      expectOneWinner(results);
      const accounts = await t.app.deps.reader.findBy(AccountEntity, { emailNormalized: input.email.toLowerCase() });
      expect(accounts).toHaveLength(1);
      expect(await membershipsOf(accounts[0].id, company.id)).toBe(1);
      expect(await statusOf(company.id, invitation.id)).toBe('ACCEPTED');
    });

    it.each([1, 2, 3])('the same token accepted twice at the same moment by an existing account succeeds once (round %i)', async () => {
      const { company, admin } = await companyWithAdmin();
      const existing = await t.factories.account({ email: uniqueEmail('racer') });
      const { invitation, token } = await invite(admin.token, inputFor(company, { email: existing.email }));
      const results = await Promise.all([0, 1].map(() => t.gql(null, ACCEPT, { input: { token, password: TEST_PASSWORD } })));
      expectOneWinner(results);
      expect(await membershipsOf(existing.id, company.id)).toBe(1);
      expect(await statusOf(company.id, invitation.id)).toBe('ACCEPTED');
    });

    it.each([1, 2, 3])('the same email invited twice at the same moment is invited once, the other is CONFLICT (round %i)', async () => {
      const { company, admin } = await companyWithAdmin();
      const email = uniqueEmail();
      const results = await Promise.all(
        [email, email.toUpperCase()].map((e) => t.gql(admin.token, INVITE, { input: inputFor(company, { email: e }) })),
      );
      for (const r of results) expect(r.errors).toBeUndefined();
      const codes = results.map((r) => r.data.inviteMember.userErrors.map((e: { code: string }) => e.code));
      expect(codes).toEqual(expect.arrayContaining([[], ['CONFLICT']]));
      expect(await invitationsOf(company.id)).toHaveLength(1);
      const mails = await outbox.take();
      expect(mails).toHaveLength(1);
      expect((await accept(mails[0].token, NEW_PASSWORD)).userErrors).toEqual([]);
    });

    function expectOneWinner(results: Array<{ errors?: unknown; data?: any }>) {
      for (const r of results) expect(r.errors).toBeUndefined();
      const payloads = results.map((r) => r.data.acceptInvitation);
      const winners = payloads.filter((p) => p.userErrors.length === 0);
      const losers = payloads.filter((p) => p.userErrors.length > 0);
      expect(winners).toHaveLength(1);
      expect(winners[0].token).toEqual(expect.any(String));
      expect(losers).toHaveLength(1);
      expect(['INVITATION_INVALID', 'CONFLICT']).toContain(losers[0].userErrors[0].code);
      expect(losers[0].token).toBeNull();
    }
  });
});
