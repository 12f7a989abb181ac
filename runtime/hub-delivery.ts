import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { SubscriptionRepository } from '../graph/subscription-repository.js';
import { deliverEvents } from '../workflows/deliver-events.js';
import { deliveryTaskQueueOf, deliveryWorkflowIdOf } from '../workflows/delivery-messages.js';
import { reconcileTaskQueue } from '../workflows/reconcile-messages.js';
import { signalDeadlineMs } from './submission.js';
import { isTemporalUnreachable } from './temporal-availability.js';

/**
 * Starting and stopping a subscription's delivery workflow (workflows/deliver-events.ts). A
 * subscription is stored first; when Temporal cannot be reached then, its delivery starts
 * when a worker starts (`resumeDeliveries`), and loses nothing meanwhile: it begins at the
 * cursor the subscription was stored with.
 */
export interface DeliveryClient {
  client: Client;
  /** The reconcile task queue; delivery runs on `<queue>-hub`. */
  taskQueue?: string;
}

/** Starts delivery for the subscription unless it runs already; `waitingForTemporal` when Temporal is out of reach. */
export async function startDelivery(
  { client, taskQueue }: DeliveryClient,
  subscriptionId: string,
): Promise<'started' | 'waitingForTemporal'> {
  try {
    await client.withDeadline(Date.now() + signalDeadlineMs, () =>
      client.workflow.start(deliverEvents, {
        workflowId: deliveryWorkflowIdOf(subscriptionId),
        taskQueue: deliveryTaskQueueOf(taskQueue ?? reconcileTaskQueue),
        args: [subscriptionId],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    );
    return 'started';
  } catch (error) {
    if (isTemporalUnreachable(error)) return 'waitingForTemporal';
    throw error;
  }
}

/**
 * Ends a deleted subscription's delivery now (its round sees the subscription gone anyway: no
 * event goes out after the delete). Best effort: a workflow already gone or a Temporal out of
 * reach changes nothing.
 */
export async function stopDelivery({ client }: DeliveryClient, subscriptionId: string): Promise<void> {
  try {
    await client.withDeadline(Date.now() + signalDeadlineMs, () =>
      client.workflow.getHandle(deliveryWorkflowIdOf(subscriptionId)).cancel(),
    );
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError) && !isTemporalUnreachable(error)) throw error;
  }
}

/** Starts delivery for every stored subscription that has none running (a worker does this when it starts). */
export async function resumeDeliveries(deps: DeliveryClient, subscriptions: SubscriptionRepository): Promise<number> {
  const stored = await subscriptions.list();
  for (const subscription of stored) await startDelivery(deps, subscription.id);
  return stored.length;
}
