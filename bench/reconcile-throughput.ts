import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReconcileActivities } from '../activities/reconcile-activities.js';
import { signalReconciler } from '../runtime/submission.js';
import { noopSequence } from './fixtures/noop-workflow.js';
import { format, summarise } from './measure.js';
import { cpuPerItem, cpuSpent, readCpu, residentMemory } from './process-cpu.js';
import {
  BenchVlanPool,
  countActivities,
  createWorkers,
  metInGraph,
  openBench,
  submitters,
  tearDown,
  type Bench,
  type BenchWorkers,
  type CountedActivities,
} from './reconcile-bench.js';
import { forEachAtMost } from '../runtime/at-most-at-once.js';
import { sizesFromEnvironment, warmUpNeo4j } from './reconcile-warm-up.js';

/**
 * Converge N cluster-like expectations (build with a characteristic, a party and a place,
 * four VLANs from a pool, then the state active) through real reconcile workflows; report
 * wall time, activities per expectation, the CPU each server used, and expectations
 * converged per second as a ratio of the rate of no-op workflows that each run one no-op
 * activity, on the same Temporal server in the same run.
 */
export async function reconcileThroughput(): Promise<void> {
  const { sizes, warmUp, repeats } = sizesFromEnvironment();
  const bench = await openBench();
  const activities = countActivities(bench);
  const workers = await createWorkers(bench, activities);
  const load = await benchLoad(bench);
  const running = [workers.reconcile.run(), workers.noop.run()];
  try {
    if (warmUp > 0) await warmUpBench(bench, load, activities.plain, warmUp);
    // then a round of 50, not reported, warms up the workflow cache and the Temporal server for both
    // sides and counts the tasks an expectation needs: the baseline runs that many no-op activities
    const rounds = [50, ...sizes.flatMap((size) => Array<number>(size < 1000 ? repeats : 1).fill(size))];
    reportSpread(await measureRounds({ bench, activities, workers, load }, rounds));
  } finally {
    await tearDown(bench, workers, running);
  }
}

/** VLANs each expectation is assigned: with its state, the shape of a cluster given four cores. */
const slotsPerExpectation = 4;

/** What the benchmark converges: pools of VLANs, and access expectations each assigned four VLANs from one and made active. */
interface Load {
  poolFor: (name: string, size: number) => Promise<string>;
  intent: (poolId: string) => Record<string, unknown>;
}

/** Creates the provider and the site every expectation refers to. */
async function benchLoad({ inventory, tag }: Bench): Promise<Load> {
  const provider = await inventory.parties.create('BenchProvider', { id: `${tag}-rsp` });
  const site = await inventory.places.create('BenchSite', { id: `${tag}-site` });
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
    assignments: Array.from({ length: slotsPerExpectation }, (_, slot) => ({
      alias: `vlan${slot}`,
      pool: 'vlans',
      from: poolId,
    })),
    state: 'active',
    driftSeconds: 3600,
  });
  return { poolFor, intent };
}

