import type { Registry } from '../model/registry.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import { predictedAfter } from './predicted-actual.js';
import type { Plan, Task } from './tasks.js';

/**
 * Tasks in one batch at most: one transaction, far within Neo4j's transaction memory and the
 * task activity's timeout (a cluster's build, four assignments and its state are six).
 */
const maxTasksPerBatch = 16;

/**
 * The tasks one activity carries out together, in one transaction: `first`, then each task the
 * planner plans against the actual as the one before is predicted to leave it
 * (`predictedAfter`), in the planner's own order — composition before activation — until the
 * prediction is met, blocked, unknown, or plans a task again. Each task keeps the idempotency
 * key it would have had on its own, so its change event is the same.
 */
export function batchOf(
  first: Task,
  actual: InstanceSnapshot | null,
  registry: Registry,
  planAgainst: (predicted: InstanceSnapshot) => Plan,
): Task[] {
  const tasks = [first];
  for (let before = actual, task = first; tasks.length < maxTasksPerBatch;) {
    const predicted = predictedAfter(before, task, registry);
    if (!predicted) break;
    const next = planAgainst(predicted);
    if (next.outcome !== 'task' || tasks.some((planned) => planned.key === next.task.key)) break;
    tasks.push(next.task);
    [before, task] = [predicted, next.task];
  }
  return tasks;
}
