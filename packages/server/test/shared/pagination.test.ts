import { paginate, type PageSource, type SortKey } from '../../src/shared/pagination';

interface Row {
  id: string;
  at: Date;
}

const rows: Row[] = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, at: new Date(Date.UTC(2026, 0, 1 + i)) }));
const source: PageSource<Row> = {
  rows: async (_after, _orderBy, limit) => rows.slice(0, limit),
  count: async () => rows.length,
};

describe('paginate', () => {
  it("encodes an edge's cursor only when it is read, and it decodes back to the same position", async () => {
    let reads = 0;
    const keys: SortKey<Row>[] = [
      { column: 't.at', direction: 'DESC', valueOf: (r) => (reads++, r.at), isDate: true },
      { column: 't.id', direction: 'DESC', valueOf: (r) => r.id },
    ];
    const page = await paginate(source, { first: 3 }, keys);
    expect(page.edges.map((e) => e.node.id)).toEqual(['r0', 'r1', 'r2']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    // the end cursor only: a list that selects nodes pays for one encoding, not one per row
    expect(reads).toBe(1);
    expect(page.pageInfo.endCursor).toBe(page.edges[2].cursor);
    expect(reads).toBe(2);
    const decoded = JSON.parse(Buffer.from(page.edges[1].cursor, 'base64url').toString('utf8'));
    expect(decoded).toEqual(['2026-01-02T00:00:00.000Z', 'r1']);

    let after: unknown = null;
    await paginate(
      { ...source, rows: async (a, _o, limit) => ((after = a), rows.slice(0, limit)) },
      { first: 2, after: page.edges[1].cursor },
      keys,
    );
    expect(after).toMatchObject({ params: { cursor0: new Date('2026-01-02T00:00:00.000Z'), cursor1: 'r1' } });
  });
});
