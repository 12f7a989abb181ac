import { describe, expect, it } from 'vitest';
import { Cluster, GPU } from '../../examples/compute/index.js';
import { AssignmentRepository } from '../../graph/assignment-repository.js';
import { GraphStore } from '../../graph/graph-store.js';
import type { AssignmentAlgorithm } from '../../model/pool.js';
import { InventoryError } from '../../model/inventory-error.js';
import { graphConnection } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

/**
 * Concurrent auto-assigns to one pool are served in batches (graph/assignment-batch.ts): one
 * transaction gives several waiting callers the lowest free values, in the order they asked.
 */
describe('auto-assign in batches', () => {
  const { inventory, driver, track } = testInventory();
  const byValue = (a: number, b: number) => a - b;
  const range = (first: number, count: number) => Array.from({ length: count }, (_, index) => first + index);

  async function poolOf(name: string, last = 1_000, algorithm: AssignmentAlgorithm = 'lowest') {
    const gpu = track.instance(await inventory.instances.build(GPU, { name }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last, algorithm } } });
    const cluster = track.instance(await inventory.instances.build(Cluster, { name: `${name} cluster` }));
    return { owner: gpu.id, assignee: cluster.id };
  }

  /** `callers` callers, each auto-assigning `perCaller` times in a row through `repositories` (round robin): each caller's values. */
  const callersAssign = (
    pool: { owner: string; assignee: string },
    callers: number,
    perCaller: number,
    repositories: AssignmentRepository[] = [inventory.assignments],
  ) =>
    Promise.all(
      Array.from({ length: callers }, async (_, caller) => {
        const mine: number[] = [];
        const repository = repositories[caller % repositories.length]!;
        for (let index = 0; index < perCaller; index += 1) {
          mine.push((await repository.assign({ owner: pool.owner, pool: 'cores', assignee: pool.assignee })).value);
        }
        return mine;
      }),
    );

  it('16 concurrent callers get unique values, exactly the lowest ones, in fewer transactions than values', async () => {
    const pool = await poolOf('batched lowest');
    const before = inventory.store.queriesRun;
    const values = await callersAssign(pool, 16, 5);
    const statements = inventory.store.queriesRun - before;
    expect(values.flat().sort(byValue)).toEqual(range(1, 80));
    // each caller's next request waits for a later batch, which gives higher values
    for (const mine of values) expect(mine).toEqual([...mine].sort(byValue));
    expect(statements).toBeLessThan(80);
    const stored = await inventory.assignments.list({ owner: pool.owner, pool: 'cores' });
    expect(stored.map((assignment) => assignment.value)).toEqual(range(1, 80));
  });

  it('strictly lowest-first per batch: requests made together get the lowest free values in the order they asked', async () => {
    const pool = await poolOf('batched order');
    const values = await Promise.all(
      range(0, 16).map(async () => (await inventory.assignments.assign({ ...pool, pool: 'cores' })).value),
    );
    expect(values).toEqual(range(1, 16));
    await inventory.assignments.unassign({ owner: pool.owner, pool: 'cores', value: 4 });
    await inventory.assignments.unassign({ owner: pool.owner, pool: 'cores', value: 9 });
    const again = await Promise.all(
      range(0, 4).map(async () => (await inventory.assignments.assign({ ...pool, pool: 'cores' })).value),
    );
    expect(again).toEqual([4, 9, 17, 18]);
  });

  it('highest-first pools are batched the other way round', async () => {
    const pool = await poolOf('batched highest', 100, 'highest');
    const values = await callersAssign(pool, 16, 3);
    expect(values.flat().sort(byValue)).toEqual(range(53, 48));
  });

  it('a failing request in a batch fails alone, with its own reason: the others get the lowest values', async () => {
    const pool = await poolOf('batched failures');
    await inventory.assignments.assign({ ...pool, pool: 'cores', alias: 'held' });
    const outcomes = await Promise.allSettled([
      inventory.assignments.assign({ ...pool, pool: 'cores' }),
      inventory.assignments.assign({ ...pool, pool: 'cores', assignee: 'no-such-assignee' }),
      inventory.assignments.assign({ ...pool, pool: 'cores', alias: 'held' }),
      inventory.assignments.assign({ ...pool, pool: 'cores', alias: 'twice' }),
      inventory.assignments.assign({ ...pool, pool: 'cores', alias: 'twice' }),
      inventory.assignments.assign({ ...pool, pool: 'cores' }),
    ]);
    const told = outcomes.map((outcome) =>
      outcome.status === 'fulfilled'
        ? outcome.value.value
        : `${(outcome.reason as InventoryError).code}: ${(outcome.reason as Error).message}`,
    );
    expect(told[1]).toBe('notFound: assignee: no instance with id no-such-assignee');
    expect(told[2]).toMatch(/^conflict: alias: .* already holds an assignment in slot "held"$/);
    expect(told.filter((outcome) => typeof outcome === 'string' && /slot "twice"/.test(outcome))).toHaveLength(1);
    const given = told.filter((outcome): outcome is number => typeof outcome === 'number').sort(byValue);
    expect(given).toEqual([2, 3, 4]); // 1 is "held"
    const stored = await inventory.assignments.list({ owner: pool.owner, pool: 'cores' });
    expect(stored.map((assignment) => assignment.value)).toEqual([1, 2, 3, 4]);
  });

  it('across processes the pool lock and the valueKey constraint keep values unique', async () => {
    const pool = await poolOf('batched processes');
    // another process: a repository of its own, so batches of its own, racing this one's
    const other = new AssignmentRepository(new GraphStore(driver, graphConnection().database));
    // and a writer that takes value 3 by hand, under neither the lock nor the hints
    const session = driver.session({ database: graphConnection().database });
    const byHand = await session.beginTransaction();
    await byHand.run(
      `MATCH (o:Instance {id: $owner}), (x:Instance {id: $assignee})
       CREATE (o)-[:ASSIGNED_TO {pool: 'cores', thing: 'core', value: 3, valueKey: $owner + '/cores/3'}]->(x)`,
      pool,
    );
    const assigning = callersAssign(pool, 16, 4, [inventory.assignments, other]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await byHand.commit();
    await session.close();
    const values = (await assigning).flat().sort(byValue);
    expect(new Set(values).size).toBe(64);
    expect(values).not.toContain(3);
    const stored = await inventory.assignments.list({ owner: pool.owner, pool: 'cores' });
    expect(new Set(stored.map((assignment) => assignment.value)).size).toBe(65);
  });
});