/** Warms Neo4j up with at most `warmUp` expectations (then as many on its queries planned again): see warmUpNeo4j. */
async function warmUpBench(bench: Bench, load: Load, activities: ReconcileActivities, warmUp: number): Promise<void> {
  const { driver, expectations, servers, settings, tag } = bench;
  await warmUpNeo4j({
    expectationsAtMost: warmUp,
    servers,
    poolId: await load.poolFor('warm-up', 2 * slotsPerExpectation * warmUp),
    intent: load.intent,
    create: (id, body) => expectations.create(body, id),
    activities,
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
}

/** Everything a measured round needs. */
interface Measuring {
  bench: Bench;
  activities: CountedActivities;
  workers: BenchWorkers;
  load: Load;
}

/** One measured round of a size: what it converged and how fast, against the no-op baselines around it. */
interface Round {
  /** Expectations converged per second. */
  convergedPerSecond: number;
  /** Activities (not the local observe) per expectation. */
  activitiesPerExpectation: number;
  /** Converged/s over no-op workflows/s: against the faster and the slower baseline. */
  lower: number;
  upper: number;
}

type Say = (line: string) => void;

/** Each round: baseline, reconcile, baseline; the first round is not reported. Returns the rounds of each size. */
async function measureRounds(measuring: Measuring, rounds: number[]): Promise<Map<number, Round[]>> {
  const measured = new Map<number, Round[]>();
  for (const [round, size] of rounds.entries()) {
    const say: Say = round === 0 ? () => undefined : (line: string) => console.log(line);
    const of = rounds.filter((other) => other === size).length;
    const ids = Array.from({ length: size }, (_, index) => `${measuring.bench.tag}-${round}-${size}-${index}`);
    const baseline = (pass: string) => runBaseline(measuring, ids, pass, say);
    say(`N=${size}${of > 1 ? ` (round ${(measured.get(size)?.length ?? 0) + 1} of ${of})` : ''}:`);
    // the baseline runs right before and right after, on other workflow ids, to show how much the machine drifts
    const rateBefore = round === 0 ? 0 : await baseline('before');
    const { activities, seconds } = await converge(measuring, ids, `${round}-${size}`, say);
    if (round === 0) continue;

    const rates = [rateBefore, await baseline('after')];
    const convergedPerSecond = size / seconds;
    const result = {
      convergedPerSecond,
      activitiesPerExpectation: activities / size,
      lower: convergedPerSecond / Math.max(...rates),
      upper: convergedPerSecond / Math.min(...rates),
    };
    measured.set(size, [...(measured.get(size) ?? []), result]);
    say(`  ratio converged/s / no-op workflows/s: ${result.lower.toFixed(2)}–${result.upper.toFixed(2)} (goal ≥ 1.0)`);
  }
  return measured;
}

/** How many no-op workflows' results the baseline waits for at once. */
const baselineResultsAtOnce = 200;

/** A no-op workflow per id running one no-op activity, started `submitters` at a time; returns workflows/s. */
async function runBaseline({ bench, workers }: Measuring, ids: string[], pass: string, say: Say): Promise<number> {
  const { client, servers, workflowIds } = bench;
  const size = ids.length;
  const cpuAtStart = readCpu(servers);
  const noopBegan = performance.now();
  const noopIds = ids.map((id) => `${id}-noop-${pass}`);
  workflowIds.push(...noopIds);
  // started and awaited a bounded number at a time: 10,000 result long-polls at once exceed the
  // namespace's concurrent poller limit (RESOURCE_EXHAUSTED)
  const handles = new Map<string, Awaited<ReturnType<typeof client.workflow.start>>>();
  const waiting = forEachAtMost(baselineResultsAtOnce, noopIds, async (workflowId) => {
    while (!handles.has(workflowId)) await sleep(5);
    await handles.get(workflowId)!.result();
  });
  await forEachAtMost(submitters, noopIds, async (workflowId) => {
    handles.set(
      workflowId,
      await client.workflow.start(noopSequence, { taskQueue: workers.noopQueue, workflowId, args: [1] }),
    );
  });
  await waiting;
  const noopSeconds = (performance.now() - noopBegan) / 1000;
  const rate = size / noopSeconds;
  say(
    `  baseline ${pass}: ${size} workflows × 1 no-op activity in ${noopSeconds.toFixed(1)} s = ${rate.toFixed(1)} workflows/s; ${cpuSpent(cpuAtStart, readCpu(servers), noopSeconds)}`,
  );
  return rate;
}

/**
 * Submits an expectation per id, `submitters` at a time, from a new pool, and waits until all are
 * met; returns the activities the reconcilers ran (all but the local observe) and the seconds it took.
 */
async function converge(
  { bench, activities, workers, load }: Measuring,
  ids: string[],
  poolName: string,
  say: Say,
): Promise<{ activities: number; seconds: number }> {
  const { client, expectations, servers, workflowIds } = bench;
  const { calls, met } = activities;
  const size = ids.length;
  calls.clear();
  const poolId = await load.poolFor(poolName, slotsPerExpectation * size);
  const cpuBefore = readCpu(servers);
  const began = performance.now();
  await forEachAtMost(submitters, ids, async (id) => {
    const stored = await expectations.create(load.intent(poolId), id);
    // a machine busy with other work can take Temporal past the submitter's 2 s: the bench waits
    const deps = { client, expectations, taskQueue: workers.reconcileQueue, signalDeadlineMs: 60_000 };
    workflowIds.push(await signalReconciler(deps, stored));
  });
  const submitted = (performance.now() - began) / 1000;
  while (!ids.every((id) => met.has(id)) || (await metInGraph(bench, ids)) < size) await sleep(20);
  const seconds = (performance.now() - began) / 1000;
  const cpu = cpuSpent(cpuBefore, readCpu(servers), seconds);
  const ran = [...calls.entries()].filter(([name]) => name !== 'observe');
  const count = ran.reduce((sum, [, calls]) => sum + calls, 0);
  say(
    `  reconcile: converged in ${seconds.toFixed(1)} s (submitting took ${submitted.toFixed(1)} s, ${submitters} at a time); ${(count / size).toFixed(2)} activities/expectation (${ran.map(([name, calls]) => `${name} ${calls}`).join(', ')}; observe ${calls.get('observe') ?? 0}, local)`,
  );
  say(`  reconcile: ${(size / seconds).toFixed(1)} expectations converged/s; ${cpu}`);
  say(`  reconcile: CPU per expectation: ${cpuPerItem(cpuBefore, readCpu(servers), size)}`);
  // every reconciler converged so far (warm-up aside) is still open: met, waiting on its drift timer
  say(`  resident memory with ${met.size} met reconcilers open: ${residentMemory(servers)}`);
  return { activities: count, seconds };
}

/** For each size: converged/s, activities per expectation and the ratios, min/median/max over its rounds. */
function reportSpread(measured: Map<number, Round[]>): void {
  for (const [size, rounds] of measured) {
    const spread = (figure: keyof Round, unit: string) => format(summarise(rounds.map((round) => round[figure])), unit);
    console.log(
      `N=${size} over ${rounds.length} round(s): converged ${spread('convergedPerSecond', '/s')}; ${spread('activitiesPerExpectation', 'activities/expectation')}; ratio to no-op workflows with one activity: lower bound ${spread('lower', '×')}, upper bound ${spread('upper', '×')} (goal ≥ 1.0)`,
    );
  }
}
