/**
 * `updateViewer(input)`: the signed-in account changes its own names and language, from a session.
 * Refused input changes nothing; concurrent calls each apply whole.
 */
import { AccountEntity } from '../../src/modules/account/account.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

const UPDATE = `mutation($input: UpdateViewerInput!) {
  updateViewer(input: $input) { account { id firstName lastName language email } userErrors { code message field } }
}`;

describe('updateViewer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function person() {
    const company = await t.factories.company();
    const { account, token } = await t.factories.member(company, Role.MEMBER);
    return { account, token };
  }
  const stored = (id: string) => t.app.deps.reader.findOneByOrFail(AccountEntity, { id });
  const profile = (a: AccountEntity) => ({ firstName: a.firstName, lastName: a.lastName, language: a.language });

  it('changes any of first name, last name and language; the rest stays', async () => {
    const { account, token } = await person();
    const result = await t.gql(token, UPDATE, { input: { firstName: '  Žofia ', language: 'de-AT' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateViewer).toEqual({
      account: { id: account.id, firstName: 'Žofia', lastName: account.lastName, language: 'de-AT', email: account.email },
      userErrors: [],
    });
    expect(profile(await stored(account.id))).toEqual({ firstName: 'Žofia', lastName: account.lastName, language: 'de-AT' });

    // null keeps the value, like a field left out
    const second = await t.gql(token, UPDATE, { input: { lastName: 'Šťastná', firstName: null } });
    expect(second.data!.updateViewer.userErrors).toEqual([]);
    expect(profile(await stored(account.id))).toEqual({ firstName: 'Žofia', lastName: 'Šťastná', language: 'de-AT' });

    // the viewer query reads the new values
    const viewer = await t.gql(token, `{ viewer { firstName lastName language } }`);
    expect(viewer.data!.viewer).toEqual({ firstName: 'Žofia', lastName: 'Šťastná', language: 'de-AT' });
  });

  it('a `viewer` selected after the mutation in the same request is already the new one', async () => {
    const { token } = await person();
    const result = await t.gql(
      token,
      `mutation { updateViewer(input: { firstName: "Renamed" }) { account { firstName } userErrors { code } } }`,
    );
    expect(result.data!.updateViewer).toEqual({ account: { firstName: 'Renamed' }, userErrors: [] });
  });

  it('sets the own notification level (conversation.md: "which it changes itself (updateViewer)"); unknown levels are refused', async () => {
    const { account, token } = await person();
    const level = async () => (await t.gql(token, `{ viewer { notificationLevel } }`)).data!.viewer.notificationLevel;
    expect(await level()).toBe('ALL'); // a customer's default
    const result = await t.gql(token, UPDATE, { input: { notificationLevel: 'NONE' } });
    expect(result.data!.updateViewer.userErrors).toEqual([]);
    expect(await level()).toBe('NONE');
    expect((await stored(account.id)).notificationLevel).toBe('NONE');
    const refused = await t.gql(token, UPDATE, { input: { notificationLevel: 'SOMETIMES' } });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await level()).toBe('NONE');
  });

  it('staff change their own profile too', async () => {
    const staff = await t.factories.staffAgent();
    const result = await t.gql(await t.factories.signIn(staff), UPDATE, { input: { lastName: 'Agentová' } });
    expect(result.data!.updateViewer.userErrors).toEqual([]);
    expect((await stored(staff.id)).lastName).toBe('Agentová');
  });

  it.each([
    ['nothing to change', {}, ['input'], 'Give at least one of firstName, lastName, language and notificationLevel'],
    [
      'only nulls',
      { firstName: null, lastName: null, language: null },
      ['input'],
      'Give at least one of firstName, lastName, language and notificationLevel',
    ],
    ['blank first name', { firstName: '   ' }, ['input', 'firstName'], 'firstName must not be blank'],
    ['empty last name', { lastName: '' }, ['input', 'lastName'], 'lastName must be 1 to 200 characters'],
    ['oversized first name', { firstName: 'x'.repeat(201) }, ['input', 'firstName'], 'firstName must be 1 to 200 characters'],
    ['huge last name', { lastName: 'x'.repeat(100_000) }, ['input', 'lastName'], 'lastName must be 1 to 200 characters'],
    ['blank name beside a good one', { firstName: 'Fine', lastName: '\t\n ' }, ['input', 'lastName'], 'lastName must not be blank'],
    ['not a language', { language: 'English' }, ['input', 'language'], 'language must be a language code such as en, de or sk'],
    [
      'language with SQL',
      { language: "en'; DROP TABLE account; --" },
      ['input', 'language'],
      'language must be a language code such as en, de or sk',
    ],
    ['language too long', { language: `en-${'abcdefgh-'.repeat(4)}x` }, ['input', 'language'], 'language must be at most 35 characters'],
    ['empty language', { language: '' }, ['input', 'language'], 'language must be a language code such as en, de or sk'],
    ['good language beside a blank name', { language: 'sk', firstName: ' ' }, ['input', 'firstName'], 'firstName must not be blank'],
  ])('refuses %s with INVALID_INPUT and changes nothing', async (_, input, field, message) => {
    const { account, token } = await person();
    const before = profile(await stored(account.id));
    const result = await t.gql(token, UPDATE, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateViewer).toEqual({ account: null, userErrors: [{ code: 'INVALID_INPUT', message, field }] });
    expect(profile(await stored(account.id))).toEqual(before);
  });

  it('refuses input of the wrong type before anything runs', async () => {
    const { account, token } = await person();
    for (const input of [{ firstName: 42 }, { language: ['en'] }, { email: 'new@example.test' }, null]) {
      const result = await t.gql(token, UPDATE, { input });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(profile(await stored(account.id))).toEqual(profile(account));
  });

  it('signed out: UNAUTHENTICATED, and nothing changes', async () => {
    const result = await t.gql(null, UPDATE, { input: { firstName: 'Nobody' } });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const count = await t.app.deps.reader.countBy(AccountEntity, { firstName: 'Nobody' });
    expect(count).toBe(0);
  });

  it('a disabled account’s session is no longer signed in', async () => {
    const { account, token } = await person();
    await t.app.deps.transactions.run((db) => db.update(AccountEntity, { id: account.id }, { disabled: true }));
    const result = await t.gql(token, UPDATE, { input: { firstName: 'Ghost' } });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await stored(account.id)).firstName).toBe(account.firstName);
  });

  it('is refused to API tokens, whatever their scopes (a session is needed)', async () => {
    const { account, token } = await person();
    const created = await t.gql(
      token,
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token userErrors { code } } }`,
      { input: { name: 'all', scopes: ['TICKETS_READ', 'TICKETS_WRITE', 'COMPANIES_READ', 'MEMBERS_READ', 'MEMBERS_WRITE'] } },
    );
    const apiToken = created.data!.createApiToken.token;
    const result = await t.gql(apiToken, UPDATE, { input: { firstName: 'Robot' } });
    expect(result.data!.updateViewer).toEqual({
      account: null,
      userErrors: [{ code: 'FORBIDDEN', message: 'Your profile is changed from a signed-in session, not with an API token', field: null }],
    });
    expect((await stored(account.id)).firstName).toBe(account.firstName);
  });

  it('writes no audit event (the audit log records access changes)', async () => {
    const { token } = await person();
    const { statements } = await t.countStatements(() => t.gql(token, UPDATE, { input: { firstName: 'Quiet' } }));
    expect(statements.some((s) => /audit_event/i.test(s))).toBe(false);
  });

  it('concurrent calls each apply whole: different fields all land, the same field ends as one of the values', async () => {
    const { account, token } = await person();
    const results = await Promise.all([
      t.gql(token, UPDATE, { input: { firstName: 'Concurrent' } }),
      t.gql(token, UPDATE, { input: { lastName: 'Writer' } }),
      t.gql(token, UPDATE, { input: { language: 'sk' } }),
      ...Array.from({ length: 8 }, (_, i) => t.gql(token, UPDATE, { input: { firstName: `Same${i}`, lastName: `Same${i}` } })),
    ]);
    for (const result of results) expect(result.data?.updateViewer.userErrors).toEqual([]);
    const after = await stored(account.id);
    expect(after.language).toBe('sk');
    // the outcome of some serial order: each field is one call's value, and never two "Same" calls mixed
    expect(after.firstName).toMatch(/^(Concurrent|Same\d)$/);
    expect(after.lastName).toMatch(/^(Writer|Same\d)$/);
    if (after.firstName.startsWith('Same') && after.lastName.startsWith('Same')) expect(after.lastName).toBe(after.firstName);
    // every payload shows that call's own values
    results.slice(3).forEach((result, i) => {
      expect(result.data!.updateViewer.account.firstName).toBe(`Same${i}`);
    });
  });
});
