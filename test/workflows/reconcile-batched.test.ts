import type { ActivityInterceptorsFactory, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaitsForRepository } from '../../graph/waits-for-repository.js';
import { createReconcileWorker } from '../../runtime/reconcile-worker.js';
import { submitExpectation, waitForSettled } from '../../runtime/submission.js';
import { lastTaskQuery, workflowIdOf } from '../../workflows/reconcile-messages.js';
import { uniqueId } from '../support/graph.js';
import { gpuWithCores as gpuWithCoresOf } from '../support/gpu-with-cores.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { activitiesIn, settledHistory } from '../support/reconcile-history.js';

describe('reconcile: the tasks that can be done together, in one activity and one transaction', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;

  const gpuWithCores = (name: string, last: number) => gpuWithCoresOf(harness, name, last);
  const cluster = (gpu: string, cores: number) => ({
    kind: 'Cluster',
    name: 'batched',
    assignments: Array.from({ length: cores }, (_, index) => ({ alias: `core${index + 1}`, pool: 'cores', from: gpu })),
    state: 'installed',
    blockedRetrySeconds: 600,
  });
  const clusterKeys = (id: string) => [
    `${id}/g1/build/${id}`,
    `${id}/g1/assign/core1`,
    `${id}/g1/assign/core2`,
    `${id}/g1/assign/core3`,
    `${id}/g1/assign/core4`,
    `${id}/g1/transition/planned->installed`,
  ];

  it('a cluster with four cores and its state converges in at most 2 activities, which name the tasks; each task records its own event', async () => {
    const gpu = await gpuWithCores('batched gpu', 16);
    const id = track.expectationId(uniqueId('exp-batched'));
    const { settled } = await harness.submit(cluster(gpu, 4), id);
    expect(settled.status).toBe('met');

    const handle = harness.env().client.workflow.getHandle(workflowIdOf(id));
    const { scheduled, results } = activitiesIn(await settledHistory(handle));
    expect(scheduled.length).toBeLessThanOrEqual(2);
    expect(scheduled.map((activity) => activity.name)).toEqual(['runTasks']);
    expect(scheduled[0]!.tasks.map((task) => task.key)).toEqual(clusterKeys(id));
    expect(results[0]?.done?.map((done) => done.key)).toEqual(clusterKeys(id));
    expect(results[0]?.done?.at(-1)).toEqual({
      type: 'transition',
      key: `${id}/g1/transition/planned->installed`,
      outcome: `moved ${id} to installed`,
    });

    const events = await inventory.events.list(id);
    expect(events.map((event) => event.key)).toEqual(clusterKeys(id));
    expect(events[0]!.eventType).toBe('ResourceCreateEvent');
    expect((await inventory.instances.get(id)).assignments).toHaveLength(4);
    expect(await handle.query(lastTaskQuery)).toMatchObject({ type: 'transition', ok: true });
  });

  it("a batch failing half-way leaves nothing behind and blocks with that task's reason", async () => {
    const gpu = await gpuWithCores('one-core gpu', 1);
    const id = track.expectationId(uniqueId('exp-half-way'));
    const { settled } = await harness.submit(cluster(gpu, 2), id);
    expect(settled.status).toBe('blocked');
    // the second assignment found the pool exhausted: the first took its only value, in the same transaction
    expect(settled.reason).toMatch(/^poolExhausted: pool: .* is exhausted \(1\.\.1 all assigned\)$/);

    const handle = harness.env().client.workflow.getHandle(workflowIdOf(id));
    expect(await handle.query(lastTaskQuery)).toEqual({
      type: 'assign',
      key: `${id}/g1/assign/core2`,
      ok: false,
      result: settled.reason,
    });
    // nothing of the batch was written: no cluster, no value given out, no event
    await expect(inventory.instances.get(id)).rejects.toMatchObject({ code: 'notFound' });
    expect((await inventory.instances.get(gpu)).givenAssignments).toEqual([]);
    expect(await inventory.events.list(id)).toEqual([]);
    const { scheduled } = activitiesIn(await settledHistory(handle));
    expect(scheduled.map((activity) => activity.name)).toEqual(['runTasks', 'recordBlocked']);
    // recordBlocked was handed the task and its batch: the wait is for both values the batch takes
    expect(await new WaitsForRepository(inventory.store).of(id)).toEqual([
      { cause: 'capacity', owner: gpu, pool: 'cores', needed: 2 },
    ]);
  });

  describe('a batch retried after its transaction committed (its completion lost)', () => {
    const taskQueue = uniqueId('reconcile-batch-retry');
    const lostOnce = new Set<string>();
    /** The first attempt of `runTasks` commits, then its completion is lost: Temporal runs it again. */
    const losingFirstCompletion: ActivityInterceptorsFactory = (context) => ({
      inbound: {
        async execute(input, next) {
          const result = await next(input);
          const expectationId = input.args[1] as string;
          if (context.info.activityType === 'runTasks' && !lostOnce.has(expectationId)) {
            lostOnce.add(expectationId);
            throw new Error('the worker lost the completion after the transaction committed');
          }
          return result;
        },
      },
    });
    let worker: Worker;
    let running: Promise<void>;
    beforeAll(async () => {
      const env = harness.env();
      worker = await createReconcileWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        inventory,
        expectations: harness.expectations,
        activityInterceptors: [losingFirstCompletion],
      });
      running = worker.run();
    });
    afterAll(async () => {
      worker?.shutdown();
      await running;
    });

    it('does nothing twice: no second value, no second event, and its second attempt reports no task done', async () => {
      const gpu = await gpuWithCores('retried gpu', 16);
      const id = track.expectationId(uniqueId('exp-retried'));
      const deps = { client: harness.env().client, expectations: harness.expectations, taskQueue };
      const { generation } = await submitExpectation(deps, cluster(gpu, 4), id);
      expect((await waitForSettled(harness.expectations, id, { generation, timeoutMs: 60_000 })).status).toBe('met');

      const handle = harness.env().client.workflow.getHandle(workflowIdOf(id));
      const { scheduled, results, attempts } = activitiesIn(await settledHistory(handle));
      expect(scheduled.map((activity) => activity.name)).toEqual(['runTasks']);
      expect(attempts).toEqual([2]); // the started event of a retried activity is written with its last attempt
      expect(results).toEqual([expect.objectContaining({ done: [] })]);
      expect(lostOnce.has(id)).toBe(true);

      expect((await inventory.events.list(id)).map((event) => event.key)).toEqual(clusterKeys(id));
      expect((await inventory.instances.get(id)).assignments).toHaveLength(4);
      expect((await inventory.instances.get(gpu)).givenAssignments).toHaveLength(4);
    });
  });
});
