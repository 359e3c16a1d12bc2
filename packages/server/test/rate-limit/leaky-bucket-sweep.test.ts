import { MemoryBucketStore } from '../../src/infrastructure/rate-limit/leaky-bucket';

describe('leaky bucket sweep (fake clock)', () => {
  it('judges each idle bucket by its own restore rate, not by the rate of the caller that triggers the sweep', async () => {
    let now = 1_000_000;
    const store = new MemoryBucketStore(() => now);
    const slow = { capacity: 10, restoreRate: 0.01 };
    expect(await store.take('slow', 5, slow)).toMatchObject({ allowed: true, currentlyAvailable: 5 });
    now += 61_000; // 0.61 points back; a fast bucket's rate would have refilled it long ago
    expect(await store.take('fast', 1, { capacity: 10_000, restoreRate: 500 })).toMatchObject({ allowed: true });
    expect(await store.take('slow', 6, slow)).toMatchObject({ allowed: false, currentlyAvailable: 5 });
  });
});
