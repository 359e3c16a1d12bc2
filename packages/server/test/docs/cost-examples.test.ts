import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../src/config';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * docs/api.md "Requested cost": every row of the examples table, run against the server. The
 * number in the table must be what `extensions.cost.requestedQueryCost` says (or, for a refused
 * query, the refusal's `value`), and a row's arithmetic must add up to its number.
 */

const TICKETS_50 = `tickets(first: 50) { edges { node { id title company { name } requester { email } assignee { email } } } }`;

/** The query behind each row, by the row's first cell. */
const QUERIES: Record<string, (ids: { company: string; ticket: string }) => string> = {
  "`viewer` with memberships, their companies and the companies' settings": () =>
    `{ viewer { id email memberships { id role company { id name settings { portalEnabled } } } } }`,
  '`tickets(first: 50)` with company, requester and assignee': () => `{ ${TICKETS_50} }`,
  'the same with `totalCount`': () => `{ ${TICKETS_50.replace('{ edges', '{ totalCount edges')} }`,
  'the same with `totalCount`, searching (`filter: { search: "printer" }`)': () =>
    `{ ${TICKETS_50.replace('(first: 50)', '(first: 50, filter: { search: "printer" })').replace('{ edges', '{ totalCount edges')} }`,
  'one ticket with its company, parent company, requester and assignee': ({ ticket }) =>
    `{ ticket(id: "${ticket}") { id company { name parent { name } } requester { email } assignee { email } } }`,
  'a company with colleagues (100) and pending invitations (50), both with `totalCount`': ({ company }) =>
    `{ company(id: "${company}") { id settings { portalEnabled } parent { id } children { id name }
       memberships(first: 100) { totalCount edges { node { role account { email } } } }
       invitations(first: 50, status: PENDING) { totalCount edges { node { email invitedBy { email } } } } } }`,
  'staff: `companies(first: 100)` with parent, children and settings': () =>
    `{ companies(first: 100) { edges { node { id parent { id } children { id } settings { portalEnabled } } } } }`,
  'staff: `auditEvents(first: 50)` with actor and company': () =>
    `{ auditEvents(first: 50) { edges { node { id action actor { email } company { name } } } } }`,
  '`companies(first: 100) { … memberships(first: 100) { … } }`': () =>
    `{ companies(first: 100) { edges { node { memberships(first: 100) { edges { node { id } } } } } } }`,
  '30 aliased `tickets(filter: { search: "…" }) { totalCount }`': () =>
    `{ ${Array.from({ length: 30 }, (_, i) => `t${i}: tickets(filter: { search: "x${i}" }) { totalCount }`).join(' ')} }`,
};

interface Row {
  operation: string;
  cell: string;
}

function examplesTable(): Row[] {
  const text = fs.readFileSync(path.join(repoRoot, 'docs/api.md'), 'utf8');
  const section = text.slice(text.indexOf('### Requested cost'), text.indexOf('## Pagination'));
  const table = section.slice(section.indexOf('| operation | cost |'));
  return table
    .split('\n')
    .slice(2)
    .filter((line) => line.startsWith('|'))
    .map((line) => {
      const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
      return { operation: cells[1], cell: cells[2] };
    });
}

/** `2 + 50 × 4 = 202`, `10302: refused`, `31`: the stated number, whether refused, and the arithmetic if any. */
function parseCell(cell: string): { stated: number; refused: boolean; expression: string | null } {
  const refused = /refused/.test(cell);
  const body = cell.replace(/:\s*refused$/, '').trim();
  const [left, right] = body.includes('=') ? body.split('=').map((s) => s.trim()) : [null, body];
  return { stated: Number(right), refused, expression: left };
}

describe('docs/api.md cost examples', () => {
  let t: TestApp;
  let staff: string;
  const ids = { company: '', ticket: '' };

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    const parent = await t.factories.company();
    const company = await t.factories.company({ parent });
    const member = await t.factories.member(company, Role.MEMBER);
    ids.company = company.id;
    ids.ticket = (await t.factories.ticket({ company, requester: member.account, assignee: member.account })).id;
  });
  afterAll(() => t?.close());

  it('every row has its query here, and every query a row', () => {
    expect(examplesTable().map((r) => r.operation)).toEqual(Object.keys(QUERIES));
  });

  it.each(examplesTable().map((row) => [row.operation, row.cell]))('%s: %s', async (operation, cell) => {
    const { stated, refused, expression } = parseCell(cell);
    expect(Number.isInteger(stated)).toBe(true);
    if (expression !== null) {
      expect(/^[\d\s+×()]+$/.test(expression)).toBe(true);
      expect(new Function(`return ${expression.replace(/×/g, '*')}`)()).toBe(stated);
    }
    const result = await t.gql(staff, QUERIES[operation](ids));
    if (refused) {
      expect(result.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COSTLY', limit: 5000, value: stated });
    } else {
      expect(result.errors).toBeUndefined();
      expect((result as { extensions?: { cost?: { requestedQueryCost: number } } }).extensions?.cost?.requestedQueryCost).toBe(stated);
    }
  });
});
