import { fileURLToPath } from 'node:url';
import {
  NativeConnection,
  Worker,
  type ActivityInterceptorsFactory,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createReconcileActivities, type ReconcileDependencies } from '../activities/reconcile-activities.js';
import { reconcileTaskQueue } from '../workflows/reconcile-messages.js';
import { bundleWorkflows } from './workflow-bundle.js';

/**
 * The reconcile worker: the bundled workflows and the activities over one inventory. The
 * caller owns the connection and the Neo4j driver (and closes them after the worker stops).
 */
export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflow code once per process (webpack takes seconds). */
export function reconcileWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows(workflowsPath);
  return bundle;
}

export interface ReconcileWorkerOptions extends ReconcileDependencies {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  /** Activities running at once (each holds a Neo4j session); default 20. */
  maxConcurrentActivities?: number;
  /** Around every activity: the worker process's task metrics (runtime/worker-metrics.ts). */
  activityInterceptors?: ActivityInterceptorsFactory[];
}

export async function createReconcileWorker(options: ReconcileWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? reconcileTaskQueue,
    workflowBundle: await reconcileWorkflowBundle(),
    activities: createReconcileActivities(options),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities ?? 20,
    // observations (local activities) too: with the tasks, fewer transactions at once than the driver's pool of 50
    // connections, so a resync that wakes hundreds after an outage queues them here instead of timing out on the pool
    maxConcurrentLocalActivityExecutions: options.maxConcurrentActivities ?? 20,
    maxCachedWorkflows: 500,
    interceptors: { activity: options.activityInterceptors ?? [] },
  });
}
