import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { exampleKinds } from '../examples/index.js';
import { readSettings } from '../infra/settings.js';
import { createDeliveryWorker } from '../runtime/delivery-worker.js';
import { startDelivery } from '../runtime/hub-delivery.js';
import { openInventory } from '../runtime/inventory-context.js';
import { createReconcileWorker } from '../runtime/reconcile-worker.js';
import { submitExpectation, waitForSettled } from '../runtime/submission.js';
import { deliveryWorkflowIdOf } from '../workflows/delivery-messages.js';
import { workflowIdOf } from '../workflows/reconcile-messages.js';
import { format, summarise } from './measure.js';

/**
 * Hub delivery against reconciliation, in one run over the running servers: converge N Cluster
 * expectations (a few events each) with the delivery workflow not yet started, then start it
 * and let it drain that backlog to a local listener — delivery's event rate over the
 * reconcile event rate is the ratio (≥ 1: delivery keeps up). Then converge N more with
 * delivery running and print the delay from each event's recording to its arrival
 * (min/median/max). Sizes: DIFFO_BENCH_HUB_N (default 30).
 */
export async function hubDelivery(): Promise<void> {
  const bench = await openHubBench(Number(process.env.DIFFO_BENCH_HUB_N ?? 30));
  try {
    await measureBacklog(bench);
    await measureLive(bench);
  } finally {
    await closeHubBench(bench);
  }
}

type HubBench = Awaited<ReturnType<typeof openHubBench>>;

