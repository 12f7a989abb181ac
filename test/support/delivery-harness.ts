import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { createDeliveryWorker } from '../../runtime/delivery-worker.js';
import { deliveryWorkflowIdOf } from '../../workflows/delivery-messages.js';
import type { reconcileHarness } from './reconcile-harness.js';

/**
 * The hub's delivery worker in this process, beside the harness's reconcile worker (register it
 * after the harness): it polls the harness's queue's delivery queue. `track` remembers a
 * subscription id; the file's subscriptions are deleted and their workflows ended afterwards.
 */
export function deliveryHarness(harness: ReturnType<typeof reconcileHarness>) {
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const subscriptionIds = new Set<string>();
  beforeAll(async () => {
    const env = harness.env();
    worker = await createDeliveryWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: harness.taskQueue,
      events: harness.inventory.events,
      subscriptions: harness.inventory.subscriptions,
      waitMs: 2_000,
    });
    running = worker.run();
  });
  afterAll(async () => {
    for (const id of subscriptionIds) {
      await harness.inventory.subscriptions.delete(id);
      await harness
        .env()
        .client.workflow.getHandle(deliveryWorkflowIdOf(id))
        .terminate('test finished')
        .catch(() => undefined);
    }
    worker?.shutdown();
    await running;
  });
  return { track: (id: string) => (subscriptionIds.add(id), id) };
}
