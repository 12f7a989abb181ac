import { describe, expect, it } from 'vitest';
import { lastTaskQuery, workflowIdOf } from '../../workflows/reconcile-messages.js';
import { eventually } from '../support/eventually.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { tasksScheduled } from '../support/reconcile-history.js';

/** Expectations that an instance must not exist (`exists: false`), reconciled by real workflows. */
describe('reconcile workflows: delete', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  const tasksRun = (id: string) => tasksScheduled(harness.env().client.workflow.getHandle(workflowIdOf(id)));

  it('an expectation changed to exists: false deletes its actual; its events stay; changed back, the actual is built again', async () => {
    const id = track.expectationId(uniqueId('exp-doomed'));
    expect((await harness.submit({ kind: 'Cluster', name: 'doomed', state: 'installed' }, id)).settled.status).toBe(
      'met',
    );

    const { settled } = await harness.submit({ kind: 'Cluster', name: 'doomed', exists: false }, id);
    expect(settled).toMatchObject({ status: 'met', observedGeneration: 2, outstanding: null });
    expect(await tasksRun(id)).toContain('delete');
    await expect(inventory.instances.get(id)).rejects.toMatchObject({ code: 'notFound' });
    expect(await harness.reconcilerSettled(id, 2)).toMatchObject({ status: 'met', generation: 2, outstandingCount: 0 });
    const handle = harness.env().client.workflow.getHandle(workflowIdOf(id));
    expect(await handle.query(lastTaskQuery)).toMatchObject({
      type: 'delete',
      ok: true,
      result: `deleted Cluster ${id}`,
    });
    const types = (await inventory.events.list(id)).map((event) => event.eventType);
    expect(types[0]).toBe('ResourceCreateEvent');
    expect(types.at(-1)).toBe('ResourceDeleteEvent');

    const rebuilt = await harness.submit({ kind: 'Cluster', name: 'doomed' }, id);
    expect(rebuilt.settled).toMatchObject({ status: 'met', observedGeneration: 3 });
    expect(await inventory.instances.get(id)).toMatchObject({
      id,
      name: 'doomed',
      states: { lifecycleState: 'planned' },
    });
    expect((await inventory.events.list(id)).map((event) => event.eventType).slice(-2)).toEqual([
      'ResourceDeleteEvent',
      'ResourceCreateEvent',
    ]);
  });

  it('a delete is blocked, naming the dependent, while another instance relates to the actual; once the dependent is gone, it goes through', async () => {
    const target = track.expectationId(uniqueId('exp-depended-on'));
    const dependent = track.expectationId(uniqueId('exp-dependent'));
    expect((await harness.submit({ kind: 'Cluster', name: 'depended on' }, target)).settled.status).toBe('met');
    const relating = { kind: 'Cluster', name: 'dependent', relationships: [{ alias: 'peer', type: 'uses', target }] };
    expect((await harness.submit(relating, dependent)).settled.status).toBe('met');

    const blocked = await harness.submit({ kind: 'Cluster', exists: false, blockedRetrySeconds: 1 }, target);
    expect(blocked.settled).toMatchObject({
      status: 'blocked',
      outstanding: { exists: false },
      reason: `conflict: cannot delete ${target}: ${dependent} relates to it (relationship "uses", alias "peer")`,
    });
    expect(await inventory.instances.get(target)).toMatchObject({ id: target });

    expect((await harness.submit({ kind: 'Cluster', exists: false }, dependent)).settled.status).toBe('met');
    await expect(inventory.instances.get(dependent)).rejects.toMatchObject({ code: 'notFound' });
    const met = await eventually(
      () => harness.expectations.get(target),
      (current) => current.status === 'met',
    );
    expect(met).toMatchObject({ status: 'met', outstanding: null });
    await expect(inventory.instances.get(target)).rejects.toMatchObject({ code: 'notFound' });
    expect((await tasksRun(target)).filter((name) => name === 'delete').length).toBeGreaterThanOrEqual(2);
  });
});
