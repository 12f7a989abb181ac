import { describe, expect, it } from 'vitest';
import { Cluster, GPU } from '../../examples/compute/index.js';
import type { PoolBoundsInput } from '../../model/pool.js';
import { testInventory } from '../support/inventory.js';

/**
 * Auto-assign probes from the pool's hints instead of reading every taken value (see
 * graph/pool-hints.ts): the lowest (highest) free value must still be the one given out,
 * whichever way a value came back, and a pool's size or fill must not change the statements run.
 */
describe('pool hints keep auto-assign exact and its cost flat', () => {
  const { inventory, driver, track } = testInventory();

  async function poolOf(name: string, bounds: PoolBoundsInput) {
    const gpu = track.instance(await inventory.instances.build(GPU, { name }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: bounds } });
    const cluster = track.instance(await inventory.instances.build(Cluster, { name: `${name} cluster` }));
    const assign = async (assignee = cluster.id) =>
      (await inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee })).value;
    const assignMany = async (count: number) => {
      const values: number[] = [];
      for (let index = 0; index < count; index += 1) values.push(await assign());
      return values;
    };
    return { gpu, cluster, assign, assignMany };
  }

  it('lowest: a value unassigned by value or by slot is the next one given out, then the count goes on', async () => {
    const { gpu, cluster, assign, assignMany } = await poolOf('hints lowest', { first: 1, last: 100 });
    expect(await assignMany(5)).toEqual([1, 2, 3, 4, 5]);
    await inventory.assignments.unassign({ owner: gpu.id, pool: 'cores', value: 2 });
    expect(await assign()).toBe(2);
    await inventory.assignments.assign({
      owner: gpu.id,
      pool: 'cores',
      assignee: cluster.id,
      alias: 'core9',
      value: 9,
    });
    await inventory.assignments.unassign({ assignee: cluster.id, alias: 'core9' });
    await inventory.assignments.unassign({ owner: gpu.id, pool: 'cores', value: 4 });
    expect(await assignMany(3)).toEqual([4, 6, 7]);
  });

  it('highest: counts down from the last value, and an unassigned value comes back first', async () => {
    const { gpu, assign, assignMany } = await poolOf('hints highest', { first: 1, last: 20, algorithm: 'highest' });
    expect(await assignMany(3)).toEqual([20, 19, 18]);
    await inventory.assignments.unassign({ owner: gpu.id, pool: 'cores', value: 19 });
    expect(await assignMany(2)).toEqual([19, 17]);
    await inventory.assignments.assign({
      owner: gpu.id,
      pool: 'cores',
      assignee: (await poolOf('hints highest other', { first: 1, last: 1 })).cluster.id,
      value: 16,
    });
    expect(await assign()).toBe(15); // a specific value taken inside the probes is skipped
  });

  it('random: every value once, then exhaustion with the pool named', async () => {
    const { assignMany, assign } = await poolOf('hints random', { first: 1, last: 12, algorithm: 'random' });
    const values = await assignMany(12);
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    await expect(assign()).rejects.toThrow(/pool "cores" is exhausted \(1\.\.12 all assigned\)/);
  });

  it('new bounds clear the hints: a lower first value is given out next', async () => {
    const { gpu, assignMany } = await poolOf('hints bounds', { first: 5, last: 10 });
    expect(await assignMany(2)).toEqual([5, 6]);
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 10 } } });
    expect(await assignMany(5)).toEqual([1, 2, 3, 4, 7]);
  });

  it('deleting an assignee with cascade gives its values back to the pool', async () => {
    const { assign, assignMany } = await poolOf('hints cascade', { first: 1, last: 50 });
    const doomed = track.instance(await inventory.instances.build(Cluster, { name: 'doomed cluster' }));
    expect(await assignMany(2)).toEqual([1, 2]);
    expect([await assign(doomed.id), await assign(doomed.id)]).toEqual([3, 4]);
    expect(await assign()).toBe(5);
    await inventory.instances.delete(doomed.id, { cascade: true });
    expect(await assignMany(3)).toEqual([3, 4, 6]);
  });

  it('a relationship deleted by hand: its value comes back once the probes find nothing free', async () => {
    const { gpu, assignMany } = await poolOf('hints by hand', { first: 1, last: 12 });
    expect(await assignMany(10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await driver.executeQuery('MATCH ()-[a:ASSIGNED_TO {valueKey: $key}]->() DELETE a', { key: `${gpu.id}/cores/3` });
    expect(await assignMany(3)).toEqual([11, 12, 3]);
  });

  it('a value given back inside a run of taken ones is reused; the run is skipped by probes, or once by the general path', async () => {
    const { gpu, assign, assignMany } = await poolOf('hints dense', { first: 1, last: 100 });
    await assignMany(20);
    await inventory.assignments.unassign({ owner: gpu.id, pool: 'cores', value: 5 });
    const statements = async () => {
      const before = inventory.store.queriesRun;
      const value = await assign();
      return { value, statements: inventory.store.queriesRun - before };
    };
    // probes 5..12: only 5 is free, and 6..12 are seen taken, so the hint moves to 13
    expect(await statements()).toEqual({ value: 5, statements: 1 });
    // probes 13..20 are all taken: the general path reads every value, assigns and sets the hint exactly
    expect(await statements()).toEqual({ value: 21, statements: 3 });
    expect(await statements()).toEqual({ value: 22, statements: 1 });
  });

  it('a fast auto-assign is one statement however many values the pool has given out', async () => {
    const { assign, assignMany } = await poolOf('hints flat cost', { first: 1, last: 4094 });
    await assignMany(300);
    const before = inventory.store.queriesRun;
    expect(await assign()).toBe(301);
    expect(inventory.store.queriesRun - before).toBe(1);
  });
});
