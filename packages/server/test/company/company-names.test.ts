/**
 * Company names are unique among siblings (issue 17): the same name — compared case-insensitively,
 * trimmed, whitespace runs as one — under the same parent, or among the roots, is CONFLICT on
 * createCompany, updateCompany (rename) and moveCompany, also when requests race (a unique index
 * decides). The migration keeps existing duplicates working: later ones get " (2)", " (3)", ….
 */
import { UniqueCompanyNames1764250000000 } from '../../src/db/migrations/1764250000000-unique-company-names';
import { uniqueCompanyName, companyNameKey } from '../../src/shared/company-name';
import { databaseBefore } from '../support/migration-steps';
import { startTestApp, TestApp } from '../support/test-app';

const USER_ERRORS = `userErrors { code message field }`;
const CREATE = `mutation($input: CreateCompanyInput!) { r: createCompany(input: $input) { company { id name parent { id } } ${USER_ERRORS} } }`;
const UPDATE = `mutation($input: UpdateCompanyInput!) { r: updateCompany(input: $input) { company { id name } ${USER_ERRORS} } }`;
const MOVE = `mutation($id: ID!, $parentId: ID) { r: moveCompany(id: $id, parentId: $parentId) { company { id parent { id } } ${USER_ERRORS} } }`;

describe('company names are unique among siblings', () => {
  let t: TestApp;
  let staff: string;
  let run = 0;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
  });
  afterAll(() => t.close());

  const call = async (query: string, variables: Record<string, unknown>) => {
    const result = await t.gql(staff, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data.r;
  };
  const create = (name: string, parentId: string | null = null) => call(CREATE, { input: { name, parentId } });
  const created = async (name: string, parentId: string | null = null) => {
    const r = await create(name, parentId);
    expect(r.userErrors).toEqual([]);
    return r.company as { id: string; name: string };
  };
  const conflictOn = (field: string[]) => ({
    company: null,
    userErrors: [{ code: 'CONFLICT', message: expect.stringMatching(/already exists/), field }],
  });
  /** A name of this test's own, so tests do not meet each other's roots. */
  const fresh = (name: string) => `${name} ${++run}`;

  it('createCompany refuses a second root of the same name, whatever its case and spacing', async () => {
    const name = fresh('Northwind Holding');
    await created(name);
    for (const again of [name, `  ${name.toUpperCase()} `, name.replace(' ', '   ')])
      expect(await create(again)).toEqual(conflictOn(['input', 'name']));
  });

  it('the same name is fine under another parent, and refused under the same one', async () => {
    const a = await created(fresh('Holding A'));
    const b = await created(fresh('Holding B'));
    await created('Retail', a.id);
    await created('Retail', b.id);
    expect(await create('retail', a.id)).toEqual(conflictOn(['input', 'name']));
    // a root may share a subsidiary's name
    await created(fresh('Retail'));
  });

  it('renaming to a sibling’s name is refused; a company may change the case of its own name', async () => {
    const parent = await created(fresh('Parent'));
    const one = await created('Logistics', parent.id);
    const two = await created('Warehouse', parent.id);
    expect(await call(UPDATE, { input: { id: two.id, name: 'LOGISTICS' } })).toEqual(conflictOn(['input', 'name']));
    expect(await call(UPDATE, { input: { id: one.id, name: 'LOGISTICS' } })).toEqual({
      company: { id: one.id, name: 'LOGISTICS' },
      userErrors: [],
    });
    // other changes of a company whose name stays alone are not affected
    expect((await call(UPDATE, { input: { id: two.id, settings: { portalEnabled: false } } })).userErrors).toEqual([]);
  });

  it('moving under a parent that has a company of that name is refused, and so is making it a root beside a namesake', async () => {
    const from = await created(fresh('From'));
    const to = await created(fresh('To'));
    const moving = await created('Accounting', from.id);
    await created('accounting', to.id);
    expect(await call(MOVE, { id: moving.id, parentId: to.id })).toEqual(conflictOn(['parentId']));
    const rootName = fresh('Independent');
    await created(rootName);
    const sub = await created(rootName, from.id);
    expect(await call(MOVE, { id: sub.id, parentId: null })).toEqual(conflictOn(['parentId']));
    // still where it was: nothing changed
    const [row] = await t.app.deps.reader.query('SELECT parent_id FROM company WHERE id = ?', [moving.id]);
    expect(row.parent_id).toBe(from.id);
    // a move to a parent without a namesake works, and frees the name under the old parent
    const elsewhere = await created(fresh('Elsewhere'));
    expect((await call(MOVE, { id: moving.id, parentId: elsewhere.id })).userErrors).toEqual([]);
    await created('Accounting', from.id);
  });

  it('concurrent creations of one name: exactly one succeeds, the others are CONFLICT', async () => {
    const parent = await created(fresh('Race'));
    const results = await Promise.all(Array.from({ length: 8 }, () => create('Same Name', parent.id)));
    expect(results.filter((r) => r.company !== null)).toHaveLength(1);
    expect(results.filter((r) => r.company === null).map((r) => r.userErrors[0].code)).toEqual(Array(7).fill('CONFLICT'));
  });

  it('names that differ only in case, spacing or Unicode normal form have one key; suffixes find a free name', () => {
    expect(companyNameKey('  Café   Müller ')).toBe(companyNameKey('CAFE\u0301 MÜLLER'));
    expect(companyNameKey('Alpha')).not.toBe(companyNameKey('Alpha 2'));
    expect(uniqueCompanyName('Acme', new Set(['acme', 'acme (2)']))).toBe('Acme (3)');
    const long = 'x'.repeat(200);
    expect(uniqueCompanyName(long, new Set([companyNameKey(long)]))).toBe(`${'x'.repeat(196)} (2)`);
  });
});