/** The graph, Temporal, a reconcile and a delivery worker on a queue of the run's own, and a listener. */
async function openHubBench(n: number) {
  const settings = readSettings();
  const { driver, inventory, expectations } = openInventory(settings.neo4j, exampleKinds);
  await inventory.bootstrap();
  const nativeConnection = await NativeConnection.connect({ address: settings.temporal.address });
  const connection = await Connection.connect({ address: settings.temporal.address });
  const client = new Client({ connection, namespace: settings.temporal.namespace });
  const tag = `bench-hub-${randomUUID().slice(0, 8)}`;
  const common = { connection: nativeConnection, namespace: settings.temporal.namespace, taskQueue: tag };
  const reconcile = await createReconcileWorker({ ...common, inventory, expectations });
  const delivery = await createDeliveryWorker({
    ...common,
    events: inventory.events,
    subscriptions: inventory.subscriptions,
  });
  const arrivals: Array<{ at: number; eventTime: string }> = [];
  const listener = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      arrivals.push({ at: Date.now(), eventTime: (JSON.parse(raw) as { eventTime: string }).eventTime });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return {
    n,
    settings,
    driver,
    inventory,
    expectations,
    client,
    connection,
    nativeConnection,
    tag,
    workers: [reconcile, delivery],
    running: [reconcile.run(), delivery.run()],
    arrivals,
    listener,
    callback: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/bench`,
    expectationIds: [] as string[],
    subscriptionIds: [] as string[],
  };
}

/** Names for one round's instances. */
const namesOf = (bench: HubBench, round: string) =>
  Array.from({ length: bench.n }, (_, index) => `${bench.tag}-${round}-${index}`);

/** Converges a Cluster per name; seconds from the first submission to the last met. */
async function converge(bench: HubBench, names: string[]): Promise<number> {
  const { client, expectations, tag } = bench;
  const started = performance.now();
  await Promise.all(
    names.map(async (name) => {
      const id = `${name}-exp`;
      bench.expectationIds.push(id);
      const intent = { kind: 'Cluster', name, state: 'installed' };
      const submitted = await submitExpectation({ client, expectations, taskQueue: tag }, intent, id);
      await waitForSettled(expectations, id, { generation: submitted.generation, timeoutMs: 300_000 });
    }),
  );
  return (performance.now() - started) / 1000;
}

/** A subscription to the events of these instances (by name); its delivery is started by the caller. */
async function subscribe(bench: HubBench, names: string[]) {
  const subscription = await bench.inventory.subscriptions.create({
    instanceType: 'resource',
    version: 'v4',
    callback: bench.callback,
    query: `event.resource.name=${names.join(',')}`,
    baseUrl: 'http://diffo.example',
  });
  bench.subscriptionIds.push(subscription.id);
  return subscription;
}

/** How many events the instances of these names have after the cursor. */
async function eventCount(bench: HubBench, cursor: number, names: string[]): Promise<number> {
  const events = await bench.inventory.events.eventsAfter(cursor, 100_000, { instanceType: 'resource' });
  return events.filter((event) => names.includes(event.instance?.name ?? '')).length;
}

const arrived = async (bench: HubBench, count: number) => {
  while (bench.arrivals.length < count) await sleep(20);
};

/** Reconcile first, then deliver the backlog: the two event rates and their ratio. */
async function measureBacklog(bench: HubBench): Promise<void> {
  const names = namesOf(bench, 'backlog');
  const subscription = await subscribe(bench, names);
  const reconciled = await converge(bench, names);
  const events = await eventCount(bench, subscription.cursor, names);
  const deliverStart = performance.now();
  await startDelivery({ client: bench.client, taskQueue: bench.tag }, subscription.id);
  await arrived(bench, events);
  const delivered = (performance.now() - deliverStart) / 1000;
  const reconcileRate = events / reconciled;
  const deliveryRate = events / delivered;
  console.log(
    `reconcile: ${bench.n} expectations, ${events} events in ${reconciled.toFixed(1)} s = ${reconcileRate.toFixed(1)} events/s`,
  );
  console.log(
    `delivery of that backlog: ${events} events in ${delivered.toFixed(2)} s = ${deliveryRate.toFixed(1)} events/s`,
  );
  console.log(
    `ratio delivery / reconcile event rate: ${(deliveryRate / reconcileRate).toFixed(2)} (≥ 1.0: delivery keeps up)`,
  );
}

/** Delivery running while reconciling: the delay from an event's recording to its arrival. */
async function measureLive(bench: HubBench): Promise<void> {
  bench.arrivals.length = 0;
  const names = namesOf(bench, 'live');
  const subscription = await subscribe(bench, names);
  await startDelivery({ client: bench.client, taskQueue: bench.tag }, subscription.id);
  await converge(bench, names);
  await arrived(bench, await eventCount(bench, subscription.cursor, names));
  const delays = bench.arrivals.map((arrival) => arrival.at - Date.parse(arrival.eventTime));
  console.log(`recording → delivery delay, delivery running during reconcile: ${format(summarise(delays), 'ms', 0)}`);
}

/** Ends the run's workflows, deletes what it made, closes everything. */
async function closeHubBench(bench: HubBench): Promise<void> {
  const { client, inventory } = bench;
  const end = (workflowId: string) =>
    client.workflow
      .getHandle(workflowId)
      .terminate('bench done')
      .catch(() => undefined);
  for (const id of bench.subscriptionIds) {
    await inventory.subscriptions.delete(id);
    await end(deliveryWorkflowIdOf(id));
  }
  for (const id of bench.expectationIds) await end(workflowIdOf(id));
  await bench.driver.executeQuery(
    `MATCH (e:Expectation) WHERE e.id IN $ids
     OPTIONAL MATCH (e)-[:EXPECTS]->(i:Instance)
     OPTIONAL MATCH (i)-[]->(part) WHERE NOT part:Specification AND NOT part:Instance
     OPTIONAL MATCH (event:Event) WHERE event.instanceId = i.id
     DETACH DELETE event, part, i, e`,
    { ids: bench.expectationIds },
    { database: bench.settings.neo4j.database },
  );
  for (const worker of bench.workers) worker.shutdown();
  await Promise.all(bench.running);
  bench.listener.close();
  await bench.connection.close();
  await bench.nativeConnection.close();
  await bench.driver.close();
}
