import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { DeliveryActivities } from '../activities/deliver-events.js';

const { deliverEventBatch } = proxyActivities<DeliveryActivities>({
  // a batch is at most 100 callbacks of at most 10 s each; a worker killed mid-batch is found by its silence
  startToCloseTimeout: '20 minutes',
  heartbeatTimeout: '15 seconds',
  // a subscriber that is down: retried forever, 1 s, 2 s, 4 s … then every 30 s
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** Rounds before the workflow continues as new: its history stays a few hundred events long. */
export const deliveryRoundsPerRun = 200;

/**
 * One subscription's delivery, for as long as the subscription exists: each round is one
 * activity that waits for events after the subscription's cursor and posts them to the
 * callback in order (activities/deliver-events.ts). Every fact lives in Neo4j — the cursor
 * among them — so the workflow holds nothing but the subscription's id: a round that fails
 * (the subscriber answers 500, the worker dies) is retried with back-off and starts again
 * from the stored cursor, re-sending at most the events it had not recorded as delivered,
 * with the same eventIds. Ends when the subscription is deleted (or the workflow cancelled).
 */
export async function deliverEvents(subscriptionId: string): Promise<void> {
  for (let round = 0; round < deliveryRoundsPerRun; round += 1) {
    const result = await deliverEventBatch(subscriptionId);
    if (result.outcome === 'gone') return;
  }
  await continueAsNew<typeof deliverEvents>(subscriptionId);
}
