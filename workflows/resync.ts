import { proxyActivities } from '@temporalio/workflow';
import type { ReconcileActivities } from '../activities/reconcile-activities.js';

const { resyncReconcilers } = proxyActivities<ReconcileActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/**
 * The sweeper, started by a Temporal Schedule: makes sure every stored expectation has a
 * running reconcile workflow (covers expectations written while the worker or Temporal was
 * down, and lost signals). Returns how many expectations it visited.
 */
export async function resync(): Promise<number> {
  return resyncReconcilers();
}
