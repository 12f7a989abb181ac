import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { signalAgainLater } from '../../runtime/signal-retry.js';
import { eventually } from '../support/eventually.js';

/** A gRPC UNAVAILABLE, as the client throws it while Temporal is down. */
const unavailable = () => Object.assign(new Error('14 UNAVAILABLE'), { code: 14, details: 'down', metadata: {} });

describe('signalAgainLater', () => {
  it('stops a round at the first signal that finds Temporal unreachable, and gets every one through once it answers', async () => {
    const client = {} as Client; // only the key of its queue
    let reachable = false;
    const tried: string[] = [];
    const signal = (id: string) => () => {
      tried.push(id);
      return reachable ? Promise.resolve() : Promise.reject(unavailable());
    };
    for (const id of ['a', 'b', 'c']) signalAgainLater(client, id, signal(id));

    const firstRound = await eventually(
      () => Promise.resolve([...tried]),
      (seen) => seen.length > 0,
      5_000,
      20,
    );
    expect(firstRound).toEqual(['a']); // b and c would have waited out the same deadline
    reachable = true;
    const after = await eventually(
      () => Promise.resolve(tried.slice(firstRound.length)),
      (seen) => ['a', 'b', 'c'].every((id) => seen.includes(id)),
      10_000,
      20,
    );
    expect(new Set(after)).toEqual(new Set(['a', 'b', 'c']));
  });
});
