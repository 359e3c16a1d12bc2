import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

describe('smoke: a customer sees own company tickets through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists tickets of the company for an administrator, with nested fields', async () => {
    const company = await t.factories.company({ name: 'Acme' });
    const other = await t.factories.company({ name: 'Other' });
    const admin = await t.factories.member(company, Role.ADMINISTRATOR);
    const mine = await t.factories.ticket({ company, requester: admin.account });
    await t.factories.ticket({ company: other });
    const result = await t.gql(admin.token, `{ tickets { totalCount edges { node { id company { name } requester { id } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.tickets.totalCount).toBe(1);
    expect(result.data.tickets.edges[0].node).toEqual({ id: mine.id, company: { name: 'Acme' }, requester: { id: admin.account.id } });
  });
});
