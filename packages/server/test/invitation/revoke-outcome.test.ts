import { loadDemoData } from '../../src/demo/demo-data';
import { AccountEntity } from '../../src/modules/account/account.entity';
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { InvitationEntity, InvitationStatus } from '../../src/modules/invitation/invitation.entity';
import { MembershipEntity, Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { Outbox } from './mail';

/**
 * Issue 17, bug 3: revoking an accepted invitation removes the membership it created, and the
 * payload says what happened in every case (`revokeOutcome`): a pending invitation is only
 * withdrawn; an accepted one takes its membership with it; one whose membership is gone has
 * nothing left to remove; a membership the invitee got otherwise stays. The demo data's accepted
 * invitation (Clara Hofer, Northwind Holding) is linked to its membership like any other.
 */

const USER_ERRORS = `userErrors { code message field }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } ${USER_ERRORS} } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { account { id } ${USER_ERRORS} } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id status } revokeOutcome ${USER_ERRORS} } }`;
const RESEND = `mutation($id: ID!) { resendInvitation(id: $id) { invitation { id } revokeOutcome ${USER_ERRORS} } }`;
const REMOVE = `mutation($id: ID!) { removeMembership(id: $id) { deletedId ${USER_ERRORS} } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } ${USER_ERRORS} } }`;

let counter = 0;

describe('revokeInvitation says what it did (issue 17, bug 3)', () => {
  let t: TestApp;
  let outbox: Outbox;
  let staff: string;
  let company: CompanyEntity;

  beforeAll(async () => {
    t = await startTestApp();
    outbox = new Outbox(t.outbox, 'http://portal.test');
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    company = await t.factories.company();
  });
  afterAll(() => t.close());

  async function invite() {
    const email = `revoke.${++counter}@example.test`;
    const invited = await t.gql(staff, INVITE, {
      input: { companyId: company.id, email, firstName: 'Ada', lastName: 'Lovelace', language: 'en', role: Role.MEMBER },
    });
    expect(invited.data.inviteMember.userErrors).toEqual([]);
    const [mail] = await outbox.take();
    return { id: invited.data.inviteMember.invitation.id as string, email, token: mail.token };
  }

  async function accepted() {
    const invitation = await invite();
    const result = await t.gql(null, ACCEPT, { input: { token: invitation.token, password: 'a fresh passphrase' } });
    expect(result.data.acceptInvitation.userErrors).toEqual([]);
    const accountId = result.data.acceptInvitation.account.id as string;
    const membership = await t.app.deps.reader.findOneByOrFail(MembershipEntity, { accountId, companyId: company.id });
    return { ...invitation, accountId, membershipId: membership.id };
  }

  const revoke = async (id: string) => (await t.gql(staff, REVOKE, { id })).data.revokeInvitation;
  const membershipsOf = (accountId: string) => t.app.deps.reader.findBy(MembershipEntity, { accountId, companyId: company.id });

  it('a pending invitation is withdrawn: WITHDRAWN', async () => {
    const { id } = await invite();
    expect(await revoke(id)).toEqual({ invitation: { id, status: 'REVOKED' }, revokeOutcome: 'WITHDRAWN', userErrors: [] });
  });

  it('an accepted invitation takes the membership it created with it: MEMBERSHIP_REMOVED', async () => {
    const { id, accountId } = await accepted();
    expect(await membershipsOf(accountId)).toHaveLength(1);
    expect(await revoke(id)).toEqual({ invitation: { id, status: 'REVOKED' }, revokeOutcome: 'MEMBERSHIP_REMOVED', userErrors: [] });
    expect(await membershipsOf(accountId)).toEqual([]);
  });

  it('an accepted invitation whose membership was removed before: NO_MEMBERSHIP', async () => {
    const { id, accountId, membershipId } = await accepted();
    expect((await t.gql(staff, REMOVE, { id: membershipId })).data.removeMembership.userErrors).toEqual([]);
    expect(await revoke(id)).toEqual({ invitation: { id, status: 'REVOKED' }, revokeOutcome: 'NO_MEMBERSHIP', userErrors: [] });
    expect(await membershipsOf(accountId)).toEqual([]);
  });

  it('a membership the invitee got otherwise stays: MEMBERSHIP_KEPT', async () => {
    const { id, accountId, membershipId } = await accepted();
    expect((await t.gql(staff, REMOVE, { id: membershipId })).data.removeMembership.userErrors).toEqual([]);
    const added = await t.gql(staff, ADD, { input: { accountId, companyId: company.id, role: Role.MODERATOR } });
    expect(added.data.addMembership.userErrors).toEqual([]);
    expect(await revoke(id)).toEqual({ invitation: { id, status: 'REVOKED' }, revokeOutcome: 'MEMBERSHIP_KEPT', userErrors: [] });
    expect((await membershipsOf(accountId)).map((m) => m.id)).toEqual([added.data.addMembership.membership.id]);
  });

  it('a refused revocation changes nothing and has no outcome; the other mutations never set one', async () => {
    const { id } = await invite();
    expect((await t.gql(staff, RESEND, { id })).data.resendInvitation).toMatchObject({ revokeOutcome: null, userErrors: [] });
    await outbox.take();
    await revoke(id);
    expect(await revoke(id)).toEqual({
      invitation: null,
      revokeOutcome: null,
      userErrors: [expect.objectContaining({ code: 'CONFLICT' })],
    });
  });
});

describe('the demo data: Clara Hofer’s accepted invitation (issue 17, bug 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await loadDemoData(t.app.deps.transactions);
  });
  afterAll(() => t.close());

  it('is linked to the membership it created, which revoking removes (and says so)', async () => {
    const reader = t.app.deps.reader;
    const holding = await reader.findOneByOrFail(CompanyEntity, { name: 'Northwind Holding' });
    const clara = await reader.findOneByOrFail(AccountEntity, { emailNormalized: 'clara.hofer@northwind.demo' });
    const invitation = await reader.findOneByOrFail(InvitationEntity, { emailNormalized: 'clara.hofer@northwind.demo' });
    const membership = await reader.findOneByOrFail(MembershipEntity, { accountId: clara.id, companyId: holding.id });
    expect(invitation).toMatchObject({ status: InvitationStatus.ACCEPTED, companyId: holding.id, membershipId: membership.id });
    expect(membership.createdAt).toEqual(invitation.acceptedAt);

    const alice = await reader.findOneByOrFail(AccountEntity, { emailNormalized: 'alice.novak@northwind.demo' });
    const token = await t.factories.signIn(alice);
    const result = await t.gql(token, REVOKE, { id: invitation.id });
    expect(result.data.revokeInvitation).toEqual({
      invitation: { id: invitation.id, status: 'REVOKED' },
      revokeOutcome: 'MEMBERSHIP_REMOVED',
      userErrors: [],
    });
    expect(await reader.findOneBy(MembershipEntity, { accountId: clara.id, companyId: holding.id })).toBeNull();
  });
});
