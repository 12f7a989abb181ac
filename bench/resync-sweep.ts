import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from '@temporalio/worker';
import type { StoredExpectation } from '../graph/expectation-repository.js';
import { forEachAtMost } from '../runtime/at-most-at-once.js';
import { reconcileWorkflowBundle } from '../runtime/reconcile-worker.js';
import { resyncReconcilers } from '../runtime/resync.js';
import { signalReconciler, type SubmissionDependencies } from '../runtime/submission.js';
import { workflowIdOf } from '../workflows/reconcile-messages.js';
import { format, summarise } from './measure.js';
import { countActivities, createWorkers, metInGraph, openBench, tearDown, type Bench } from './reconcile-bench.js';
import { workflowTasksOf } from './workflow-tasks.js';

/**
 * The resync sweep over `RESYNC_SIZE` (default 1,000) met expectations whose reconcilers all run:
 * the workflow tasks it creates (goal 0) and how long it takes, over `RESYNC_RUNS` (default 3)
 * runs; then a worker restarted over them with its resync at start (workflow tasks created: the
 * replays it caused); then, as the baseline in the same run, the sweep as it was before —
 * every expectation read at once, signal-with-start of each — once. Each sweep walks every
 * expectation in the graph (others' too) and acts on this run's.
 */
export async function resyncSweep(): Promise<void> {
  const size = Number(process.env.RESYNC_SIZE ?? 1_000);
  const runs = Number(process.env.RESYNC_RUNS ?? 3);
  const bench = await openBench();
  const activities = countActivities(bench);
  const workers = await createWorkers(bench, activities);
  const running = [workers.reconcile.run(), workers.noop.run()];
  const { client, expectations, tag } = bench;
  const sweep: Sweep = {
    // a shared 2-core machine under load may answer later than a submitter's deadline (2 s)
    deps: { client, expectations, taskQueue: workers.reconcileQueue, signalDeadlineMs: 30_000 },
    mine: (expectation) => expectation.id.startsWith(tag),
    ids: Array.from({ length: size }, (_, index) => `${tag}-exp-${index}`),
  };
  const tasks = () => workflowTasksOf(client, sweep.ids.map(workflowIdOf));
  try {
    await convergeMet(bench, sweep);
    const before = await tasks();
    const seconds: number[] = [];
    for (let run = 0; run < runs; run += 1) seconds.push(await timed(() => resyncReconcilers(sweep.deps, sweep.mine)));
    const sweepTasks = (await tasks()) - before;
    console.log(
      `sweep over ${size} met expectations, reconcilers running: ${format(summarise(seconds), 's')}; ` +
        `workflow tasks created by ${runs} sweeps: ${sweepTasks} (goal 0)`,
    );

    workers.reconcile.shutdown();
    await running[0];
    workers.reconcile = await Worker.create({
      connection: bench.nativeConnection,
      namespace: bench.settings.temporal.namespace,
      taskQueue: workers.reconcileQueue,
      workflowBundle: await reconcileWorkflowBundle(),
      activities: activities.counted,
    });
    running[0] = workers.reconcile.run();
    const beforeRestart = await tasks();
    const restartSweep = await timed(() => resyncReconcilers(sweep.deps, sweep.mine));
    console.log(
      `worker restarted over them, its resync at start took ${restartSweep.toFixed(1)} s; workflow tasks (replays) created: ${(await tasks()) - beforeRestart} (goal 0)`,
    );

    const beforeBaseline = await tasks();
    // the sweep as it was: every expectation read at once, then signal-with-start of each in turn
    const baseline = await timed(async () => {
      for (const expectation of (await expectations.list()).filter(sweep.mine)) {
        await signalReconciler(sweep.deps, expectation);
      }
    });
    const baselineTasks = (await tasks()) - beforeBaseline;
    console.log(
      `baseline, the sweep before (every expectation read at once, signal-with-start of each): ${baseline.toFixed(1)} s; workflow tasks created: ${baselineTasks}`,
    );
    console.log(
      `sweep / baseline: duration ${(summarise(seconds).median / baseline).toFixed(2)} (median sweep); workflow tasks per sweep ${sweepTasks / runs} vs ${baselineTasks}`,
    );
    // the woken reconcilers observe once more: let them, before their workflows are deleted
    await sleep(5_000);
  } finally {
    await tearDown(bench, workers, running);
  }
}

/** The run's expectations, how the sweep is called, and which expectations it acts on. */
interface Sweep {
  deps: SubmissionDependencies;
  mine: (expectation: StoredExpectation) => boolean;
  ids: string[];
}

/** Seconds `work` takes. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await work();
  return (performance.now() - began) / 1000;
}

/**
 * Submits the run's expectations, 20 at a time, and waits until every one is met in the graph
 * and its reconciler has published that (the workflow task after its last task has run: idle).
 */
async function convergeMet(bench: Bench, { deps, ids }: Sweep): Promise<void> {
  const { client, expectations, tag } = bench;
  const converging = await timed(async () => {
    await forEachAtMost(20, ids, async (id) => {
      const stored = await expectations.create({ kind: 'BenchVlanPool', name: id }, id);
      bench.workflowIds.push(workflowIdOf(id)); // deleted at the end even if the answer is lost
      await signalReconciler(deps, stored);
    });
    while ((await metInGraph(bench, ids)) < ids.length) await sleep(1_000);
    const published = `WorkflowId STARTS_WITH '${workflowIdOf(tag)}' AND ExecutionStatus = 'Running' AND ReconcileStatus = 'met'`;
    while ((await client.workflow.count(published)).count < ids.length) await sleep(1_000);
  });
  console.log(`${ids.length} expectations met in ${converging.toFixed(0)} s`);
}
