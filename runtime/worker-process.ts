import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Settings } from '../infra/settings.js';
import type { Kind } from '../model/registry.js';
import { openInventory } from './inventory-context.js';
import { createReconcileWorker } from './reconcile-worker.js';
import { quickReconnect, watchWorkerOutages } from './outage-watcher.js';
import { resyncReconcilers } from './resync.js';
import { resync as resyncWorkflow } from '../workflows/resync.js';

/**
 * The worker process: connects to Neo4j and Temporal from the settings, registers the
 * kinds, bootstraps the graph schema, resyncs every stored expectation at once and through
 * a Temporal Schedule every `resyncMinutes` (the schedule lives in Temporal, so it also
 * fires for a worker that was down), and runs the reconcile worker until SIGINT/SIGTERM,
 * then shuts down gracefully (in-flight activities finish) and closes its connections.
 */
export interface WorkerProcessOptions {
  settings: Settings;
  kinds: Kind[];
  log: (line: string) => void;
  resyncMinutes?: number;
  taskQueue?: string;
}

export async function runWorkerProcess({
  settings,
  kinds,
  log,
  resyncMinutes = 10,
  taskQueue,
}: WorkerProcessOptions): Promise<void> {
  // the SDK's own INFO lines (worker state changes) drown ours; warnings and errors still show
  Runtime.install({ logger: new DefaultLogger('WARN') });
  // a transaction gives up on an unreachable Neo4j after 5 s: the reconciler is blocked saying so, and the watcher wakes it
  const { driver, registry, inventory, expectations } = openInventory(settings.neo4j, kinds, {
    transactionRetryMs: 5_000,
    connectionTimeoutMs: 5_000,
  });
  const nativeConnection = await NativeConnection.connect({ address: settings.temporal.address });
  const clientConnection = await Connection.connect({
    address: settings.temporal.address,
    channelArgs: quickReconnect,
  });
  const client = new Client({ connection: clientConnection, namespace: settings.temporal.namespace });
  const queue = taskQueue ?? settings.temporal.taskQueue;
  const resync = () => resyncReconcilers({ client, expectations, taskQueue: queue });
  const watcher = watchWorkerOutages({ neo4j: settings.neo4j, client, resync, log });
  try {
    await inventory.bootstrap();
    log(
      `graph schema ready; ${registry.all().length} kinds registered (${registry
        .all()
        .map((kind) => kind.name)
        .join(', ')})`,
    );
    const worker = await createReconcileWorker({
      connection: nativeConnection,
      namespace: settings.temporal.namespace,
      inventory,
      expectations,
      resync,
      graphUnavailable: (expectationId) => watcher.blocked(expectationId),
      taskQueue: queue,
    });
    await ensureResyncSchedule(client, queue, resyncMinutes, log);
    log(`worker polling task queue ${queue} on ${settings.temporal.address} (Ctrl-C stops it)`);
    await Promise.all([
      worker.run(),
      resync().then(
        (count) => log(`resync: ${count} expectation(s) have a reconciler`),
        (error: unknown) => log(`resync at start failed (the schedule retries): ${(error as Error).message}`),
      ),
    ]);
    log('worker stopped');
  } finally {
    await watcher.stop();
    await clientConnection.close();
    await nativeConnection.close();
    await driver.close();
  }
}

/** Creates (or updates) the schedule that starts the resync workflow every `minutes`. */
async function ensureResyncSchedule(
  client: Client,
  taskQueue: string,
  minutes: number,
  log: (line: string) => void,
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
    log(`schedule ${scheduleId}: resync every ${minutes} minute(s)`);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(scheduleId)
      .update((previous) => ({ ...previous, spec: options.spec, action: options.action }));
    log(`schedule ${scheduleId}: resync every ${minutes} minute(s) (updated)`);
  }
}
