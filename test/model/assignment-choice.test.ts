import { describe, expect, it } from 'vitest';
import { chooseFreeValue, retrySkip } from '../../model/assignment-choice.js';

describe('choosing a free pool value', () => {
  it('takes the lowest free value, skipping taken ones', () => {
    expect(chooseFreeValue(1, 10, [], 'lowest')).toBe(1);
    expect(chooseFreeValue(1, 10, [1, 2, 4], 'lowest')).toBe(3);
    expect(chooseFreeValue(100, 199, [100, 101, 102], 'lowest')).toBe(103);
  });

  it('takes the highest free value', () => {
    expect(chooseFreeValue(1, 10, [10, 9, 7], 'highest')).toBe(8);
  });

  it('passes over `skip` free values (spreading assigners that lost a race)', () => {
    expect([0, 1, 2].map((skip) => chooseFreeValue(1, 10, [1, 2, 4], 'lowest', skip))).toEqual([3, 5, 6]);
    expect([0, 1, 2].map((skip) => chooseFreeValue(1, 10, [10, 9, 7], 'highest', skip))).toEqual([8, 6, 5]);
    expect(chooseFreeValue(1, 3, [1], 'lowest', 99)).toBe(3); // never beyond the last free value
  });

  it('picks a random free value, never a taken one', () => {
    const taken = [2, 3, 5, 7];
    const picks = [0, 0.2, 0.4, 0.6, 0.8, 0.999].map((r) => chooseFreeValue(1, 8, taken, 'random', 0, () => r));
    expect(picks).toEqual([1, 1, 4, 6, 8, 8]); // free values: 1, 4, 6, 8
  });

  it('says undefined when the pool is exhausted, ignoring values outside the bounds', () => {
    expect(chooseFreeValue(1, 3, [1, 2, 3], 'lowest')).toBeUndefined();
    expect(chooseFreeValue(1, 3, [0, 1, 2, 3, 4], 'highest')).toBeUndefined();
    expect(chooseFreeValue(1, 3, [0, 4], 'lowest')).toBe(1);
  });

  it('works on huge pools without materialising them', () => {
    expect(chooseFreeValue(1, 2 ** 40, [1, 2, 3], 'lowest')).toBe(4);
    expect(chooseFreeValue(1, 2 ** 40, [2 ** 40], 'highest')).toBe(2 ** 40 - 1);
  });
});

describe('spreading retries after a lost race', () => {
  it('skips nothing at first, then within a window that doubles up to 64', () => {
    expect(retrySkip(0, () => 0.99)).toBe(0);
    expect([1, 2, 3, 6, 7, 20].map((attempt) => retrySkip(attempt, () => 0.999))).toEqual([1, 3, 7, 63, 63, 63]);
    expect(retrySkip(5, () => 0)).toBe(0);
  });
});
