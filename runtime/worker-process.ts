import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { FastifyBaseLogger } from 'fastify';
import type { Settings } from '../infra/settings.js';
import type { Kind } from '../model/registry.js';
import { openInventory } from './inventory-context.js';
import { runDeliveryWorker } from './delivery-worker.js';
import { createReconcileWorker } from './reconcile-worker.js';
import { quickReconnect, watchWorkerOutages } from './outage-watcher.js';
import { resyncReconcilers } from './resync.js';
import { signalReconcilers } from './signal-reconcilers.js';
import { installWorkerRuntime, serveWorkerHttp, workerHttp } from './worker-http.js';
import { resync as resyncWorkflow } from '../workflows/resync.js';

/**
 * The worker process: connects to Neo4j and Temporal from the settings, registers the
 * kinds, bootstraps the graph schema, serves `/health`, `/ready` and `/metrics` on its own
 * port (DIFFO_WORKER_HOST/PORT), resyncs every stored expectation at once and through a
 * Temporal Schedule every `resyncMinutes` (the schedule lives in Temporal, so it also fires for
 * a worker that was down), and runs the reconcile worker until SIGINT/SIGTERM, then shuts down
 * gracefully (in-flight activities finish) and closes its connections. It logs JSON lines to
 * stdout at DIFFO_LOG_LEVEL, the Temporal SDK's among them. It installs the Temporal Runtime:
 * one worker process per Node process.
 */
export interface WorkerProcessOptions {
  settings: Settings;
  kinds: Kind[];
  resyncMinutes?: number;
  taskQueue?: string;
}

/** A transaction gives up on an unreachable Neo4j after 5 s: the reconciler is blocked saying so, and the watcher wakes it. */
const workerDriverOptions = { transactionRetryMs: 5_000, connectionTimeoutMs: 5_000 };

export async function runWorkerProcess({
  settings,
  kinds,
  resyncMinutes = 10,
  taskQueue,
}: WorkerProcessOptions): Promise<void> {
  const http = workerHttp(settings.logLevel);
  const logger = http.log;
  const sdkMetricsUrl = await installWorkerRuntime(http);
  const { registry, inventory, expectations } = openInventory(settings.neo4j, kinds, workerDriverOptions);
  const { nativeConnection, clientConnection, client } = await connectTemporal(settings);
  const queue = taskQueue ?? settings.temporal.taskQueue;
  const resync = () => resyncReconcilers({ client, expectations, taskQueue: queue });
  const graph = { connection: settings.neo4j, store: inventory.store };
  const watcher = watchWorkerOutages({ graph, client, resync, log: (line) => logger.warn(line) });
  try {
    await inventory.bootstrap();
    const kindNames = registry.all().map((kind) => kind.name);
    logger.info({ kinds: kindNames }, `graph schema ready; ${kindNames.length} kinds registered`);
    const { address, interceptors } = await serveWorkerHttp(http, {
      store: inventory.store,
      client,
      sdkMetricsUrl,
      ...settings.worker,
    });
    logger.info({ url: address }, `health and metrics on ${address} (/health, /ready, /metrics)`);
    const worker = await createReconcileWorker({
      connection: nativeConnection,
      namespace: settings.temporal.namespace,
      inventory,
      expectations,
      resync,
      graphUnavailable: (expectationId) => watcher.blocked(expectationId),
      wake: (expectationIds) => signalReconcilers(client, expectationIds),
      taskQueue: queue,
      activityInterceptors: interceptors,
    });
    await ensureResyncSchedule(client, queue, resyncMinutes, logger);
    logger.info({ taskQueue: queue }, `worker polling task queue ${queue} on ${settings.temporal.address}`);
    const delivery = { connection: nativeConnection, namespace: settings.temporal.namespace, taskQueue: queue };
    await Promise.all([
      worker.run(),
      runDeliveryWorker({ ...delivery, inventory, client }, (line) => logger.info(line)),
      resync().then(
        (count) => logger.info(`resync: ${count} expectation(s) have a reconciler`),
        (error: unknown) => logger.warn({ err: error }, 'resync at start failed (the schedule retries)'),
      ),
    ]);
    logger.info('worker stopped');
  } finally {
    await watcher.stop();
    await http.close();
    await clientConnection.close();
    await nativeConnection.close();
    await inventory.store.close(); // the driver in use: the outage watcher may have renewed it
  }
}

/** The worker's connection to Temporal, and the client's (signals, resync, the outage watcher's probe). */
async function connectTemporal(settings: Settings) {
  const nativeConnection = await NativeConnection.connect({ address: settings.temporal.address });
  const clientConnection = await Connection.connect({
    address: settings.temporal.address,
    channelArgs: quickReconnect,
  });
  const client = new Client({ connection: clientConnection, namespace: settings.temporal.namespace });
  return { nativeConnection, clientConnection, client };
}

/** Creates (or updates) the schedule that starts the resync workflow every `minutes`. */
async function ensureResyncSchedule(
  client: Client,
  taskQueue: string,
  minutes: number,
  logger: FastifyBaseLogger,
): Promise<void> {
  const scheduleId = `diffo-resync-${taskQueue}`;
  const options = {
    scheduleId,
    spec: { intervals: [{ every: `${minutes} minutes` }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: resyncWorkflow,
      taskQueue,
      workflowId: `${scheduleId}-run`,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP },
  };
  try {
    await client.schedule.create(options);
    logger.info(`schedule ${scheduleId}: resync every ${minutes} minute(s)`);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(scheduleId)
      .update((previous) => ({ ...previous, spec: options.spec, action: options.action }));
    logger.info(`schedule ${scheduleId}: resync every ${minutes} minute(s) (updated)`);
  }
}
