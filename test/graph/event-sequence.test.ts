import { describe, expect, it } from 'vitest';
import type { SequencedEvent } from '../../graph/event-repository.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

/**
 * Events take their sequence under one lock held until commit, so they commit in sequence
 * order: a reader following `eventsAfter` while writers race never skips one, and a retried
 * event keeps its first sequence.
 */
describe('event sequence', () => {
  const { inventory, track } = testInventory();
  const { events } = inventory;
  const event = (instanceId: string, key: string) => ({
    key,
    eventType: 'ResourceAttributeValueChangeEvent',
    changedPaths: ['name'],
    changes: [],
    instanceType: 'resource' as const,
  });

  it('concurrent writers: every event read once, in commit order, by a reader following along', async () => {
    const instances = [1, 2, 3].map(() => track.instanceId(uniqueId('sequenced')));
    const start = await events.lastSequence();
    const perInstance = 12;
    let writing = true;
    const seen: SequencedEvent[] = [];
    const follow = async () => {
      let cursor = start;
      for (;;) {
        const stillWriting = writing;
        const all = await events.eventsAfter(cursor, 50);
        seen.push(...all.filter((read) => instances.includes(read.instanceId)));
        cursor = all.at(-1)?.sequence ?? cursor;
        if (!stillWriting && all.length === 0) return;
      }
    };
    const reader = follow();
    await Promise.all(
      instances.map(async (instanceId) => {
        // each instance's events one after another, the instances at the same time
        for (let index = 0; index < perInstance; index += 1) {
          await events.record(instanceId, event(instanceId, `${instanceId}/${index}`));
        }
      }),
    );
    writing = false;
    await reader;

    expect(seen).toHaveLength(instances.length * perInstance);
    const sequences = seen.map((read) => read.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    for (const instanceId of instances) {
      const keys = seen.filter((read) => read.instanceId === instanceId).map((read) => read.key);
      expect(keys).toEqual(Array.from({ length: perInstance }, (_, index) => `${instanceId}/${index}`));
    }
    const selected = await events.eventsAfter(start, 100, { instanceId: instances[0]! });
    expect(selected.map((read) => read.key)).toEqual(
      seen.filter((read) => read.instanceId === instances[0]).map((read) => read.key),
    );
  });

  it('the events of one statement (a batch of tasks) take sequences of their own, in the order given', async () => {
    const instanceId = track.instanceId(uniqueId('batched'));
    const keys = [1, 2, 3].map((index) => `${instanceId}/${index}`);
    await events.recordAll([...keys, keys[0]!].map((key) => ({ instanceId, ...event(instanceId, key) })));
    const read = await events.eventsAfter(0, 10, { instanceId });
    expect(read.map((one) => one.key)).toEqual(keys);
    const [first] = read.map((one) => one.sequence);
    expect(read.map((one) => one.sequence)).toEqual([first, first! + 1, first! + 2]);
    // a reader taking one at a time misses none of them
    const oneByOne = [await events.eventsAfter(first! - 1, 1, { instanceId })];
    while (oneByOne.at(-1)!.length > 0)
      oneByOne.push(await events.eventsAfter(oneByOne.at(-1)![0]!.sequence, 1, { instanceId }));
    expect(oneByOne.flat().map((one) => one.key)).toEqual(keys);
  });

  it('an event recorded again (a retried task) keeps its first sequence', async () => {
    const instanceId = track.instanceId(uniqueId('retried'));
    await events.record(instanceId, event(instanceId, `${instanceId}/once`));
    const [first] = await events.eventsAfter(0, 1, { instanceId });
    await events.record(instanceId, event(instanceId, `${instanceId}/once`));
    const again = await events.eventsAfter(0, 10, { instanceId });
    expect(again.map((read) => read.sequence)).toEqual([first!.sequence]);
    expect(await events.lastSequence()).toBeGreaterThanOrEqual(first!.sequence);
  });
});
