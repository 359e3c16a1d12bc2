import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../src/config';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * docs/api.md "Requested cost": every query of the examples block, exactly as printed there, run
 * against the server. The number after its comment's `=` must be what
 * `extensions.cost.requestedQueryCost` says (or, for a refused query, the refusal's `value`), and
 * the comment's arithmetic must add up to it.
 */

interface Example {
  comment: string;
  expression: string;
  stated: number;
  refused: boolean;
  query: string;
}

function documentedExamples(): Example[] {
  const text = fs.readFileSync(path.join(repoRoot, 'docs/api.md'), 'utf8');
  const section = text.slice(text.indexOf('### Requested cost'), text.indexOf('\n## ', text.indexOf('### Requested cost')));
  const block = /```graphql\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('docs/api.md "Requested cost" has no graphql block of examples');
  return block[1]
    .split(/\n\s*\n/)
    .filter((chunk) => chunk.trim())
    .map((chunk) => {
      const lines = chunk.trim().split('\n');
      const comment = lines
        .filter((l) => l.startsWith('#'))
        .map((l) => l.replace(/^#\s*/, ''))
        .join(' ');
      const query = lines.filter((l) => !l.startsWith('#')).join('\n');
      const match = /:\s*([^:]*?)\s*=\s*(\d+)\s*$/.exec(comment);
      if (!match || !query) throw new Error(`an example without "…: <arithmetic> = <cost>" and a query:\n${chunk}`);
      return { comment, expression: match[1], stated: Number(match[2]), refused: /^refused:/.test(comment), query };
    });
}

describe('docs/api.md cost examples', () => {
  let t: TestApp;
  let staff: string;
  const variables = { company: '', ticket: '', since: '2000-01-01T00:00:00Z' };

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
    const parent = await t.factories.company();
    const company = await t.factories.company({ parent });
    const member = await t.factories.member(company, Role.MEMBER);
    variables.company = company.id;
    variables.ticket = (await t.factories.ticket({ company, requester: member.account, assignee: member.account })).id;
  });
  afterAll(() => t?.close());

  it('the block has the examples', () => {
    expect(documentedExamples().length).toBeGreaterThanOrEqual(10);
  });

  it.each(documentedExamples().map((e) => [e.comment, e]))('%s', async (_comment, example) => {
    const { expression, stated, refused, query } = example as Example;
    expect(/^[\d\s+×()]+$/.test(expression)).toBe(true);
    expect(new Function(`return ${expression.replace(/×/g, '*')}`)()).toBe(stated);
    const used = Object.fromEntries(Object.entries(variables).filter(([name]) => query.includes(`$${name}`)));
    const result = await t.gql(staff, query, used);
    if (refused) {
      expect(result.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COSTLY', limit: 5000, value: stated });
    } else {
      expect(result.errors).toBeUndefined();
      expect((result as { extensions?: { cost?: { requestedQueryCost: number } } }).extensions?.cost?.requestedQueryCost).toBe(stated);
    }
  });
});
