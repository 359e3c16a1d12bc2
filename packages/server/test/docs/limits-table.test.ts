import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, repoRoot } from '../../src/config';
import { serveOverHttp } from '../support/http-server';
import { MemoryBucketStore } from '../../src/infrastructure/rate-limit/leaky-bucket';
import { RateLimiter } from '../../src/infrastructure/rate-limit/rate-limiter';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * docs/api.md's tables render (every row has its header's cells), and every row of the limits
 * table is what the server answers over HTTP: the status, one error with the code, the limit at
 * its documented default and the offending value, no data.
 */

const text = fs.readFileSync(path.join(repoRoot, 'docs/api.md'), 'utf8');

/** GitHub-flavoured Markdown splits a table row at every `|` that is not escaped, inside code spans too. */
const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

function tables(): Array<{ line: number; header: string[]; rows: Array<{ line: number; cells: string[] }> }> {
  const lines = text.split('\n');
  const found = [];
  let inCode = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('```')) inCode = !inCode;
    if (inCode || !lines[i].startsWith('|') || lines[i - 1]?.startsWith('|')) continue;
    const rows = [];
    let j = i + 2;
    for (; j < lines.length && lines[j].startsWith('|'); j++) rows.push({ line: j + 1, cells: cells(lines[j]) });
    found.push({ line: i + 1, header: cells(lines[i]), delimiter: cells(lines[i + 1] ?? ''), rows });
    i = j - 1;
  }
  return found.map(({ line, header, delimiter, rows }) => {
    expect([line, delimiter.length, delimiter.every((d) => /^:?-+:?$/.test(d))]).toEqual([line, header.length, true]);
    return { line, header, rows };
  });
}

describe('docs/api.md tables', () => {
  it('every row of every table has as many cells as its header', () => {
    const all = tables();
    expect(all.length).toBeGreaterThan(5);
    for (const table of all) for (const row of table.rows) expect([row.line, row.cells.length]).toEqual([row.line, table.header.length]);
  });
});

describe('docs/api.md limits table, against the server', () => {
  let t: TestApp;
  let url: string;
  let close: () => Promise<void>;
  let token: string;
  const defaults = loadConfig({}).rateLimits;

  beforeAll(async () => {
    // the default budget, on a clock that stands still: only what the test spends leaves it
    t = await startTestApp({ limiter: new RateLimiter(new MemoryBucketStore(() => 1_000_000), defaults) });
    const served = await serveOverHttp(t.app);
    url = `${served.base}/graphql`;
    close = served.close;
    token = (await t.factories.member(await t.factories.company(), Role.MEMBER)).token;
  });
  afterAll(async () => {
    await close?.();
    await t?.close();
  });

  const post = async (body: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const query = (q: string) => JSON.stringify({ query: q });
  // 16 searched counts: 16 × 302 = 4832 points, all of them work that is charged, not refunded
  const spend = query(
    `{ ${Array.from({ length: 16 }, (_, i) => `c${i}: tickets(filter: { search: "x${i}" }) { totalCount }`).join(' ')} }`,
  );

  /** A request past each limit, by the table's code. */
  const PAST: Record<string, () => Promise<Awaited<ReturnType<typeof post>>>> = {
    QUERY_TOO_DEEP: () => post(query(`{ company(id: "x") { ${'parent { '.repeat(11)}name${' }'.repeat(11)} } }`)),
    QUERY_TOO_LONG: () => post(query(`{ viewer { ${'id '.repeat(2000)}} }`)),
    TOO_MANY_ALIASES: () => post(query(`{ ${Array.from({ length: 31 }, (_, i) => `v${i}: viewer { id }`).join(' ')} }`)),
    QUERY_TOO_COSTLY: () =>
      post(query(`{ companies(first: 100) { edges { node { memberships(first: 100) { edges { node { id } } } } } } }`)),
    BODY_TOO_LARGE: () => post(JSON.stringify({ query: '{ viewer { id } }', variables: { pad: 'x'.repeat(300 * 1024) } })),
    RATE_LIMITED: async () => {
      for (let i = 0; i < 10; i++) {
        const answer = await post(spend);
        if (answer.status !== 200) return answer;
      }
      throw new Error('the budget never ran out');
    },
  };

  const limitsTable = () => tables().find((table) => table.header.join('|') === 'limit|default|setting|code|HTTP')!;

  it('has a row for every limit refused before execution, and only those', () => {
    const codes = limitsTable().rows.map((row) => row.cells[3].replace(/`/g, ''));
    expect(codes.sort()).toEqual(Object.keys(PAST).sort());
  });

  it.each(Object.keys(PAST))('%s: the status, code, limit and value of its row', async (code) => {
    const row = limitsTable().rows.find((r) => r.cells[3] === `\`${code}\``)!;
    const documentedLimit = Number(/^\d+/.exec(row.cells[1])![0]);
    const answer = await PAST[code]();
    expect(answer.status).toBe(Number(row.cells[4]));
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    const extensions = answer.body.errors[0].extensions;
    expect(extensions.code).toBe(code);
    if (code === 'RATE_LIMITED') {
      // the documented exception: a retry hint instead of limit and value, and the budget in extensions.cost
      expect(extensions).toEqual({ code, retryAfterSeconds: expect.any(Number) });
      expect(answer.headers.get('retry-after')).toBe(String(extensions.retryAfterSeconds));
      expect(answer.body.extensions.cost.throttleStatus.maximumAvailable).toBe(documentedLimit);
    } else {
      expect(extensions).toEqual({ code, limit: documentedLimit, value: code === 'QUERY_TOO_LONG' ? null : expect.any(Number) });
      expect(extensions.value === null || extensions.value > extensions.limit).toBe(true);
    }
  });

  it('an argument past its limit is INVALID_INPUT at the field, with HTTP 200', async () => {
    token = (await t.factories.member(await t.factories.company(), Role.MEMBER)).token; // a budget of its own
    const answer = await post(query(`{ viewer { id } tickets(first: 101) { edges { node { id } } } }`));
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeNull(); // `tickets` may not be null: its error nulls its parent, here the whole data
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ path: ['tickets'], extensions: { code: 'INVALID_INPUT', field: ['first'] } }),
    ]);
  });
});
