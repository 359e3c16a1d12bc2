import type { EntityManager } from 'typeorm';
import { loadConfig } from '../../src/config';
import { AccountEntity } from '../../src/modules/account/account.entity';
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { InvitationMailLogEntity } from '../../src/modules/invitation/invitation-mail-log.entity';
import { InvitationEntity } from '../../src/modules/invitation/invitation.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { Outbox } from './mail';

// account-security.md "Guessing and abuse": invitation mails limited per inviter, per address and per invitation;
// names that go into mails are one line

const USER_ERRORS = `userErrors { code message field }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id expiresAt } ${USER_ERRORS} } }`;
const RESEND = `mutation($id: ID!) { resendInvitation(id: $id) { invitation { id expiresAt } ${USER_ERRORS} } }`;

let counter = 0;
const uniqueEmail = (name = 'invitee') => `${name}.${++counter}.${Date.now()}@example.test`;
const codes = (payload: { userErrors: Array<{ code: string }> }) => payload.userErrors.map((e) => e.code);

describe('invitation mail limits', () => {
  let t: TestApp;
  let outbox: Outbox;

  beforeAll(async () => {
    // the defaults of the spec, which the suite's other files lift (support/test-app.ts)
    t = await startTestApp({
      env: {
        INVITATION_MAILS_PER_INVITER_PER_HOUR: '50',
        INVITATION_MAILS_PER_ADDRESS_PER_HOUR: '3',
        INVITATION_RESEND_INTERVAL_SECONDS: '60',
      },
    });
    outbox = new Outbox(t.outbox, 'http://portal.test');
  });
  afterAll(() => t.close());

  const db = <T>(work: (m: EntityManager) => Promise<T>) => t.app.deps.transactions.run(work);

  const inputFor = (company: CompanyEntity, email = uniqueEmail(), names: { firstName?: string; lastName?: string } = {}) => ({
    companyId: company.id,
    email,
    firstName: 'Ada',
    lastName: 'Lovelace',
    language: 'en',
    role: Role.MEMBER,
    ...names,
  });

  async function invite(token: string, input: ReturnType<typeof inputFor>) {
    const result = await t.gql(token, INVITE, { input });
    expect(result.errors).toBeUndefined();
    return result.data.inviteMember;
  }

  async function resend(token: string, id: string) {
    const result = await t.gql(token, RESEND, { id });
    expect(result.errors).toBeUndefined();
    return result.data.resendInvitation;
  }

  async function administrator(company?: CompanyEntity) {
    const c = company ?? (await t.factories.company());
    return { company: c, ...(await t.factories.member(c, Role.ADMINISTRATOR)) };
  }

  const invitationsOf = (companyId: string) => db((m) => m.countBy(InvitationEntity, { companyId }));
  const stored = (id: string) => db((m) => m.findOneByOrFail(InvitationEntity, { id }));

  /** Moves the logged mails `ms` into the past, as if that time had gone by. */
  async function age(where: Partial<InvitationMailLogEntity>, ms: number) {
    await db(async (m) => {
      for (const row of await m.findBy(InvitationMailLogEntity, where)) {
        await m.update(InvitationMailLogEntity, { id: row.id }, { createdAt: new Date(row.createdAt.getTime() - ms) });
      }
    });
  }

  it('defaults: 50 mails per inviter and 3 per address an hour, a resend at most once a minute', () => {
    expect(loadConfig({}).invitationMailLimits).toEqual({ perInviterPerHour: 50, perAddressPerHour: 3, resendIntervalSeconds: 60 });
  });

  it('the 51st invitation mail of one inviter within an hour is RATE_LIMITED: no mail, no invitation', async () => {
    const admin = await administrator();
    for (let i = 0; i < 50; i++) expect(codes(await invite(admin.token, inputFor(admin.company)))).toEqual([]);
    expect(await outbox.take()).toHaveLength(50);

    const refused = await invite(admin.token, inputFor(admin.company));
    expect(refused.invitation).toBeNull();
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.userErrors[0].message).toMatch(/try again in \d+ minutes?/);
    expect(await outbox.take()).toEqual([]);
    expect(await invitationsOf(admin.company.id)).toBe(50);

    // a resend is a mail too
    const [first] = await db((m) => m.find(InvitationEntity, { where: { companyId: admin.company.id }, take: 1 }));
    await age({ invitationId: first.id }, 61_000);
    expect(codes(await resend(admin.token, first.id))).toEqual(['RATE_LIMITED']);
    expect(await outbox.take()).toEqual([]);

    // the limit is the inviter's: another administrator of the company still invites
    const other = await administrator(admin.company);
    expect(codes(await invite(other.token, inputFor(admin.company)))).toEqual([]);
    expect(await outbox.take()).toHaveLength(1);

    // an hour later the inviter may send again
    await age({ inviterId: admin.account.id }, 3_600_000);
    expect(codes(await invite(admin.token, inputFor(admin.company)))).toEqual([]);
    expect(await outbox.take()).toHaveLength(1);
  });

  it('the 4th invitation mail to one address within an hour is refused, across inviters and companies', async () => {
    const email = uniqueEmail('popular');
    const admins = await Promise.all([1, 2, 3, 4].map(() => administrator()));
    for (const admin of admins.slice(0, 3)) expect(codes(await invite(admin.token, inputFor(admin.company, email)))).toEqual([]);
    expect((await outbox.take()).map((m) => m.to)).toEqual([[email], [email], [email]]);

    // any spelling of the address is the same address
    const fourth = admins[3];
    const refused = await invite(fourth.token, inputFor(fourth.company, email.toUpperCase()));
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.invitation).toBeNull();
    expect(await outbox.take()).toEqual([]);
    expect(await invitationsOf(fourth.company.id)).toBe(0);

    // a staff ADMIN is held to it as well
    const staff = await t.factories.staffAdmin();
    expect(codes(await invite(await t.factories.signIn(staff), inputFor(fourth.company, email)))).toEqual(['RATE_LIMITED']);
    expect(await outbox.take()).toEqual([]);
  });

  it('a resend within a minute of the last mail is refused and changes nothing; after a minute it goes out', async () => {
    const admin = await administrator();
    const invited = await invite(admin.token, inputFor(admin.company));
    const [mail] = await outbox.take();
    const before = await stored(invited.invitation.id);

    const refused = await resend(admin.token, invited.invitation.id);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.invitation).toBeNull();
    expect(await outbox.take()).toEqual([]);
    // the link of the first mail still works: same token, same expiry
    expect(await stored(invited.invitation.id)).toEqual(before);
    expect(before.tokenHash).not.toBeNull();
    expect(mail.token).toBeTruthy();

    await age({ invitationId: invited.invitation.id }, 61_000);
    expect(codes(await resend(admin.token, invited.invitation.id))).toEqual([]);
    expect(await outbox.take()).toHaveLength(1);
    expect(codes(await resend(admin.token, invited.invitation.id))).toEqual(['RATE_LIMITED']);
    expect(await outbox.take()).toEqual([]);
  });

  it('25 aliased resends in one request send one mail', async () => {
    const admin = await administrator();
    const invited = await invite(admin.token, inputFor(admin.company));
    await outbox.take();
    await age({ invitationId: invited.invitation.id }, 61_000);

    const aliases = Array.from({ length: 25 }, (_, i) => `r${i}: resendInvitation(id: $id) { invitation { id } ${USER_ERRORS} }`);
    const result = await t.gql(admin.token, `mutation($id: ID!) { ${aliases.join('\n')} }`, { id: invited.invitation.id });
    expect(result.errors).toBeUndefined();
    const outcomes = Object.values(result.data as Record<string, { userErrors: Array<{ code: string }> }>).map((p) => codes(p).join());
    expect(outcomes.filter((c) => c === '')).toHaveLength(1);
    expect(outcomes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(24);
    expect(await outbox.take()).toHaveLength(1);
  });

  it('concurrent resends of one invitation send at most one mail', async () => {
    const admin = await administrator();
    const invited = await invite(admin.token, inputFor(admin.company));
    await outbox.take();
    await age({ invitationId: invited.invitation.id }, 61_000);

    const results = await Promise.all(Array.from({ length: 6 }, () => resend(admin.token, invited.invitation.id)));
    expect(results.filter((p) => codes(p).length === 0)).toHaveLength(1);
    expect(results.filter((p) => codes(p).join() === 'RATE_LIMITED')).toHaveLength(5);
    expect(await outbox.take()).toHaveLength(1);
  });

  it('concurrent invitations respect the per-inviter and the per-address limits', async () => {
    const admin = await administrator();
    for (let i = 0; i < 48; i++) await invite(admin.token, inputFor(admin.company));
    expect(await outbox.take()).toHaveLength(48);
    // 48 sent: of 5 at once, 2 go out, into one company or several
    const otherCompany = await t.factories.company();
    await t.factories.membership(admin.account, otherCompany, Role.ADMINISTRATOR);
    const byInviter = await Promise.all(
      [admin.company, otherCompany, admin.company, otherCompany, admin.company].map((c) => invite(admin.token, inputFor(c))),
    );
    expect(byInviter.filter((p) => codes(p).length === 0)).toHaveLength(2);
    expect(byInviter.filter((p) => codes(p).join() === 'RATE_LIMITED')).toHaveLength(3);
    expect(await outbox.take()).toHaveLength(2);
    expect((await invitationsOf(admin.company.id)) + (await invitationsOf(otherCompany.id))).toBe(50);

    // one address, five companies at once: 3 go out
    const email = uniqueEmail('contested');
    const admins = await Promise.all([1, 2, 3, 4, 5].map(() => administrator()));
    const byAddress = await Promise.all(admins.map((a) => invite(a.token, inputFor(a.company, email))));
    expect(byAddress.filter((p) => codes(p).length === 0)).toHaveLength(3);
    expect(byAddress.filter((p) => codes(p).join() === 'RATE_LIMITED')).toHaveLength(2);
    expect(await outbox.take()).toHaveLength(3);
    expect(await db((m) => m.countBy(InvitationEntity, { emailNormalized: email }))).toBe(3);
  });
});

