import { describe, expect, it } from 'vitest';
import { GPU } from '../../examples/compute/index.js';
import { BroadbandV2, RSP } from '../../examples/nbn/index.js';
import { lastTaskQuery, outstandingQuery, statusQuery, workflowIdOf } from '../../workflows/reconcile-messages.js';
import { uniqueId } from '../support/graph.js';
import { eventually } from '../support/eventually.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/** The seed scenarios as expectations, reconciled by real workflows on the real Temporal server. */
describe('reconcile workflows', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;

  const gpuWithCores = async (name: string, last: number) => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last } } });
    return gpu.id;
  };
  const slots = (count: number, from: (index: number) => string) =>
    Array.from({ length: count }, (_, index) => ({ alias: `core${index + 1}`, pool: 'cores', from: from(index) }));

  it('Compute: 3 cores from gpu_1 and 1 from gpu_2 → met; changed to 5 cores → met again', async () => {
    const gpu1 = await gpuWithCores('gpu_1', 680);
    const gpu2 = await gpuWithCores('gpu_2', 680);
    const id = track.expectationId(uniqueId('exp-cluster'));
    const intent = {
      kind: 'Cluster',
      name: 'cluster_1',
      characteristics: { cluster: { gpuCores: 4 } },
      assignments: slots(4, (index) => (index < 3 ? gpu1 : gpu2)),
      state: 'installed',
    };
    const { submission, settled } = await harness.submit(intent, id);
    expect(submission).toEqual({ id, generation: 1, workflowId: workflowIdOf(id), reconciler: 'signalled' });
    expect(settled).toMatchObject({ status: 'met', observedGeneration: 1, outstanding: null, actualId: id });
    expect((await inventory.instances.get(id)).assignments).toHaveLength(4);

    const handle = harness.env().client.workflow.getHandle(workflowIdOf(id));
    // the graph says met when the batch's transaction commits; the workflow, once it has the activity's result
    const state = await eventually(
      () => handle.query(statusQuery),
      (current) => current.status === 'met',
    );
    expect(state).toMatchObject({ status: 'met', generation: 1, outstandingCount: 0 });
    expect(await handle.query(lastTaskQuery)).toMatchObject({
      type: 'transition',
      ok: true,
      result: `moved ${id} to installed`,
    });

    const five = {
      ...intent,
      characteristics: { cluster: { gpuCores: 5 } },
      assignments: slots(5, (index) => (index < 3 ? gpu1 : gpu2)),
    };
    const again = await harness.submit(five, id);
    expect(again.submission.generation).toBe(2);
    expect(again.settled).toMatchObject({ status: 'met', observedGeneration: 2 });
    const cluster = await inventory.instances.get(id);
    expect(cluster.assignments.map((assignment) => assignment.alias).sort()).toEqual([
      'core1',
      'core2',
      'core3',
      'core4',
      'core5',
    ]);
    expect(cluster.characteristics).toContainEqual({ name: 'cluster', value: { gpuCores: 5, npuCores: 0 } });
  });

  it('NBN: a V1 expectation changed to major version 2 is respecified', async () => {
    const rsp = track.party(await inventory.parties.create(RSP.name, { id: uniqueId('rsp') }));
    const id = track.expectationId(uniqueId('exp-bb'));
    const v1 = {
      kind: 'Broadband',
      name: 'acme-broadband-001',
      parties: [{ role: 'provider', id: rsp.id }],
      characteristics: { broadband: { technology: 'fttp' } },
    };
    expect((await harness.submit(v1, id)).settled.status).toBe('met');
    const v2 = await harness.submit({ ...v1, specification: { major: 2 }, state: 'active' }, id);
    expect(v2.settled).toMatchObject({ status: 'met', observedGeneration: 2 });
    expect(await inventory.instances.get(id)).toMatchObject({
      kind: 'BroadbandV2',
      specification: { id: BroadbandV2.specification.id },
      states: { state: 'active' },
    });
  });

  it('pool exhausted → blocked with a reason; the pool grown by an expectation on the GPU → met', async () => {
    const gpu = await gpuWithCores('tiny gpu', 1);
    const id = track.expectationId(uniqueId('exp-hungry'));
    const { settled } = await harness.submit(
      { kind: 'Cluster', name: 'hungry', assignments: slots(2, () => gpu), blockedRetrySeconds: 1 },
      id,
    );
    expect(settled.status).toBe('blocked');
    expect(settled.reason).toMatch(/^poolExhausted: pool: .* is exhausted \(1\.\.1 all assigned\)$/);
    const handle = harness.env().client.workflow.getHandle(workflowIdOf(id));
    expect(await handle.query(statusQuery)).toMatchObject({ status: 'blocked', reason: settled.reason });
    // the batch (build, core1, core2) failed at core2 and left nothing: all of it is outstanding
    expect(await handle.query(outstandingQuery)).toEqual({
      name: 'hungry',
      assignments: [
        { alias: 'core1', pool: 'cores', from: { id: gpu } },
        { alias: 'core2', pool: 'cores', from: { id: gpu } },
      ],
    });

    const gpuExpectation = track.expectationId(uniqueId('exp-gpu'));
    const grown = await harness.submit({ kind: 'GPU', actualId: gpu, pools: { cores: { last: 8 } } }, gpuExpectation);
    expect(grown.settled.status).toBe('met');
    const met = await eventually(
      () => harness.expectations.get(id),
      (current) => current.status === 'met',
    );
    expect(met.status).toBe('met');
    expect((await inventory.instances.get(id)).assignments).toHaveLength(2);
  });

  it('drift: a core unassigned out of band is repaired after the drift timer', async () => {
    const gpu = await gpuWithCores('drift gpu', 16);
    const id = track.expectationId(uniqueId('exp-drift'));
    expect(
      (
        await harness.submit(
          { kind: 'Cluster', name: 'drifting', assignments: slots(2, () => gpu), driftSeconds: 1 },
          id,
        )
      ).settled.status,
    ).toBe('met');
    await inventory.assignments.unassign({ assignee: id, alias: 'core2' });
    const slotsHeld = await eventually(
      async () => (await inventory.instances.get(id)).assignments.length,
      (held) => held >= 2,
    );
    expect(slotsHeld).toBe(2);
  });

  it('a forbidden relationship role blocks the expectation with the reason (or is refused when it can be told up front)', async () => {
    const gpu = await gpuWithCores('unrelatable gpu', 1);
    const id = track.expectationId(uniqueId('exp-forbidden'));
    // Cluster may be the source of any relationship, but a GPU may not be a target: only the graph can tell
    const { settled } = await harness.submit(
      { kind: 'Cluster', name: 'relating', relationships: [{ alias: 'accelerator', type: 'uses', target: gpu }] },
      id,
    );
    expect(settled.status).toBe('blocked');
    expect(settled.reason).toBe(
      'notPermitted: relationships.0.alias: GPU may not be the target of a relationship with alias "accelerator" (permitted: "none")',
    );
    // a GPU may not be a source at all: refused at submission, nothing stored
    await expect(
      harness.submitOnly(
        { kind: 'GPU', relationships: [{ alias: 'peer', type: 'uses', target: id }] },
        uniqueId('exp-refused'),
      ),
    ).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('relationships.0.alias: GPU may not be the source'),
    });
  });

  it('deleting an expectation completes its workflow and leaves the actual', async () => {
    const id = track.expectationId(uniqueId('exp-gone'));
    await harness.submit({ kind: 'Cluster', name: 'short-lived' }, id);
    const { withdrawExpectation } = await import('../../runtime/submission.js');
    await withdrawExpectation({ client: harness.env().client, expectations: harness.expectations }, id);
    await harness.env().client.workflow.getHandle(workflowIdOf(id)).result();
    expect((await inventory.instances.get(id)).name).toBe('short-lived');
  });
});

