/**
 * `auditEvents(filter: { actions, actorId, since, until })`: the audit log narrowed as people read it (issue 17):
 * by what happened, by who did it, and by time (since inclusive, until exclusive), with companyId
 * and page by page; bad arguments are INVALID_INPUT at their name.
 */
import { AuditEventEntity } from '../../src/modules/audit/audit-event.entity';
import { newId } from '../../src/shared/ids';
import { startTestApp, TestApp, type GqlResult } from '../support/test-app';

const EVENTS = `query($first: Int, $after: String, $companyId: ID, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, companyId: $companyId, filter: $filter) {
    totalCount edges { node { id action actor { id } } } pageInfo { hasNextPage endCursor } } }`;

describe('audit log filters', () => {
  let t: TestApp;
  let staff: string;
  let alice: string;
  let bob: string;
  let company: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.factories.staffAdmin();
    staff = await t.factories.signIn(admin);
    alice = (await t.factories.staffAdmin()).id;
    bob = (await t.factories.staffAdmin()).id;
    company = (await t.factories.company({ name: 'Filtered' })).id;
    // a log of its own, at known times: only these rows are in the test's window
    const rows: Array<[string, string, string | null, string, string | null]> = [
      ['a', 'company.create', alice, '2031-01-01T10:00:00.000Z', company],
      ['b', 'company.move', alice, '2031-01-02T10:00:00.000Z', company],
      ['c', 'company.move', bob, '2031-01-03T10:00:00.000Z', null],
      ['d', 'auth.sign_in_failed', null, '2031-01-04T10:00:00.000Z', null],
      ['e', 'membership.update', bob, '2031-01-05T10:00:00.000Z', company],
    ];
    await t.app.deps.transactions.run(async (db) => {
      for (const [key, action, actorId, at, companyId] of rows) {
        ids[key] = newId('AuditEvent');
        await db.insert(AuditEventEntity, {
          id: ids[key],
          occurredAt: new Date(at),
          actorId,
          action,
          targetType: 'Company',
          targetId: company,
          companyId,
          before: null,
          after: null,
          clientIp: null,
        });
      }
    });
  });
  afterAll(() => t.close());

  const WINDOW = { since: '2031-01-01T00:00:00.000Z', until: '2031-02-01T00:00:00.000Z' };
  /** The query's variables: the narrowing fields go into `filter`, the rest stay arguments. */
  function asVariables({ actions, actorId, since, until, ...rest }: Record<string, unknown>) {
    return { ...rest, filter: { actions, actorId, since, until } };
  }
  async function found(variables: Record<string, unknown>) {
    const result = await t.gql(staff, EVENTS, asVariables({ first: 100, ...WINDOW, ...variables }));
    expect(result.errors).toBeUndefined();
    const connection = result.data!.auditEvents;
    const keys = connection.edges.map((e: { node: { id: string } }) => Object.keys(ids).find((k) => ids[k] === e.node.id));
    expect(connection.totalCount).toBe(keys.length);
    return keys.join('');
  }

  it('narrows by action codes, newest first', async () => {
    expect(await found({})).toBe('edcba');
    expect(await found({ actions: ['company.move'] })).toBe('cb');
    expect(await found({ actions: ['company.move', 'auth.sign_in_failed'] })).toBe('dcb');
    expect(await found({ actions: ['no.such_action'] })).toBe('');
    expect(await found({ actions: [] })).toBe('');
  });

  it('narrows by actor, and combines with actions and company', async () => {
    expect(await found({ actorId: alice })).toBe('ba');
    expect(await found({ actorId: bob, actions: ['company.move'] })).toBe('c');
    expect(await found({ actorId: bob, companyId: company })).toBe('e');
    expect(await found({ actorId: newId('Account') })).toBe('');
  });

  it('narrows by time: since inclusive, until exclusive; pages keep the filter', async () => {
    expect(await found({ since: '2031-01-02T10:00:00.000Z', until: '2031-01-04T10:00:00.000Z' })).toBe('cb');
    expect(await found({ since: '2031-01-05T10:00:00.001Z' })).toBe('');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const result: GqlResult = await t.gql(
        staff,
        EVENTS,
        asVariables({ first: 2, after, ...WINDOW, actions: ['company.create', 'company.move', 'membership.update'] }),
      );
      const connection: {
        totalCount: number;
        edges: Array<{ node: { id: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      } = result.data!.auditEvents;
      expect(connection.totalCount).toBe(4);
      seen.push(...connection.edges.map((e) => e.node.id));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([ids.e, ids.c, ids.b, ids.a]);
  });

  it('refuses bad arguments with INVALID_INPUT at their name', async () => {
    for (const [variables, field] of [
      [{ actorId: company }, 'actorId'],
      [{ actorId: 'garbage' }, 'actorId'],
      [{ actions: ['x'.repeat(65)] }, 'actions'],
      [{ actions: [''] }, 'actions'],
      [{ actions: Array.from({ length: 51 }, (_, i) => `a.${i}`) }, 'actions'],
      [{ since: '2031-01-05T00:00:00.000Z', until: '2031-01-01T00:00:00.000Z' }, 'since'],
    ] as const) {
      const result = await t.gql(staff, EVENTS, asVariables({ first: 10, ...variables }));
      expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'INVALID_INPUT', field: [field] }]);
    }
  });
});
