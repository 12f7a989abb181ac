import { describe, expect, it } from 'vitest';
import { workflowTasksOf } from '../../bench/workflow-tasks.js';
import { signalReconciler, waitForSettled } from '../../runtime/submission.js';
import { statusQuery, workflowIdOf } from '../../workflows/reconcile-messages.js';
import { eventually } from '../support/eventually.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * The resync sweep starts the reconcilers that are missing and wakes none that runs and has seen
 * its expectation's latest generation: over met expectations it creates no workflow task.
 */
describe('the resync sweep', () => {
  const harness = reconcileHarness();
  const { track } = harness;
  const intent = (name: string, state = 'planned') => ({ kind: 'Cluster', name, state });
  const count = 4;

  /** The reconciler's own status (a query: no event in its history). */
  const statusOf = async (id: string) =>
    (await harness.env().client.workflow.getHandle(workflowIdOf(id)).query(statusQuery)).status;

  /**
   * `count` met expectations with running reconcilers, each idle: met in the graph, and the
   * workflow task after its last task has run (its status says met).
   */
  async function metExpectations(prefix: string): Promise<string[]> {
    const ids = Array.from({ length: count }, () => track.expectationId(uniqueId(prefix)));
    await Promise.all(ids.map((id) => harness.submit(intent(id), id)));
    const statuses = await eventually(
      () => Promise.all(ids.map(statusOf)),
      (found) => found.every((status) => status === 'met'),
    );
    expect(statuses).toEqual(ids.map(() => 'met'));
    return ids;
  }
  const tasksOf = (ids: string[]) => workflowTasksOf(harness.env().client, ids.map(workflowIdOf));

  it('over met expectations whose reconcilers all run, it creates no workflow task (a signal would)', async () => {
    const ids = await metExpectations('exp-sweep-met');
    const before = await tasksOf(ids);
    expect(await harness.resync()).toBe(track.expectationIds().length);
    expect(await tasksOf(ids)).toBe(before);
    // the measure sees a wake-up: signalling one reconciler is one more workflow task
    await signalReconciler(harness.deps(), { id: ids[0]!, kind: 'Cluster' });
    expect(await tasksOf(ids)).toBe(before + 1);
  });

  it('starts a missing reconciler, and wakes one that has not observed the latest generation', async () => {
    const [ended, behind, untouched] = await metExpectations('exp-sweep-missing');
    await harness.env().client.workflow.getHandle(workflowIdOf(ended!)).terminate('lost');
    const orphan = track.expectationId(uniqueId('exp-sweep-orphan'));
    await harness.expectations.create(intent('orphan'), orphan); // stored only: no workflow
    // a new generation whose signal never reached the reconciler
    const changed = await harness.expectations.update(behind!, intent(behind!, 'installed'));
    const untouchedTasks = await tasksOf([untouched!]);

    await harness.resync();

    for (const id of [ended!, orphan]) {
      const description = await harness.env().client.workflow.getHandle(workflowIdOf(id)).describe();
      expect(description.status.name).toBe('RUNNING');
      expect((await waitForSettled(harness.expectations, id, { timeoutMs: 30_000 })).status).toBe('met');
    }
    const settled = await waitForSettled(harness.expectations, behind!, {
      generation: changed.generation,
      timeoutMs: 30_000,
    });
    expect(settled.status).toBe('met');
    expect((await harness.inventory.instances.get(behind!)).states.lifecycleState).toBe('installed');
    expect(await tasksOf([untouched!])).toBe(untouchedTasks);
  });

  it('a worker restarted over running reconcilers, with its resync at start, replays none of them', async () => {
    const ids = await metExpectations('exp-sweep-restart');
    const before = await tasksOf(ids);
    await harness.restartWorker();
    await harness.resync();
    expect(await tasksOf(ids)).toBe(before);
    // the new worker serves them: a change is observed as before
    await signalReconciler(harness.deps(), { id: ids[0]!, kind: 'Cluster' });
    expect(await tasksOf(ids)).toBe(before + 1);
    expect((await waitForSettled(harness.expectations, ids[0]!, { timeoutMs: 30_000 })).status).toBe('met');
  });
});
