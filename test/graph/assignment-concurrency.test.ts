import { describe, expect, it } from 'vitest';
import { Cluster, GPU } from '../../examples/compute/index.js';
import { InventoryError } from '../../model/inventory-error.js';
import { testInventory } from '../support/inventory.js';

/** Uniqueness of pool values comes from Neo4j constraints: concurrent assigners never share a value. */
describe('concurrent auto-assign', () => {
  const { inventory, track } = testInventory();

  it('16 concurrent callers drain a pool of 50: exactly 50 distinct values, the rest get exhaustion', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'contended GPU' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 50 } } });
    const cluster = track.instance(await inventory.instances.build(Cluster, { name: 'greedy cluster' }));

    const callers = 16;
    const perCaller = 5; // 80 attempts for 50 values
    const outcomes = await Promise.all(
      Array.from({ length: callers }, async () => {
        const mine: Array<number | string> = [];
        for (let attempt = 0; attempt < perCaller; attempt += 1) {
          try {
            mine.push(
              (await inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee: cluster.id })).value,
            );
          } catch (error) {
            mine.push(error instanceof InventoryError ? error.code : String(error));
          }
        }
        return mine;
      }),
    );
    const all = outcomes.flat();
    const values = all.filter((outcome): outcome is number => typeof outcome === 'number');
    expect(values).toHaveLength(50);
    expect(new Set(values).size).toBe(50);
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(all.filter((outcome) => typeof outcome !== 'number')).toEqual(Array(30).fill('poolExhausted'));

    const stored = await inventory.assignments.list({ owner: gpu.id, pool: 'cores' });
    expect(stored.map((assignment) => assignment.value)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
  });

  it('an alias slot is held once: a second assignment into the same slot is refused by the constraint', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'slot GPU' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 10 } } });
    const cluster = track.instance(await inventory.instances.build(Cluster, { name: 'slot cluster' }));
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee: cluster.id, alias: 'core1' }),
      ),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((result) => (result.reason as InventoryError).code)).toEqual(Array(5).fill('conflict'));
    expect((lost[0]!.reason as Error).message).toContain('already holds an assignment in slot "core1"');
    expect(await inventory.assignments.list({ assignee: cluster.id })).toHaveLength(1);
  });
});
