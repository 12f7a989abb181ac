import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { expectationChanged, workflowIdOf } from '../workflows/reconcile-messages.js';
import { forEachAtMost } from './at-most-at-once.js';
import { withinSignalDeadline } from './submission.js';

/** How many reconcilers are signalled at once. */
const signalsAtOnce = 8;

/**
 * Wakes these expectations' reconcilers: `expectationChanged`, which ends a blocked (or met)
 * reconciler's wait, each within the signal deadline, at most eight at once. One every wake-up
 * takes — a task that ended what others waited for (activities/wake-waiting.ts), a party or
 * place written, the outage watcher when the servers answer again. A reconciler that ended
 * meanwhile (its expectation withdrawn: WorkflowNotFound) needs no waking and is skipped. Any
 * other failure (Temporal unreachable) rejects once the signals under way settled, and signals
 * no further reconciler: the caller tries again (the outage watcher, at its next tick) or
 * leaves them to their back-off timers.
 */
export async function signalReconcilers(client: Client, expectationIds: string[]): Promise<void> {
  await forEachAtMost(signalsAtOnce, expectationIds, async (id) => {
    try {
      await withinSignalDeadline({ client }, () =>
        client.workflow.getHandle(workflowIdOf(id)).signal(expectationChanged),
      );
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  });
}
