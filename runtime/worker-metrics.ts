import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { countExpectations } from '../graph/expectation-counts.js';
import type { GraphStore } from '../graph/graph-store.js';

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
  const labelNames = ['type', 'outcome'] as const;
  const tasks = new Counter({
    name: 'diffo_tasks_total',
    help: 'Reconcile activities run (tasks by type, observe, recordBlocked, resyncReconcilers), by outcome',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'diffo_task_duration_seconds',
    help: 'How long a reconcile activity ran, by type and outcome',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
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
        const type = context.info.activityType;
        const stop = duration.startTimer({ type });
        try {
          const result = await next(input);
          tasks.inc({ type, outcome: 'completed' });
          stop({ outcome: 'completed' });
          return result;
        } catch (error) {
          const outcome = error instanceof ApplicationFailure && error.nonRetryable ? 'refused' : 'failed';
          tasks.inc({ type, outcome });
          stop({ outcome });
          throw error;
        }
      },
    },
  });
  return { interceptors: [interceptor] };
}
