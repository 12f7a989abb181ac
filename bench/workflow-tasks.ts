import type { Client } from '@temporalio/client';
import { forEachAtMost } from '../runtime/at-most-at-once.js';

/**
 * How many workflow tasks these workflows' histories hold (WorkflowTaskScheduled events),
 * in the latest run of each: each is a turn of a worker's workflow code,
 * a replay of its whole history when the worker no longer caches it. Asked `atOnce` at a time.
 */
export async function workflowTasksOf(client: Client, workflowIds: readonly string[], atOnce = 16): Promise<number> {
  let tasks = 0;
  await forEachAtMost(atOnce, workflowIds, async (workflowId) => {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    tasks += (history.events ?? []).filter((event) => event.workflowTaskScheduledEventAttributes).length;
  });
  return tasks;
}
