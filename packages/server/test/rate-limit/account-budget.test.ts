import { loadConfig } from '../../src/config';
import { MemoryBucketStore } from '../../src/infrastructure/rate-limit/leaky-bucket';
import { RateLimiter } from '../../src/infrastructure/rate-limit/rate-limiter';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * One cost budget per account (docs/api.md "Rate limits"): every session and API token of an
 * account draws on the same bucket, so a new token or a second sign-in buys no points.
 */
describe('one rate-limit budget per account', () => {
  let t: TestApp;
  const now = 7_000_000; // the clock stands still: nothing flows back during the test
  const limits = loadConfig({ RATE_LIMIT_CAPACITY: '600', RATE_LIMIT_RESTORE_RATE: '1' }).rateLimits;

  beforeAll(async () => {
    t = await startTestApp({ limiter: new RateLimiter(new MemoryBucketStore(() => now), limits) });
  });
  afterAll(() => t.close());

  const createToken = async (session: string, name: string) => {
    const r = await t.gql(
      session,
      `mutation($n: String!) { createApiToken(input: { name: $n, scopes: [TICKETS_READ] }) { token userErrors { code } } }`,
      {
        n: name,
      },
    );
    expect(r.data.createApiToken.userErrors).toEqual([]);
    return r.data.createApiToken.token as string;
  };

  it('the second token of an account is RATE_LIMITED once the first has used up the budget; so is its session; others are not', async () => {
    const company = await t.factories.company();
    const member = await t.factories.member(company, Role.MEMBER);
    for (let i = 0; i < 40; i++) await t.factories.ticket({ company, requester: member.account });
    const first = await createToken(member.token, 'first');
    const second = await createToken(member.token, 'second');

    // 40 tickets: 81 objects a request (the list, 40 edges, 40 nodes), all kept
    const page = `{ tickets(first: 40) { edges { node { id } } } }`;
    let spent = 0;
    for (let i = 0; i < 20; i++) {
      const r = await t.gql(first, page);
      if (r.errors) {
        expect(r.errors[0].extensions?.code).toBe('RATE_LIMITED');
        break;
      }
      spent++;
    }
    expect(spent).toBeGreaterThan(3);
    expect(spent).toBeLessThan(20);

    const refused = await t.gql(second, page);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect((await t.gql(member.token, page)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // a new sign-in of the same account brings no budget either
    const again = await t.factories.signIn(member.account);
    expect((await t.gql(again, page)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');

    // another account of the same company, and anonymous callers, have budgets of their own
    const colleague = await t.factories.member(company, Role.MEMBER);
    expect((await t.gql(colleague.token, page)).errors).toBeUndefined();
    expect((await t.gql(null, `{ viewer { id } }`)).errors).toBeUndefined();
  });
});
