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
    // nothing encoded until read: a list that selects nodes and the end cursor pays for one encoding, not one per row
    expect(reads).toBe(0);
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

  it('completes PageInfo as Relay asks: startCursor of the first edge, hasPreviousPage false (forward only), nulls without edges', async () => {
    const keys: SortKey<Row>[] = [{ column: 't.id', direction: 'ASC', valueOf: (r) => r.id }];
    const page = await paginate(source, { first: 2 }, keys);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
    expect(page.pageInfo.endCursor).toBe(page.edges[1].cursor);
    const next = await paginate(source, { first: 2, after: page.pageInfo.endCursor }, keys);
    // forward only: Relay lets a first/after page answer false, and nothing here pages backwards
    expect(next.pageInfo.hasPreviousPage).toBe(false);
    const empty = await paginate({ ...source, rows: async () => [] }, { first: 2 }, keys);
    const { hasNextPage, hasPreviousPage, startCursor, endCursor } = empty.pageInfo;
    expect({ hasNextPage, hasPreviousPage, startCursor, endCursor }).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it("a tagged order's cursors carry the tag, and a cursor of the other order is refused (and the other way round)", async () => {
    const keys: SortKey<Row>[] = [
      { column: 't.at', direction: 'ASC', valueOf: (r) => r.at, isDate: true },
      { column: 't.id', direction: 'ASC', valueOf: (r) => r.id },
    ];
    const tagged = await paginate(source, { first: 1 }, keys, 'updated');
    const plain = await paginate(source, { first: 1 }, keys);
    expect(JSON.parse(Buffer.from(tagged.pageInfo.endCursor!, 'base64url').toString('utf8'))).toEqual([
      'updated',
      '2026-01-01T00:00:00.000Z',
      'r0',
    ]);
    await expect(paginate(source, { first: 1, after: tagged.pageInfo.endCursor }, keys, 'updated')).resolves.toBeDefined();
    await expect(paginate(source, { first: 1, after: plain.pageInfo.endCursor }, keys, 'updated')).rejects.toThrow(
      'after is not a cursor of this list',
    );
    await expect(paginate(source, { first: 1, after: tagged.pageInfo.endCursor }, keys)).rejects.toThrow(
      'after is not a cursor of this list',
    );
    await expect(paginate(source, { first: 1, after: tagged.pageInfo.endCursor }, keys, 'other')).rejects.toThrow(
      'after is not a cursor of this list',
    );
  });
});
