import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { GPU } from '../../examples/compute/index.js';
import { signalReconciler } from '../../runtime/submission.js';
import { diffoProcessOptions } from '../support/diffo-process.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * Kill -9 the worker process while it converges 50 expectations, start a new one: all
 * converge, and the graph holds no duplicate instances, assignments or relationships.
 */
describe('worker crash', () => {
  // the in-process worker of the harness polls another queue; the crashing worker is a child process
  const harness = reconcileHarness();
  const { inventory, track } = harness;

  const startWorker = (taskQueue: string): ChildProcess =>
    spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/diffo.ts', 'worker', '--task-queue', taskQueue, '--resync-minutes', '60'],
      { ...diffoProcessOptions(), stdio: ['ignore', 'ignore', 'pipe'] },
    );

  const statuses = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await harness.expectations.get(id)).status));

  it('converges all 50 expectations after the worker is killed mid-way, without duplicates', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'crash gpu' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 1000 } } });
    const taskQueue = uniqueId('crash-queue');
    const ids: string[] = [];
    for (let index = 0; index < 50; index += 1) {
      const id = track.expectationId(uniqueId(`exp-crash-${index}`));
      const stored = await harness.expectations.create(
        {
          kind: 'Cluster',
          name: `crash-${index}`,
          assignments: [{ alias: 'core1', pool: 'cores', from: gpu.id }],
          state: 'installed',
        },
        id,
      );
      await signalReconciler({ ...harness.deps(), taskQueue }, stored);
      ids.push(id);
    }

    const first = startWorker(taskQueue);
    let met = 0;
    for (let waited = 0; waited < 60_000 && met < 5; waited += 200) {
      await sleep(200);
      met = (await statuses(ids)).filter((status) => status === 'met').length;
    }
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const metAtCrash = (await statuses(ids)).filter((status) => status === 'met').length;
    expect(metAtCrash).toBeGreaterThanOrEqual(5);
    expect(metAtCrash).toBeLessThan(50); // the crash really happened mid-way

    const second = startWorker(taskQueue);
    try {
      for (let waited = 0; waited < 120_000 && met < 50; waited += 500) {
        await sleep(500);
        met = (await statuses(ids)).filter((status) => status === 'met').length;
      }
      expect(met).toBe(50);
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    }

    const counts = await inventory.store.read((tx) =>
      tx.run(
        `MATCH (i:Instance) WHERE i.id IN $ids
         RETURN count(i) AS instances,
                sum(COUNT { (:Instance)-[:ASSIGNED_TO]->(i) }) AS assignments,
                sum(COUNT { (i)-[:HAS_CHARACTERISTIC]->() }) AS characteristics`,
        { ids },
      ),
    );
    expect(counts.records[0]!.toObject()).toEqual({ instances: 50, assignments: 50, characteristics: 50 });
    await harness.env().client.schedule.getHandle(`diffo-resync-${taskQueue}`).delete(); // the workers' resync schedule
    const values = (await inventory.assignments.list({ owner: gpu.id })).map((assignment) => assignment.value);
    expect(new Set(values).size).toBe(50);
    for (const id of ids) expect((await inventory.instances.get(id)).states.lifecycleState).toBe('installed');
  });
}, 240_000);
