import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { z } from 'zod';
import {
  createReconcileActivities,
  type ObservationOrDeleted,
  type ReconcileActivities,
} from '../activities/reconcile-activities.js';
import { ownPartsTypes } from '../graph/instance-fields.js';
import type { LocalServer } from '../infra/local-server.js';
import { localServers } from '../infra/local-servers.js';
import { serverNeeds } from '../runtime/server-needs.js';
import { servicesUp } from '../infra/services.js';
import { readSettings, type Settings } from '../infra/settings.js';
import { defineInstanceKind } from '../model/instance-kind.js';
import { definePartyKind, definePlaceKind } from '../model/party-kind.js';
import { openInventory, type InventoryContext } from '../runtime/inventory-context.js';
import { reconcileWorkflowBundle } from '../runtime/reconcile-worker.js';
import { bundleWorkflows } from '../runtime/workflow-bundle.js';
import { workflowIdOf } from '../workflows/reconcile-messages.js';
import * as noopActivities from './fixtures/noop-activities.js';
import { forEachAtMost } from '../runtime/at-most-at-once.js';

/**
 * What the reconcile benchmark runs on: its kinds, the graph and Temporal connections, the
 * reconcile activities counted, the reconcile and no-op workers, and tearing all of it down
 * again (the workflows it started and the graph it grew).
 */
const BenchProvider = definePartyKind({ name: 'BenchProvider', type: 'Organization' });
const BenchSite = definePlaceKind({ name: 'BenchSite', type: 'GeographicSite' });
export const BenchVlanPool = defineInstanceKind({
  name: 'BenchVlanPool',
  specification: { id: '0d6f3a52-1c1e-4c5b-8d0e-6a1f2b3c4d5e', name: 'benchVlanPool', type: 'resourceSpecification' },
  pools: { vlans: 'vlan' },
});
const BenchAccess = defineInstanceKind({
  name: 'BenchAccess',
  specification: { id: '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d', name: 'benchAccess', type: 'serviceSpecification' },
  characteristics: { access: z.strictObject({ technology: z.string(), downMbps: z.number().int() }) },
  parties: { provider: { kind: 'BenchProvider' } },
  places: { installationSite: { kind: 'BenchSite' } },
});

/** Expectations submitted at once (store, then signal-with-start); the baseline starts all its workflows at once. */
export const submitters = 20;

const concurrency = {
  maxConcurrentActivityTaskExecutions: 20,
  maxConcurrentWorkflowTaskExecutions: 20,
  maxCachedWorkflows: 2500,
};

/** The servers, graph and Temporal connections of one run, whose ids all start with `tag`. */
export interface Bench extends Omit<InventoryContext, 'registry'> {
  settings: Settings;
  servers: LocalServer[];
  nativeConnection: NativeConnection;
  connection: Connection;
  client: Client;
  tag: string;
  /**
   * Every workflow the benchmark started: deleted at the end, so runs do not pile up in
   * Temporal's database (retention is a day).
   */
  workflowIds: string[];
}

/** Starts the local servers when they are not up, opens the graph (bootstrapped) and the Temporal connections. */
export async function openBench(): Promise<Bench> {
  const settings = readSettings();
  await servicesUp(localServers(settings, serverNeeds), (line) => console.log(`· ${line}`));
  const { driver, inventory, expectations } = openInventory(settings.neo4j, [
    BenchProvider,
    BenchSite,
    BenchVlanPool,
    BenchAccess,
  ]);
  await inventory.bootstrap();
  const nativeConnection = await NativeConnection.connect({ address: settings.temporal.address });
  const connection = await Connection.connect({ address: settings.temporal.address });
  const client = new Client({ connection, namespace: settings.temporal.namespace });
  const tag = `bench-${Date.now().toString(36)}`;
  const servers = localServers(settings, serverNeeds);
  return {
    settings,
    servers,
    driver,
    inventory,
    expectations,
    nativeConnection,
    connection,
    client,
    tag,
    workflowIds: [],
  };
}

/** The reconcile activities: `plain` for the warm-up to run directly, `counted` for the worker. */
export interface CountedActivities {
  plain: ReconcileActivities;
  counted: Record<string, (...args: unknown[]) => Promise<unknown>>;
  /** Calls of each activity since it was last cleared. */
  calls: Map<string, number>;
  /**
   * Expectations whose latest observation, as an activity returned it, is met: an
   * observation is recorded in the transaction that made it, so this follows the graph
   * without polling it (polling 1,000 ids every 100 ms was measured at ~5 ms of Neo4j CPU per
   * expectation, charged to reconcile); the graph is asked once when the count is complete.
   */
  met: Set<string>;
}