describe('names that go into mails are one line', () => {
  let t: TestApp;
  let outbox: Outbox;
  let staffToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    outbox = new Outbox(t.outbox, 'http://portal.test');
    staffToken = await t.factories.signIn(await t.factories.staffAdmin());
  });
  afterAll(() => t.close());

  const db = <T>(work: (m: EntityManager) => Promise<T>) => t.app.deps.transactions.run(work);

  const BAD = [
    ['CR LF', 'Ada\r\nBcc: victim@example.test'],
    ['LF', 'Ada\nLovelace'],
    ['CR', 'Ada\rLovelace'],
    ['TAB', 'Ada\tLovelace'],
    ['NUL', 'Ada\u0000'],
    ['DEL', 'Ada\u007f'],
    ['NEL (C1)', 'Ada\u0085Lovelace'],
    ['LINE SEPARATOR', 'Ada\u2028Lovelace'],
    ['PARAGRAPH SEPARATOR', 'Ada\u2029Lovelace'],
  ] as const;
  const MESSAGE = (field: string) => `${field} must be one line without tabs or other control characters`;

  it.each(BAD)('inviteMember refuses a name with %s: INVALID_INPUT at the field, no invitation, no mail', async (_, bad) => {
    const company = await t.factories.company();
    const admin = await t.factories.member(company, Role.ADMINISTRATOR);
    for (const field of ['firstName', 'lastName'] as const) {
      const input = { companyId: company.id, email: uniqueEmail(), firstName: 'Ada', lastName: 'Lovelace', language: 'en', role: 'MEMBER' };
      const result = await t.gql(admin.token, INVITE, { input: { ...input, [field]: bad } });
      expect(result.errors).toBeUndefined();
      expect(result.data.inviteMember).toEqual({
        invitation: null,
        userErrors: [{ code: 'INVALID_INPUT', message: MESSAGE(field), field: ['input', field] }],
      });
    }
    expect(await outbox.take()).toEqual([]);
    expect(await db((m) => m.countBy(InvitationEntity, { companyId: company.id }))).toBe(0);
  });

  it.each(BAD)('createAccount and updateViewer refuse a name with %s and write nothing', async (_, bad) => {
    for (const field of ['firstName', 'lastName'] as const) {
      const email = uniqueEmail('direct');
      const input = { email, firstName: 'Ada', lastName: 'Lovelace', password: 'a long enough password', [field]: bad };
      const created = await t.gql(
        staffToken,
        `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } ${USER_ERRORS} } }`,
        {
          input,
        },
      );
      expect(created.data!.createAccount).toEqual({
        account: null,
        userErrors: [{ code: 'INVALID_INPUT', message: MESSAGE(field), field: ['input', field] }],
      });
      expect(await db((m) => m.countBy(AccountEntity, { emailNormalized: email }))).toBe(0);

      const person = await t.factories.account();
      const updated = await t.gql(
        await t.factories.signIn(person),
        `mutation($input: UpdateViewerInput!) { updateViewer(input: $input) { account { id } ${USER_ERRORS} } }`,
        { input: { [field]: bad } },
      );
      expect(updated.data!.updateViewer).toEqual({
        account: null,
        userErrors: [{ code: 'INVALID_INPUT', message: MESSAGE(field), field: ['input', field] }],
      });
      const after = await db((m) => m.findOneByOrFail(AccountEntity, { id: person.id }));
      expect([after.firstName, after.lastName]).toEqual([person.firstName, person.lastName]);
    }
  });

  it.each(BAD)('company names (in the invitation mail) with %s are refused on create and update', async (_, bad) => {
    const created = await t.gql(
      staffToken,
      `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { company { id } ${USER_ERRORS} } }`,
      {
        input: { name: bad },
      },
    );
    expect(created.data!.createCompany).toEqual({
      company: null,
      userErrors: [{ code: 'INVALID_INPUT', message: MESSAGE('name'), field: ['input', 'name'] }],
    });
    const company = await t.factories.company();
    const updated = await t.gql(
      staffToken,
      `mutation($input: UpdateCompanyInput!) { updateCompany(input: $input) { company { id } ${USER_ERRORS} } }`,
      {
        input: { id: company.id, name: bad },
      },
    );
    expect(updated.data!.updateCompany).toEqual({
      company: null,
      userErrors: [{ code: 'INVALID_INPUT', message: MESSAGE('name'), field: ['input', 'name'] }],
    });
    expect((await db((m) => m.findOneByOrFail(CompanyEntity, { id: company.id }))).name).toBe(company.name);
  });

  it('names stored before the rule go into mails and accounts as one line', async () => {
    const company = await t.factories.company({ name: 'Evil\r\nCorp' });
    const inviter = await t.factories.account({ firstName: 'Mallory', lastName: 'X\r\nBcc: victim@example.test' });
    await t.factories.membership(inviter, company, Role.ADMINISTRATOR);
    const result = await t.gql(await t.factories.signIn(inviter), INVITE, {
      input: { companyId: company.id, email: uniqueEmail(), firstName: 'Ada', lastName: 'Lovelace', language: 'en', role: 'MEMBER' },
    });
    expect(result.data.inviteMember.userErrors).toEqual([]);
    const [mail] = await outbox.take();
    expect(mail.subject).toBe("Mallory X Bcc: victim@example.test invited you to Evil Corp's service portal");
    expect(mail.to).toHaveLength(1);
    expect(mail.text).not.toMatch(/^Bcc:/m);

    // an invitation row written with a line break in a name: the account is created with one line
    const id = result.data.inviteMember.invitation.id;
    await db((m) => m.update(InvitationEntity, { id }, { firstName: 'Ada\nLine', lastName: 'Love\tlace' }));
    const accepted = await t.gql(
      null,
      `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { account { firstName lastName } ${USER_ERRORS} } }`,
      { input: { token: mail.token, password: 'a long enough password' } },
    );
    expect(accepted.data.acceptInvitation).toEqual({ account: { firstName: 'Ada Line', lastName: 'Love lace' }, userErrors: [] });
  });
});
