import { ApiTokenEntity } from '../../src/modules/api-token/api-token.entity';
import { newId } from '../../src/shared/ids';
import { startTestApp, TestApp } from '../support/test-app';

/** API_TOKENS_PER_ACCOUNT: live (not revoked, not expired) tokens one account may hold. */
describe('the cap on live API tokens per account', () => {
  let t: TestApp;
  const CAP = 3;
  beforeAll(async () => {
    t = await startTestApp({ env: { API_TOKENS_PER_ACCOUNT: String(CAP) } });
  });
  afterAll(() => t.close());

  const create = (session: string, name: string) =>
    t.gql(
      session,
      `mutation($n: String!) { createApiToken(input: { name: $n, scopes: [TICKETS_READ] }) { token apiToken { id } userErrors { code field message } } }`,
      { n: name },
    );
  const tokensOf = async (accountId: string) =>
    (await t.app.deps.reader.query('SELECT id FROM api_token WHERE account_id = ?', [accountId])) as Array<{ id: string }>;

  it('over the cap createApiToken answers CONFLICT and creates nothing; revoked and expired tokens do not count', async () => {
    const account = await t.factories.account();
    const session = await t.factories.signIn(account);
    const ids: string[] = [];
    for (let i = 0; i < CAP; i++) {
      const r = await create(session, `token ${i}`);
      expect(r.data.createApiToken.userErrors).toEqual([]);
      ids.push(r.data.createApiToken.apiToken.id);
    }
    const over = await create(session, 'one too many');
    expect(over.errors).toBeUndefined();
    expect(over.data.createApiToken).toEqual({
      token: null,
      apiToken: null,
      userErrors: [{ code: 'CONFLICT', field: null, message: expect.stringMatching(/already has 3 live API tokens.*revoke one first/) }],
    });
    expect(await tokensOf(account.id)).toHaveLength(CAP);

    // a revoked token frees its place
    const revoked = await t.gql(session, `mutation($id: ID!) { revokeApiToken(id: $id) { userErrors { code } } }`, { id: ids[0] });
    expect(revoked.data.revokeApiToken.userErrors).toEqual([]);
    expect((await create(session, 'after revoking')).data.createApiToken.userErrors).toEqual([]);
    expect((await create(session, 'over again')).data.createApiToken.userErrors[0].code).toBe('CONFLICT');

    // so does an expired one
    await t.app.deps.transactions.run((db) => db.update(ApiTokenEntity, { id: ids[1] }, { expiresAt: new Date(Date.now() - 1000) }));
    expect((await create(session, 'after expiry')).data.createApiToken.userErrors).toEqual([]);
    expect((await create(session, 'over once more')).data.createApiToken.userErrors[0].code).toBe('CONFLICT');

    // the cap is per account: another account still creates
    const other = await t.factories.signIn(await t.factories.account());
    expect((await create(other, 'elsewhere')).data.createApiToken.userErrors).toEqual([]);
  });

  it('holds under concurrent creation: of 8 at once, exactly the cap succeed', async () => {
    const account = await t.factories.account();
    const sessions = await Promise.all(Array.from({ length: 4 }, () => t.factories.signIn(account)));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => create(sessions[i % sessions.length], `racer ${i}`)));
    for (const r of results) expect(r.errors).toBeUndefined();
    const codes = results.map((r) => r.data.createApiToken.userErrors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual([...Array(8 - CAP).fill('CONFLICT'), ...Array(CAP).fill('OK')]);
    expect(await tokensOf(account.id)).toHaveLength(CAP);
  });

  it('counts a token a staff member sees in the database the same way (rows inserted outside the API)', async () => {
    const account = await t.factories.account();
    const session = await t.factories.signIn(account);
    await t.app.deps.transactions.run(async (db) => {
      for (let i = 0; i < CAP; i++)
        await db.insert(ApiTokenEntity, {
          id: newId('ApiToken'),
          accountId: account.id,
          name: `seeded ${i}`,
          scopes: 'TICKETS_READ',
          companyId: null,
          tokenPrefix: 'cltl_seeded',
          tokenHash: newId('ApiToken').padEnd(64, '0').slice(0, 64),
          createdAt: new Date(),
          expiresAt: i === 0 ? new Date(Date.now() + 3_600_000) : null,
          lastUsedAt: null,
          revokedAt: null,
        });
    });
    expect((await create(session, 'one more')).data.createApiToken.userErrors[0].code).toBe('CONFLICT');
  });
});
