import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Gauge, type Registry } from 'prom-client';
import { countExpectations } from '../graph/expectation-counts.js';
import type { GraphStore } from '../graph/graph-store.js';
import type { TasksOutcome } from '../activities/run-tasks.js';
import { failedTaskOf } from '../workflows/failed-task.js';
import { countedDurations } from './counted-durations.js';

/**
 * The worker's own series in `registry`:
 *
 * - `diffo_tasks_total` and `diffo_task_duration_seconds`, by `type` — a task type (`build`,
 *   `assign`, …: each task of a `runTasks` batch, with its share of the batch's time; a failed
 *   batch as the task its failure names) or one of the reconciler's other activities (`observe`,
 *   `recordBlocked`, `resyncReconcilers`; `runTasks` when a batch found nothing left to do) — and
 *   `outcome`: `completed`; `refused`, a failure no retry fixes (the expectation is blocked with
 *   its reason); `failed`, retried by Temporal (a lost connection, say). Recorded by one activity
 *   interceptor, so no activity knows of it.
 * - `diffo_expectations`, by `status` and `kind`: a gauge counted in Neo4j at each scrape (no
 *   series while Neo4j does not answer).
 */
export function workerMetrics(registry: Registry, store: GraphStore): { interceptors: ActivityInterceptorsFactory[] } {
  const tasks = countedDurations(registry, {
    total: 'diffo_tasks_total',
    duration: 'diffo_task_duration_seconds',
    what: 'Reconcile activities run (tasks by type, observe, recordBlocked, resyncReconcilers)',
    labelNames: ['type', 'outcome'],
  });
  new Gauge({
    name: 'diffo_expectations',
    help: 'Stored expectations by status and kind (counted in Neo4j at scrape time)',
    labelNames: ['status', 'kind'] as const,
    registers: [registry],
    async collect() {
      const counts = await countExpectations(store).catch(() => []);
      this.reset();
      for (const { status, kind, count } of counts) this.set({ status, kind }, count);
    },
  });
  const interceptor: ActivityInterceptorsFactory = (context) => ({
    inbound: {
      async execute(input, next) {
        const started = performance.now();
        const record = (outcome: string, types: string[]) => {
          const share = (performance.now() - started) / 1000 / types.length;
          for (const type of types) tasks.record({ type, outcome }, share);
        };
        const { activityType } = context.info;
        try {
          const result = await next(input);
          const done = (result as Partial<TasksOutcome> | undefined)?.done ?? [];
          record(
            'completed',
            activityType === 'runTasks' && done.length > 0 ? done.map((task) => task.type) : [activityType],
          );
          return result;
        } catch (error) {
          const outcome = error instanceof ApplicationFailure && error.nonRetryable ? 'refused' : 'failed';
          record(outcome, [failedTaskOf(error)?.type ?? activityType]);
          throw error;
        }
      },
    },
  });
  return { interceptors: [interceptor] };
}