describe('continue-as-new', () => {
  const harness = reconcileHarness();

  it('continues as new after its iterations, carrying only the expectation id, and keeps reconciling', async () => {
    const { reconcile } = await import('../../workflows/reconcile.js');
    const id = harness.track.expectationId(uniqueId('exp-can'));
    await harness.expectations.create({ kind: 'Cluster', name: 'long-lived', driftSeconds: 1 }, id);
    const client = harness.env().client;
    const taskQueue = harness.deps().taskQueue!;
    const first = await client.workflow.start(reconcile, {
      workflowId: workflowIdOf(id),
      taskQueue,
      args: [{ expectationId: id, iterationsPerRun: 2 }],
    });
    const runs = new Set<string>([first.firstExecutionRunId]);
    await eventually(
      async () => runs.add((await client.workflow.getHandle(workflowIdOf(id)).describe()).runId).size,
      (seen) => seen >= 3,
    );
    expect(runs.size).toBeGreaterThanOrEqual(3);
    const latest = await client.workflow.getHandle(workflowIdOf(id)).describe();
    expect(latest.status.name).toBe('RUNNING');
    expect((await harness.expectations.get(id)).status).toBe('met');
  });
});

describe('an expectation the worker cannot read', () => {
  const harness = reconcileHarness();

  it('keeps the workflow running and blocked with the reason (e.g. a kind this worker does not know)', async () => {
    const { signalReconciler } = await import('../../runtime/submission.js');
    const id = harness.track.expectationId(uniqueId('exp-unknown-kind'));
    const now = new Date().toISOString();
    // as if written by a worker with other domains: this worker's registry has no "Router"
    await harness.inventory.store.write((tx) =>
      tx.run(
        `CREATE (e:Expectation {id: $id, kind: 'Router', name: null, bodyJson: '{"kind":"Router"}', generation: 1, observedGeneration: 0,
                 status: 'pending', outstandingJson: null, reason: null, createdAt: $now, updatedAt: $now})`,
        { id, now },
      ),
    );
    await signalReconciler(harness.deps(), { id, kind: 'Router' });
    const handle = harness.env().client.workflow.getHandle(workflowIdOf(id));
    const state = await eventually(
      () => handle.query(statusQuery),
      (current) => current.status === 'blocked',
      20_000,
    );
    expect(state).toMatchObject({
      status: 'blocked',
      reason: expect.stringContaining('cannot observe: invalidExpectation'),
    });
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });
});
