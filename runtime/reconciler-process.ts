import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { expectationProblems } from '../expectations/expectation-schema.js';
import { openDriver } from '../graph/driver.js';
import { ExpectationRepository } from '../graph/expectation-repository.js';
import { Inventory } from '../graph/inventory.js';
import type { Settings } from '../infra/settings.js';
import { createRegistry, type Kind } from '../model/registry.js';
import { createReconcileWorker } from './reconcile-worker.js';
import { resyncReconcilers } from './resync.js';

/**
 * The worker process: connects to Neo4j and Temporal from the settings, registers the
 * kinds, bootstraps the graph schema, resyncs every stored expectation (then again every
 * `resyncMinutes`), and runs the reconcile worker until SIGINT/SIGTERM, then shuts down
 * gracefully (in-flight activities finish) and closes its connections.
 */
export interface ReconcilerOptions {
  settings: Settings;
  kinds: Kind[];
  log: (line: string) => void;
  resyncMinutes?: number;
  taskQueue?: string;
}

export async function runReconciler({ settings, kinds, log, resyncMinutes = 10, taskQueue }: ReconcilerOptions): Promise<void> {
  const driver = openDriver(settings.neo4j);
  const registry = createRegistry(kinds);
  const inventory = new Inventory(driver, settings.neo4j.database, registry);
  const expectations = new ExpectationRepository(inventory.store, (body) => expectationProblems(body, registry));
  const nativeConnection = await NativeConnection.connect({ address: settings.temporal.address });
  const clientConnection = await Connection.connect({ address: settings.temporal.address });
  const client = new Client({ connection: clientConnection, namespace: settings.temporal.namespace });
  try {
    await inventory.bootstrap();
    log(`graph schema ready; ${registry.all().length} kinds registered (${registry.all().map((kind) => kind.name).join(', ')})`);
    const worker = await createReconcileWorker({ connection: nativeConnection, namespace: settings.temporal.namespace, inventory, expectations, ...(taskQueue ? { taskQueue } : {}) });
    const resync = async () => {
      try {
        log(`resync: ${await resyncReconcilers({ client, expectations, ...(taskQueue ? { taskQueue } : {}) })} expectation(s) have a reconciler`);
      } catch (error) {
        log(`resync failed (will retry): ${(error as Error).message}`);
      }
    };
    const timer = setInterval(resync, resyncMinutes * 60_000);
    try {
      log(`worker polling task queue ${taskQueue ?? 'diffo-reconcile'} on ${settings.temporal.address} (Ctrl-C stops it)`);
      await Promise.all([worker.run(), resync()]);
    } finally {
      clearInterval(timer);
    }
    log('worker stopped');
  } finally {
    await clientConnection.close();
    await nativeConnection.close();
    await driver.close();
  }
}
