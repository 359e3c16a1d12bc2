/**
 * invitationScope (modules/access/visibility.ts): the invitations a viewer reads by node(id) and in
 * Company.invitations. Staff see all, a customer those of companies where it is ADMINISTRATOR through
 * an active membership, and a company-restricted API token only those inside its company's subtree.
 */
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id } }`;
const LISTED = `query($id: ID!) { company(id: $id) { invitations(first: 10) { totalCount edges { node { id } } } } }`;

describe('which invitations a viewer sees', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
  });
  afterAll(() => t.close());

  let counter = 0;
  async function invite(companyId: string): Promise<string> {
    const input = {
      companyId,
      email: `scope.${++counter}.${Date.now()}@example.test`,
      firstName: 'Ada',
      lastName: 'L',
      language: 'en',
      role: 'MEMBER',
    };
    const { data } = await t.gql(staff, INVITE, { input });
    expect(data.inviteMember.userErrors).toEqual([]);
    return data.inviteMember.invitation.id;
  }

  async function restrictedToken(session: string, companyId: string): Promise<string> {
    const { data } = await t.gql(
      session,
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token userErrors { code } } }`,
      { input: { name: 'restricted', scopes: ['COMPANIES_READ', 'MEMBERS_READ'], companyId } },
    );
    expect(data.createApiToken.userErrors).toEqual([]);
    return data.createApiToken.token;
  }

  const seen = async (viewer: string, ids: string[]) => {
    const found: Array<string | null> = [];
    for (const id of ids) {
      const { data, errors } = await t.gql(viewer, NODE, { id });
      expect(errors).toBeUndefined();
      found.push(data.node?.id ?? null);
    }
    return found;
  };

  const listed = async (viewer: string, companyId: string) => {
    const { data, errors } = await t.gql(viewer, LISTED, { id: companyId });
    expect(errors).toBeUndefined();
    return data.company.invitations.edges.map((e: { node: { id: string } }) => e.node.id);
  };

  it('staff: all; a customer: of companies it administers; a restricted token: inside its subtree', async () => {
    // H ── K; the administrator of H and K also moderates M; D (portal disabled) is administered too
    const holding = await t.factories.company();
    const k = await t.factories.company({ parent: holding });
    const m = await t.factories.company();
    const disabled = await t.factories.company({ settings: { portalEnabled: false } });
    const admin = await t.factories.member(holding, Role.ADMINISTRATOR);
    await t.factories.membership(admin.account, k, Role.ADMINISTRATOR);
    await t.factories.membership(admin.account, m, Role.MODERATOR);
    await t.factories.membership(admin.account, disabled, Role.ADMINISTRATOR);
    const inH = await invite(holding.id);
    const inK = await invite(k.id);
    const inM = await invite(m.id);
    const inD = await invite(disabled.id);
    const all = [inH, inK, inM, inD];

    expect(await seen(staff, all)).toEqual(all);
    expect(await seen(admin.token, all)).toEqual([inH, inK, null, null]);
    expect(await seen(await restrictedToken(admin.token, k.id), all)).toEqual([null, inK, null, null]);
    expect(await seen(await restrictedToken(staff, k.id), all)).toEqual([null, inK, null, null]);

    expect(await listed(admin.token, holding.id)).toEqual([inH]);
    expect(await listed(admin.token, k.id)).toEqual([inK]);
    const kToken = await restrictedToken(admin.token, k.id);
    expect(await listed(kToken, k.id)).toEqual([inK]);
  });
});
