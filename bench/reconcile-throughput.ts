import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { z } from 'zod';
import { createReconcileActivities, type ObservationOrDeleted } from '../activities/reconcile-activities.js';
import { localServers } from '../infra/local-servers.js';
import { servicesUp } from '../infra/services.js';
import { readSettings } from '../infra/settings.js';
import { defineInstanceKind } from '../model/instance-kind.js';
import { definePartyKind, definePlaceKind } from '../model/party-kind.js';
import { openInventory } from '../runtime/inventory-context.js';
import { reconcileWorkflowBundle } from '../runtime/reconcile-worker.js';
import { serverNeeds } from '../runtime/server-needs.js';
import { signalReconciler } from '../runtime/submission.js';
import { workflowIdOf } from '../workflows/reconcile-messages.js';
import * as noopActivities from './fixtures/noop-activities.js';
import { noopSequence } from './fixtures/noop-workflow.js';
import { ownPartsTypes } from '../graph/instance-fields.js';
import { cpuSpent, readCpu } from './process-cpu.js';
import { sizesFromEnvironment, warmUpNeo4j, withWorkers } from './reconcile-warm-up.js';

/**
 * Converge N Broadband-like expectations (build with a characteristic, a party and a
 * place, then one VLAN from a pool) through real reconcile workflows; report wall time,
 * tasks per expectation, the CPU each server used, and the task rate as a ratio of the
 * rate of no-op activities (workflows running as many no-op activities one after another
 * as an expectation needs tasks) on the same Temporal server in the same run.
 */
