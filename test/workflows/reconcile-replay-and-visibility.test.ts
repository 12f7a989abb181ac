import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { reconcileWorkflowBundle } from '../../runtime/reconcile-worker.js';
import { workflowIdOf } from '../../workflows/reconcile-messages.js';
import { uniqueId } from '../support/graph.js';
import { eventually } from '../support/eventually.js';
import { gpuWithCores } from '../support/gpu-with-cores.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

describe('reconcile workflow history and visibility', () => {
  const harness = reconcileHarness();
  const { track } = harness;

  // the recorded histories of test/workflows/histories replay in reconcile-replay.test.ts
  it("a reconciler's history: one activity per batch of tasks, observing only at start and on change; it replays", async () => {
    const gpu = { id: await gpuWithCores(harness, 'replay gpu', 4) };
    const id = track.expectationId(uniqueId('exp-replay'));
    await harness.submit(
      {
        kind: 'Cluster',
        name: 'replayed',
        assignments: [{ alias: 'core1', pool: 'cores', from: gpu.id }],
        state: 'installed',
      },
      id,
    );
    // the change comes after the reconciler has settled (it would otherwise be seen while still progressing)
    await harness.reconcilerSettled(id, 1);
    await harness.submit(
      {
        kind: 'Cluster',
        name: 'replayed',
        assignments: [
          { alias: 'core1', pool: 'cores', from: gpu.id },
          { alias: 'core2', pool: 'cores', from: gpu.id },
        ],
        state: 'installed',
      },
      id,
    );
    await harness.reconcilerSettled(id, 2);
    const handle = harness.env().client.workflow.getHandle(workflowIdOf(id));
    const history = await handle.fetchHistory();
    const activityTypes = (history.events ?? []).flatMap(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
    );
    // build, core1 and the state in one batch; the change's core2 in another
    expect(activityTypes).toEqual(['runTasks', 'runTasks']);
    // observing is a local activity (a marker in the workflow task), needed only when the
    // reconciler starts and when a change arrives: every task ends with the observation after it
    const localActivities = (history.events ?? []).filter(
      (event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    );
    expect(localActivities).toHaveLength(2);
    // a new reconciler starts as progressing (set by the submitter): search attributes are
    // upserted when it settles, and when a change sets it progressing again
    const upsertedStatuses = (history.events ?? []).flatMap((event) => {
      const status =
        event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.ReconcileStatus;
      return status?.data ? [JSON.parse(Buffer.from(status.data).toString('utf8')) as string] : [];
    });
    expect(upsertedStatuses).toEqual(['met', 'progressing', 'met']);
    // ExpectationId, KindName and the memo were set by the submitter: nothing else is upserted but
    // the SDK's TemporalChangeVersion, once, for the batched-tasks patch (docs/workflow-versioning.md)
    const upserts = (history.events ?? []).filter((event) => event.upsertWorkflowSearchAttributesEventAttributes);
    expect(upserts).toHaveLength(4);
    expect(
      upserts.filter(
        (event) =>
          event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.TemporalChangeVersion,
      ),
    ).toHaveLength(1);
    expect((history.events ?? []).filter((event) => event.workflowPropertiesModifiedEventAttributes)).toEqual([]);
    await Worker.runReplayHistory({ workflowBundle: await reconcileWorkflowBundle() }, history, workflowIdOf(id));
  });

  it('keeps search attributes current, so blocked Cluster expectations can be found in the Temporal UI', async () => {
    const id = track.expectationId(uniqueId('exp-visible'));
    const { settled } = await harness.submit(
      {
        kind: 'Cluster',
        name: 'visible',
        assignments: [{ alias: 'core1', pool: 'cores', from: uniqueId('no-such-gpu') }],
      },
      id,
    );
    expect(settled.status).toBe('blocked');
    const client = harness.env().client;
    const query = `ExpectationId = '${id}' AND KindName = 'Cluster' AND ReconcileStatus = 'blocked'`;
    const listed = async () => {
      const ids: string[] = [];
      for await (const workflow of client.workflow.list({ query })) ids.push(workflow.workflowId);
      return ids;
    };
    const found = await eventually(listed, (ids) => ids.length > 0, 10_000);
    expect(found).toEqual([workflowIdOf(id)]);
    const description = await client.workflow.getHandle(workflowIdOf(id)).describe();
    expect(description.memo).toMatchObject({ name: 'visible', actualId: id });
    // the batch (build, assign) failed at the assign and left nothing: name and assignment are outstanding
    expect(description.typedSearchAttributes.get({ name: 'OutstandingCount', type: 'INT' } as never)).toBe(2);
  });
});

describe('resync', () => {
  const harness = reconcileHarness();

  it('the sweeper workflow starts a reconciler for an expectation stored while no worker or signal reached Temporal', async () => {
    const { resync } = await import('../../workflows/resync.js');
    const id = harness.track.expectationId(uniqueId('exp-orphan'));
    await harness.expectations.create({ kind: 'Cluster', name: 'orphan', state: 'installed' }, id); // stored only: no workflow
    expect((await harness.expectations.get(id)).status).toBe('pending');
    const visited = await harness
      .env()
      .client.workflow.execute(resync, { taskQueue: harness.taskQueue, workflowId: uniqueId('resync') });
    expect(visited).toBe(1);
    const { waitForSettled } = await import('../../runtime/submission.js');
    expect((await waitForSettled(harness.expectations, id, { timeoutMs: 30_000 })).status).toBe('met');
    expect((await harness.inventory.instances.get(id)).states.lifecycleState).toBe('installed');
  });
});
