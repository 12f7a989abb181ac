import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDeliveryActivities, type DeliveryDependencies } from '../activities/deliver-events.js';
import type { Inventory } from '../graph/inventory.js';
import { reconcileTaskQueue } from '../workflows/reconcile-messages.js';
import { deliveryTaskQueueOf } from '../workflows/delivery-messages.js';
import { resumeDeliveries } from './hub-delivery.js';
import { reconcileWorkflowBundle } from './reconcile-worker.js';

/**
 * The hub's delivery worker: the same workflow bundle, polling the delivery task queue beside
 * the reconcile one (`<queue>-hub`) with the delivery activity only. Its own activity slots
 * (default 50: one per subscriber being delivered to at once) keep a subscriber that is slow or
 * down from taking the reconcilers' slots.
 */
export interface DeliveryWorkerOptions extends DeliveryDependencies {
  connection: NativeConnection;
  namespace: string;
  /** The reconcile task queue; delivery polls `<queue>-hub`. */
  taskQueue?: string;
  maxConcurrentDeliveries?: number;
}

export async function createDeliveryWorker(options: DeliveryWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: deliveryTaskQueueOf(options.taskQueue ?? reconcileTaskQueue),
    workflowBundle: await reconcileWorkflowBundle(),
    activities: createDeliveryActivities(options),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentDeliveries ?? 50,
    maxCachedWorkflows: 200,
  });
}

/**
 * The delivery worker of a worker process: created, then run until the process shuts down,
 * with every stored subscription's delivery started (one whose start failed while Temporal
 * was down gets it now).
 */
export async function runDeliveryWorker(
  options: Omit<DeliveryWorkerOptions, 'events' | 'subscriptions'> & { inventory: Inventory; client: Client },
  log: (message: string) => void,
): Promise<void> {
  const { inventory, client, taskQueue } = options;
  const worker = await createDeliveryWorker({
    ...options,
    events: inventory.events,
    subscriptions: inventory.subscriptions,
  });
  log(`hub delivery polling task queue ${worker.options.taskQueue}`);
  await Promise.all([
    worker.run(),
    resumeDeliveries({ client, ...(taskQueue ? { taskQueue } : {}) }, inventory.subscriptions).then(
      (count) => log(`hub: ${count} subscription(s) have a delivery workflow`),
      (error: unknown) =>
        log(`hub: starting deliveries failed (${String(error)}); each starts when it is next created`),
    ),
  ]);
}