const BenchProvider = definePartyKind({ name: 'BenchProvider', type: 'Organization' });
const BenchSite = definePlaceKind({ name: 'BenchSite', type: 'GeographicSite' });
const BenchVlanPool = defineInstanceKind({
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
const submitters = 20;

const concurrency = {
  maxConcurrentActivityTaskExecutions: 20,
  maxConcurrentWorkflowTaskExecutions: 20,
  maxCachedWorkflows: 2500,
};

export async function reconcileThroughput(): Promise<void> {
  const { sizes, warmUp, repeats } = sizesFromEnvironment();
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
  const calls = new Map<string, number>();
  /**
   * Expectations whose latest observation, as an activity returned it, is met: an
   * observation is recorded in the transaction that made it, so this follows the graph
   * without polling it (polling 1,000 ids every 100 ms was measured at ~5 ms of Neo4j CPU per
   * expectation, charged to reconcile); the graph is asked once when the count is complete.
   */
  const met = new Set<string>();
  const noteObservation = (result: unknown) => {
    if (typeof result !== 'object' || result === null) return; // recordBlocked
    const latest = ('observation' in result ? result.observation : result) as ObservationOrDeleted;
    if (latest.deleted) return;
    if (latest.status === 'met') met.add(latest.expectationId);
    else met.delete(latest.expectationId);
  };
  const reconcileActivities = createReconcileActivities({ inventory, expectations });
  const activities = Object.fromEntries(
    Object.entries(reconcileActivities).map(([name, run]) => [
      name,
      async (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        const result = await (run as (...a: unknown[]) => Promise<unknown>)(...args);
        noteObservation(result);
        return result;
      },
    ]),
  );
  const reconcileQueue = `${tag}-reconcile`;
  const noopQueue = `${tag}-noop`;
  const reconcileWorker = await Worker.create({
    connection: nativeConnection,
    namespace: settings.temporal.namespace,
    taskQueue: reconcileQueue,
    workflowBundle: await reconcileWorkflowBundle(),
    activities,
    ...concurrency,
  });
  const noopWorker = await Worker.create({
    connection: nativeConnection,
    namespace: settings.temporal.namespace,
    taskQueue: noopQueue,
    activities: noopActivities,
    ...concurrency,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./fixtures/noop-workflow.ts', import.meta.url)),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
    }),
  });
  /** Every workflow the benchmark started: deleted at the end, so runs do not pile up in Temporal's database (retention is a day). */
  const workflowIds: string[] = [];
  const provider = await inventory.parties.create('BenchProvider', { id: `${tag}-rsp` });
  const site = await inventory.places.create('BenchSite', { id: `${tag}-site` });
  const running = [reconcileWorker.run(), noopWorker.run()];
  const servers = localServers(settings, serverNeeds);
  const poolFor = async (name: string, size: number) => {
    const pool = await inventory.instances.build(BenchVlanPool, { id: `${tag}-pool-${name}`, name: `${tag}-pool` });
    await inventory.instances.define(BenchVlanPool, pool.id, { pools: { vlans: { first: 1, last: size } } });
    return pool.id;
  };
  const intent = (poolId: string) => ({
    kind: 'BenchAccess',
    name: `${tag}-access`,
    characteristics: { access: { technology: 'fttp', downMbps: 100 } },
    parties: [{ role: 'provider', id: provider.id }],
    places: [{ role: 'installationSite', id: site.id }],
    assignments: [{ alias: 'svlan', pool: 'vlans', from: poolId }],
    driftSeconds: 3600,
  });
  try {
    if (warmUp > 0)
      await warmUpNeo4j({
        expectationsAtMost: warmUp,
        servers,
        poolId: await poolFor('warm-up', 2 * warmUp),
        intent,
        create: (id, body) => expectations.create(body, id),
        activities: reconcileActivities,
        idOf: (index) => `${tag}-warm-up-${index}`,
        callers: submitters,
        // The warm-up grew the graph from next to nothing: Neo4j re-plans each cached query once
        // its statistics have moved far enough and its plan is 2 minutes old (neo4j.conf), which
        // was measured at 11 re-plans in the middle of N=1000. Planning them again against the
        // warm-up's graph, then a round on the new plans, is what a server that has run a while has done.
        replan: () =>
          driver
            .executeQuery('CALL db.clearQueryCaches()', {}, { database: settings.neo4j.database })
            .then(() => undefined),
      });
    // then a round of 50, not reported, warms up the workflow cache and the Temporal server for both
    // sides and counts the tasks an expectation needs: the baseline runs that many no-op activities
    let tasksPerExpectation = 0;
    const rounds = [50, ...sizes.flatMap((size) => Array<number>(size < 1000 ? repeats : 1).fill(size))];
    const ratios = new Map<number, Array<{ lower: number; upper: number }>>();
    for (const [round, size] of rounds.entries()) {
      const say = round === 0 ? () => undefined : (line: string) => console.log(line);
      const of = rounds.filter((other) => other === size).length;
      const ids = Array.from({ length: size }, (_, index) => `${tag}-${round}-${size}-${index}`);
      const baseline = async (pass: string) => {
        const cpuAtStart = readCpu(servers);
        const noopBegan = performance.now();
        const noopIds = ids.map((id) => `${id}-noop-${pass}`);
        workflowIds.push(...noopIds);
        await Promise.all(
          noopIds.map((workflowId) =>
            client.workflow.execute(noopSequence, { taskQueue: noopQueue, workflowId, args: [tasksPerExpectation] }),
          ),
        );
        const noopSeconds = (performance.now() - noopBegan) / 1000;
        const rate = (size * tasksPerExpectation) / noopSeconds;
        say(
          `  baseline ${pass}: ${size} workflows × ${tasksPerExpectation} no-op activities in ${noopSeconds.toFixed(1)} s = ${rate.toFixed(0)} activities/s; ${cpuSpent(cpuAtStart, readCpu(servers), noopSeconds)}`,
        );
        return rate;
      };
      say(`N=${size}${of > 1 ? ` (round ${(ratios.get(size)?.length ?? 0) + 1} of ${of})` : ''}:`);
      // the baseline runs right before and right after, on other workflow ids, to show how much the machine drifts
      const rateBefore = round === 0 ? 0 : await baseline('before');

      calls.clear();
      const poolId = await poolFor(`${round}-${size}`, size);
      const cpuBefore = readCpu(servers);
      const began = performance.now();
      await withWorkers(ids, submitters, async (id) => {
        const stored = await expectations.create(intent(poolId), id);
        workflowIds.push(await signalReconciler({ client, expectations, taskQueue: reconcileQueue }, stored));
      });
      const submitted = (performance.now() - began) / 1000;
      const metInGraph = async () => {
        const result = await driver.executeQuery(
          'MATCH (e:Expectation) WHERE e.id IN $ids AND e.status = "met" RETURN count(e) AS met',
          { ids },
          { database: settings.neo4j.database },
        );
        return result.records[0]!.get('met') as number;
      };
      while (!ids.every((id) => met.has(id)) || (await metInGraph()) < size) await sleep(20);
      const seconds = (performance.now() - began) / 1000;
      const cpu = cpuSpent(cpuBefore, readCpu(servers), seconds);
      const observations = ['observe', 'recordBlocked'].reduce((sum, name) => sum + (calls.get(name) ?? 0), 0);
      const tasks = [...calls.values()].reduce((sum, count) => sum + count, 0) - observations;
      tasksPerExpectation = Math.round(tasks / size);
      say(
        `  reconcile: converged in ${seconds.toFixed(1)} s (submitting took ${submitted.toFixed(1)} s, ${submitters} at a time); ${(tasks / size).toFixed(2)} tasks/expectation (${[...calls.entries()].map(([name, count]) => `${name} ${count}`).join(', ')})`,
      );
      say(
        `  reconcile: ${(tasks / seconds).toFixed(0)} tasks/s, ${(size / seconds).toFixed(1)} expectations/s; ${cpu}`,
      );
      if (round === 0) continue;

      const rates = [rateBefore, await baseline('after')];
      const taskRate = tasks / seconds;
      const ratio = { lower: taskRate / Math.max(...rates), upper: taskRate / Math.min(...rates) };
      ratios.set(size, [...(ratios.get(size) ?? []), ratio]);
      say(
        `  ratio reconcile task rate / no-op activity rate: ${ratio.lower.toFixed(2)}–${ratio.upper.toFixed(2)} (goal ≥ 0.6)`,
      );
    }
    for (const [size, measured] of ratios) {
      if (measured.length === 1) continue;
      const spread = (bound: 'lower' | 'upper') => {
        const sorted = measured.map((ratio) => ratio[bound]).sort((a, b) => a - b);
        return `${sorted[0]!.toFixed(2)}/${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}/${sorted.at(-1)!.toFixed(2)}`;
      };
      console.log(
        `N=${size} over ${measured.length} rounds, ratio min/median/max: lower bound ${spread('lower')}, upper bound ${spread('upper')} (goal ≥ 0.6)`,
      );
    }
  } finally {
    reconcileWorker.shutdown();
    noopWorker.shutdown();
    await Promise.all(running);
    // a bench run starts thousands of workflows; a dev server's SQLite file that grew to 2.5 GB
    // was measured to cost reconcile 54 instead of 36 ms of Temporal CPU per expectation
    const namespace = settings.temporal.namespace;
    await withWorkers(workflowIds, submitters, (workflowId) =>
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
    // in batches: a run leaves ~10,000 expectations with their instances, and deleting them in
    // one transaction went over Neo4j's 256 MB transaction memory and left them all behind
    for (let deleted = -1; deleted !== 0;) {
      const result = await driver.executeQuery(
        `MATCH (n) WHERE (n:Instance OR n:Expectation OR n:Party OR n:Place) AND n.id STARTS WITH $tag
         WITH n LIMIT 500
         OPTIONAL MATCH (n)-[:${ownPartsTypes}]->(part)
         WITH n, collect(part) AS parts
         FOREACH (part IN parts | DETACH DELETE part)
         DETACH DELETE n
         RETURN count(*) AS deleted`,
        { tag },
        { database: settings.neo4j.database },
      );
      deleted = result.records[0]!.get('deleted') as number;
    }
    await connection.close();
    await nativeConnection.close();
    await driver.close();
  }
}
