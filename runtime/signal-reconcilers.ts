import type { Client } from '@temporalio/client';
import { expectationChanged, workflowIdOf } from '../workflows/reconcile-messages.js';
import { signalDeadlineMs } from './submission.js';

/**
 * Wakes these expectations' reconcilers: `expectationChanged`, which ends a blocked (or met)
 * reconciler's wait, each within the signal deadline. One every wake-up takes — a task that ended
 * what others waited for (activities/wake-waiting.ts), a party or place written, the outage
 * watcher when the servers answer again. A reconciler that ended meanwhile (its expectation
 * withdrawn) needs no waking: its refusal is ignored.
 */
export async function signalReconcilers(client: Client, expectationIds: string[]): Promise<void> {
  await Promise.all(
    expectationIds.map((id) =>
      client
        .withDeadline(Date.now() + signalDeadlineMs, () =>
          client.workflow.getHandle(workflowIdOf(id)).signal(expectationChanged),
        )
        .catch(() => undefined),
    ),
  );
}
