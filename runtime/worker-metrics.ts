import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Gauge, type Registry } from 'prom-client';
import { countExpectations } from '../graph/expectation-counts.js';
import type { GraphStore } from '../graph/graph-store.js';
import { countedDurations } from './counted-durations.js';

/**
 * The worker's own series in `registry`:
 *
 * - `diffo_tasks_total` and `diffo_task_duration_seconds`, by `type` — the activity: a task type
 *   (`build`, `assign`, …) or one of the reconciler's other activities (`observe`,
 *   `recordBlocked`, `resyncReconcilers`) — and `outcome`: `completed`; `refused`, a failure no
 *   retry fixes (the expectation is blocked with its reason); `failed`, retried by Temporal (a
 *   lost connection, say). Recorded by one activity interceptor, so no activity knows of it.
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
        const record = (outcome: string) =>
          tasks.record({ type: context.info.activityType, outcome }, (performance.now() - started) / 1000);
        try {
          const result = await next(input);
          record('completed');
          return result;
        } catch (error) {
          record(error instanceof ApplicationFailure && error.nonRetryable ? 'refused' : 'failed');
          throw error;
        }
      },
    },
  });
  return { interceptors: [interceptor] };
}