describe('the unique-company-names migration', () => {
  it('keeps the oldest name and gives later duplicates " (2)", " (3)", …; then the index holds', async () => {
    const step = await databaseBefore(UniqueCompanyNames1764250000000);
    try {
      const insert = (id: string, name: string, parentId: string | null, day: string) =>
        step.before.query(
          `INSERT INTO company (id, name, parent_id, root_id, portal_enabled, members_see_company_tickets, subsidiary_tickets_visible,
             share_tickets_with_family, two_factor_required, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 0, 0, 0, 0, ?, ?)`,
          [id, name, parentId, parentId ?? id, `2026-01-${day} 10:00:00.000`, `2026-01-${day} 10:00:00.000`],
        );
      await insert('cmp_root1', 'Acme', null, '01');
      await insert('cmp_root2', 'ACME', null, '02');
      await insert('cmp_root3', 'acme', null, '03');
      await insert('cmp_child1', 'Retail', 'cmp_root1', '04');
      await insert('cmp_child2', 'retail', 'cmp_root1', '05');
      await insert('cmp_child3', 'Retail', 'cmp_root2', '06');
      const database = await step.migrateTheRest();
      const rows = await database.dataSource.query('SELECT id, name, parent_key, name_key FROM company ORDER BY id');
      expect(rows.map((r: any) => [r.id, r.name, r.parent_key, r.name_key])).toEqual([
        ['cmp_child1', 'Retail', 'cmp_root1', 'retail'],
        ['cmp_child2', 'retail (2)', 'cmp_root1', 'retail (2)'],
        ['cmp_child3', 'Retail', 'cmp_root2', 'retail'],
        ['cmp_root1', 'Acme', '', 'acme'],
        ['cmp_root2', 'ACME (2)', '', 'acme (2)'],
        ['cmp_root3', 'acme (3)', '', 'acme (3)'],
      ]);
      await expect(
        database.dataSource.query(`UPDATE company SET name = 'Acme', name_key = 'acme' WHERE id = 'cmp_root3'`),
      ).rejects.toThrow();
    } finally {
      await step.drop();
    }
  });
});
