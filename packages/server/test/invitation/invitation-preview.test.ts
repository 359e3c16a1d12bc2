import { CompanyEntity } from '../../src/modules/company/company.entity';
import { InvitationEntity } from '../../src/modules/invitation/invitation.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { Outbox } from './mail';

/** invitationPreview: the public view of an invitation link that the accept page shows. */

const PREVIEW = `query($token: String!) {
  invitationPreview(token: $token) { companyName role inviterName email firstName lastName language status expiresAt existingAccount }
}`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code } } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { userErrors { code } } }`;
const RESEND = `mutation($id: ID!) { resendInvitation(id: $id) { userErrors { code } } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token userErrors { code } } }`;

describe('invitationPreview', () => {
  let t: TestApp;
  let outbox: Outbox;
  let company: CompanyEntity;
  let adminToken: string;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    outbox = new Outbox(t.outbox, 'http://portal.test');
    company = await t.factories.company({ name: 'Preview Ltd' });
    const admin = await t.factories.account({ firstName: 'Alice', lastName: 'Admin' });
    await t.factories.membership(admin, company, Role.ADMINISTRATOR);
    adminToken = await t.factories.signIn(admin);
  });
  afterAll(() => t.close());

  async function invite(email = `preview.${++n}.${Date.now()}@example.test`) {
    const input = { companyId: company.id, email, firstName: 'Bob', lastName: 'Builder', language: 'de', role: Role.MODERATOR };
    const result = await t.gql(adminToken, INVITE, { input });
    expect(result.data.inviteMember.userErrors).toEqual([]);
    const [mail] = await outbox.take();
    return { id: result.data.inviteMember.invitation.id as string, token: mail.token, email };
  }

  const preview = async (token: string) => {
    const result = await t.gql(null, PREVIEW, { token });
    expect(result.errors).toBeUndefined();
    return result.data.invitationPreview;
  };

  it('shows company, role, inviter and invitee to anyone holding the link, without ids', async () => {
    const { token, email } = await invite();
    const shown = await preview(token);
    expect(shown).toEqual({
      companyName: 'Preview Ltd',
      role: 'MODERATOR',
      inviterName: 'Alice Admin',
      email,
      firstName: 'Bob',
      lastName: 'Builder',
      language: 'de',
      status: 'PENDING',
      expiresAt: expect.anything(),
      existingAccount: false,
    });
    expect(new Date(shown.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('tells an existing account to use its password', async () => {
    const existing = await t.factories.account();
    const { token } = await invite(existing.email);
    expect((await preview(token)).existingAccount).toBe(true);
  });

  it('reports an expired link as EXPIRED', async () => {
    const { id, token } = await invite();
    await t.app.deps.transactions.run((db) => db.update(InvitationEntity, { id }, { expiresAt: new Date(Date.now() - 1000) }));
    expect((await preview(token)).status).toBe('EXPIRED');
  });

  it('answers null for unknown, revoked, replaced and used links', async () => {
    expect(await preview('no-such-token')).toBeNull();
    expect(await preview('')).toBeNull();

    const revoked = await invite();
    expect((await t.gql(adminToken, REVOKE, { id: revoked.id })).data.revokeInvitation.userErrors).toEqual([]);
    expect(await preview(revoked.token)).toBeNull();

    const replaced = await invite();
    expect((await t.gql(adminToken, RESEND, { id: replaced.id })).data.resendInvitation.userErrors).toEqual([]);
    const [mail] = await outbox.take();
    expect(await preview(replaced.token)).toBeNull();
    expect((await preview(mail.token)).status).toBe('PENDING');

    const used = await invite();
    const accepted = await t.gql(null, ACCEPT, { input: { token: used.token, password: 'a long enough passphrase' } });
    expect(accepted.data.acceptInvitation.userErrors).toEqual([]);
    expect(await preview(used.token)).toBeNull();
  });
});