/** Wraps each reconcile activity to count its calls and follow the observations it returns. */
export function countActivities({ inventory, expectations }: Bench): CountedActivities {
  const calls = new Map<string, number>();
  const met = new Set<string>();
  const noteObservation = (result: unknown) => {
    if (typeof result !== 'object' || result === null) return; // recordBlocked
    const latest = ('observation' in result ? result.observation : result) as ObservationOrDeleted;
    if (latest.deleted) return;
    if (latest.status === 'met') met.add(latest.expectationId);
    else met.delete(latest.expectationId);
  };
  const plain = createReconcileActivities({ inventory, expectations });
  const counted = Object.fromEntries(
    Object.entries(plain).map(([name, run]) => [
      name,
      async (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        const result = await (run as (...a: unknown[]) => Promise<unknown>)(...args);
        noteObservation(result);
        return result;
      },
    ]),
  );
  return { plain, counted, calls, met };
}

/** The reconcile worker (with the counted activities) and the no-op baseline's worker, each on its own task queue. */
export interface BenchWorkers {
  reconcileQueue: string;
  noopQueue: string;
  reconcile: Worker;
  noop: Worker;
}

export async function createWorkers(bench: Bench, activities: CountedActivities): Promise<BenchWorkers> {
  const { nativeConnection, settings, tag } = bench;
  const reconcileQueue = `${tag}-reconcile`;
  const noopQueue = `${tag}-noop`;
  const reconcile = await Worker.create({
    connection: nativeConnection,
    namespace: settings.temporal.namespace,
    taskQueue: reconcileQueue,
    workflowBundle: await reconcileWorkflowBundle(),
    activities: activities.counted,
    ...concurrency,
  });
  const noop = await Worker.create({
    connection: nativeConnection,
    namespace: settings.temporal.namespace,
    taskQueue: noopQueue,
    activities: noopActivities,
    ...concurrency,
    workflowBundle: await bundleWorkflows(fileURLToPath(new URL('./fixtures/noop-workflow.ts', import.meta.url))),
  });
  return { reconcileQueue, noopQueue, reconcile, noop };
}

/** Stops the workers (`running`: their runs), deletes the workflows and the graph the run made, and closes it all. */
export async function tearDown(bench: Bench, workers: BenchWorkers, running: Promise<void>[]): Promise<void> {
  workers.reconcile.shutdown();
  workers.noop.shutdown();
  await Promise.all(running);
  await closeBench(bench);
}

/** How many of these expectations the graph has as met. */
export async function metInGraph({ driver, settings }: Bench, ids: string[]): Promise<number> {
  const result = await driver.executeQuery(
    'MATCH (e:Expectation) WHERE e.id IN $ids AND e.status = "met" RETURN count(e) AS met',
    { ids },
    { database: settings.neo4j.database },
  );
  return result.records[0]!.get('met') as number;
}

/** Deletes the workflows and the graph the run made (its workers stopped), and closes its connections. */
export async function closeBench(bench: Bench): Promise<void> {
  await deleteWorkflows(bench);
  await deleteGraph(bench);
  await bench.connection.close();
  await bench.nativeConnection.close();
  await bench.driver.close();
}

/**
 * A bench run starts thousands of workflows; a dev server's SQLite file that grew to 2.5 GB
 * was measured to cost reconcile 54 instead of 36 ms of Temporal CPU per expectation.
 */
async function deleteWorkflows({ settings, connection, client, tag, workflowIds }: Bench): Promise<void> {
  const namespace = settings.temporal.namespace;
  await forEachAtMost(submitters, workflowIds, (workflowId) =>
    connection.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId } }).then(
      () => undefined,
      () => undefined,
    ),
  );
  // the server deletes in the background: wait for it, so a run right after is not measured against it
  const deleting = performance.now();
  const mine = `WorkflowId STARTS_WITH '${tag}' OR WorkflowId STARTS_WITH '${workflowIdOf(tag)}'`;
  while ((await client.workflow.count(mine)).count > 0 && performance.now() - deleting < 300_000) await sleep(1000);
  console.log(
    `deleted the ${workflowIds.length} workflows it started in ${((performance.now() - deleting) / 1000).toFixed(0)} s more`,
  );
}

/**
 * In batches: a run leaves ~10,000 expectations with their instances, and deleting them in
 * one transaction went over Neo4j's 256 MB transaction memory and left them all behind.
 */
async function deleteGraph({ driver, settings, tag }: Bench): Promise<void> {
  for (let deleted = -1; deleted !== 0;) {
    const result = await driver.executeQuery(
      `MATCH (n) WHERE (n:Instance OR n:Expectation OR n:Party OR n:Place) AND n.id STARTS WITH $tag
       WITH n LIMIT 500
       OPTIONAL MATCH (n)-[:${ownPartsTypes}|HAS_EVENT]->(part)
       WITH n, collect(part) AS parts
       FOREACH (part IN parts | DETACH DELETE part)
       DETACH DELETE n
       RETURN count(*) AS deleted`,
      { tag },
      { database: settings.neo4j.database },
    );
    deleted = result.records[0]!.get('deleted') as number;
  }
}
