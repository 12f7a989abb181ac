import { describe, expect, it } from 'vitest';
import { forEachAtMost } from '../../runtime/at-most-at-once.js';

describe('forEachAtMost', () => {
  it('works on every item, in their order, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await forEachAtMost(3, [1, 2, 3, 4, 5, 6, 7], async (item) => {
      started.push(item);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    });
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('takes no further item after a failure, and rejects with it once the running ones have settled', async () => {
    const done: number[] = [];
    const run = forEachAtMost(2, [1, 2, 3, 4], async (item) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (item === 1) throw new Error('item 1 failed');
      done.push(item);
    });
    await expect(run).rejects.toThrow('item 1 failed');
    expect(done).toEqual([2]);
  });

  it('an empty list is done at once', async () => {
    await expect(forEachAtMost(4, [], () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});
