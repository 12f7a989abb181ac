import { Client, Connection } from '@temporalio/client';
import type { DriverOptions } from '../graph/driver.js';
import { readSettings, type Settings } from '../infra/settings.js';
import { openInventory } from '../runtime/inventory-context.js';
import { quickReconnect } from '../runtime/outage-watcher.js';
import { kindsFrom } from './domains.js';

/**
 * What the inventory and expectation commands need: the graph (always) and a Temporal
 * client (only when asked for), from the environment; `close` releases both.
 */
export async function openCliContext(domainModules?: string[], driverOptions?: DriverOptions) {
  const settings: Settings = readSettings();
  const kinds = await kindsFrom(domainModules);
  const { registry, inventory, expectations } = openInventory(settings.neo4j, kinds, driverOptions);
  let connection: Connection | undefined;
  return {
    settings,
    /** The kinds registered: the worker of `npm start` registers the same. */
    kinds,
    registry,
    inventory,
    expectations,
    /** A client whose connection is made at its first call: Temporal may be down meanwhile (a submission is stored all the same). */
    client(): Promise<Client> {
      connection ??= Connection.lazy({ address: settings.temporal.address, channelArgs: quickReconnect });
      return Promise.resolve(new Client({ connection, namespace: settings.temporal.namespace }));
    },
    async close(): Promise<void> {
      await connection?.close();
      await inventory.store.close(); // the driver in use: the API's outage watcher may have renewed it
    },
  };
}

export type CliContext = Awaited<ReturnType<typeof openCliContext>>;

/** Runs a command body with a context that is always closed afterwards. */
export async function withCliContext<T>(
  domainModules: string[] | undefined,
  work: (context: CliContext) => Promise<T>,
): Promise<T> {
  const context = await openCliContext(domainModules);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
