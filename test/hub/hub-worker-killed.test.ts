import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startDelivery } from '../../runtime/hub-delivery.js';
import { deliveryWorkflowIdOf } from '../../workflows/delivery-messages.js';
import { diffoProcessOptions } from '../support/diffo-process.js';
import { eventually } from '../support/eventually.js';
import { eventListener, receivedAt } from '../support/event-listener.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * Kill -9 the worker process while it delivers to a slow listener, start a new one: every event
 * arrives, in order; what came twice came with the same eventId.
 */
describe('hub delivery through a worker crash', () => {
  // the harness's in-process worker reconciles; delivery runs in a child worker process on a queue of its own
  const harness = reconcileHarness();
  const listener = eventListener();
  const startWorker = (taskQueue: string): ChildProcess =>
    spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/diffo.ts', 'worker', '--task-queue', taskQueue, '--resync-minutes', '60'],
      { ...diffoProcessOptions(), stdio: ['ignore', 'ignore', 'pipe'] },
    );
  const stop = async (worker: ChildProcess, signal: NodeJS.Signals) => {
    worker.kill(signal);
    await new Promise((resolve) => worker.once('exit', resolve));
  };

  it('nothing lost, in order, duplicates only with the same eventId', async () => {
    const names = [1, 2, 3, 4].map((index) => uniqueId(`killed-${index}`));
    const deliveryQueue = uniqueId('hub-crash-queue');
    const subscription = await harness.inventory.subscriptions.create({
      instanceType: 'resource',
      version: 'v4',
      callback: `${listener.url}/crash`,
      query: `event.resource.name=${names.join(',')}`,
      baseUrl: 'http://diffo.example',
    });
    const client = { client: harness.env().client, taskQueue: deliveryQueue };
    try {
      listener.delayMs = 300; // a slow subscriber: the kill lands mid-batch
      for (const name of names) {
        const id = harness.track.expectationId(uniqueId('killed-exp'));
        expect((await harness.submit({ kind: 'Cluster', name, state: 'installed' }, id)).settled.status).toBe('met');
      }
      const recorded = (
        await harness.inventory.events.eventsAfter(subscription.cursor, 1000, { instanceType: 'resource' })
      )
        .filter((event) => event.instance && names.includes(event.instance.name ?? ''))
        .map((event) => event.key);
      expect(recorded.length).toBeGreaterThanOrEqual(names.length * 2);

      expect(await startDelivery(client, subscription.id)).toBe('started');
      const first = startWorker(deliveryQueue);
      await eventually(
        () => Promise.resolve(receivedAt(listener.received, '/crash').length),
        (count) => count >= 3,
        60_000,
        50,
      );
      await stop(first, 'SIGKILL');
      const atKill = receivedAt(listener.received, '/crash').length;
      expect(atKill).toBeLessThan(recorded.length); // killed mid-delivery

      listener.delayMs = 0;
      const second = startWorker(deliveryQueue);
      try {
        const arrived = await eventually(
          () => Promise.resolve(receivedAt(listener.received, '/crash').map((delivery) => delivery.body.eventId)),
          (ids) => recorded.every((id) => ids.includes(id)),
          90_000,
        );
        expect([...new Set(arrived)]).toEqual(recorded);
        expect(arrived.filter((id) => !recorded.includes(id))).toEqual([]);
      } finally {
        await stop(second, 'SIGTERM');
      }
    } finally {
      await harness.inventory.subscriptions.delete(subscription.id);
      await client.client.workflow
        .getHandle(deliveryWorkflowIdOf(subscription.id))
        .terminate('test finished')
        .catch(() => undefined);
    }
  }, 240_000);
});
