import { describe, expect, it } from 'vitest';
import { BatchesByKey } from '../../graph/batches-by-key.js';

/** A batcher whose `serve` records each batch and answers when `release` is called. */
function recordingBatches(maxBatch?: number) {
  const served: Array<{ key: string; requests: number[] }> = [];
  const pending: Array<() => void> = [];
  const batches = new BatchesByKey<number, string>(async (key, requests) => {
    served.push({ key, requests });
    await new Promise<void>((resolve) => pending.push(resolve));
    if (requests.includes(-1)) throw new Error('batch refused');
    return requests.map((request) => `${key}:${request}`);
  }, maxBatch);
  /** Lets the oldest running batch answer, then lets its callers and the next batch start. */
  const release = async () => {
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, served, release };
}

describe('requests served in batches per key', () => {
  it('the first request runs at once; those arriving meanwhile form the next batch, in arrival order', async () => {
    const { batches, served, release } = recordingBatches();
    const answers = [1, 2, 3, 4].map((request) => batches.submit('pool', request));
    expect(served).toEqual([{ key: 'pool', requests: [1] }]);
    await release();
    expect(served).toEqual([
      { key: 'pool', requests: [1] },
      { key: 'pool', requests: [2, 3, 4] },
    ]);
    await release();
    expect(await Promise.all(answers)).toEqual(['pool:1', 'pool:2', 'pool:3', 'pool:4']);
  });

  it('keys do not wait for each other', async () => {
    const { batches, served, release } = recordingBatches();
    const answers = [batches.submit('a', 1), batches.submit('b', 2), batches.submit('a', 3)];
    expect(served).toEqual([
      { key: 'a', requests: [1] },
      { key: 'b', requests: [2] },
    ]);
    await release();
    await release();
    await release();
    expect(await Promise.all(answers)).toEqual(['a:1', 'b:2', 'a:3']);
  });

  it('a batch holds at most maxBatch requests', async () => {
    const { batches, served, release } = recordingBatches(2);
    const answers = [1, 2, 3, 4, 5].map((request) => batches.submit('pool', request));
    for (let batch = 0; batch < 3; batch += 1) await release();
    expect(served.map((batch) => batch.requests)).toEqual([[1], [2, 3], [4, 5]]);
    expect(await Promise.all(answers)).toHaveLength(5);
  });

  it('a batch that fails rejects its own requests only: the batches before and after it are served', async () => {
    const { batches, served, release } = recordingBatches();
    const first = batches.submit('pool', 1);
    const refused = Promise.allSettled([batches.submit('pool', -1), batches.submit('pool', 2)]);
    await release();
    await release();
    expect((await refused).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    const after = batches.submit('pool', 3);
    await release();
    expect(served.map((batch) => batch.requests)).toEqual([[1], [-1, 2], [3]]);
    expect([await first, await after]).toEqual(['pool:1', 'pool:3']);
  });
});
