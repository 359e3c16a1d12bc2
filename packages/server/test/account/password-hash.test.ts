import { selectEntities } from '../../src/db/raw-entities';
import { AccountEntity } from '../../src/modules/account/account.entity';
import { findAccountWithPasswordHash, verifyPassword } from '../../src/modules/account/password';
import { TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Password hashes are read where a password is checked, and nowhere else. */
describe('password hashes stay out of ordinary account reads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the ORM, the hand-written SELECTs and the session leave it out; the password check reads it', async () => {
    const account = await t.factories.account();
    const db = t.app.deps.reader;
    expect((await db.findOneByOrFail(AccountEntity, { id: account.id })).passwordHash).toBeUndefined();
    const [raw] = await selectEntities(db, AccountEntity, 'a', [{ sql: 'a.id = :id', params: { id: account.id } }]);
    expect(raw).toMatchObject({ id: account.id, email: account.email });
    expect(raw.passwordHash).toBeUndefined();
    expect((await findAccountWithPasswordHash(db, account.emailNormalized))?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await findAccountWithPasswordHash(db, 'nobody@example.test')).toBeNull();
    // a hash that was never read is a programming error, never a silent "wrong password"
    await expect(verifyPassword(undefined, TEST_PASSWORD)).rejects.toThrow(/findAccountWithPasswordHash/);

    // and signing in with it still works (the hash is read for the check)
    const signIn = await t.gql(
      null,
      `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { account { id } userErrors { code } } }`,
      {
        e: account.email,
        p: TEST_PASSWORD,
      },
    );
    expect(signIn.data.signIn).toEqual({ account: { id: account.id }, userErrors: [] });
  });
});
