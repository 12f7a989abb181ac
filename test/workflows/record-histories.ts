/**
 * Records the reconcile histories that test/workflows/reconcile-replay.test.ts replays: real
 * reconcile workflows of TODAY's code, with the real activities on Neo4j, driven through the
 * paths a reconciler takes. Re-record deliberately (see docs/workflow-versioning.md), with
 * Neo4j and Temporal running (`npm run services -- up`, or NEO4J_URI / TEMPORAL_ADDRESS):
 *
 *   npx tsx test/workflows/record-histories.ts
 *
 * It writes test/workflows/histories/<scenario>.json (the `temporal workflow show --output json`
 * format) and deletes what it made in the graph.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createReconcileActivities } from '../../activities/reconcile-activities.js';
import { GPU } from '../../examples/compute/index.js';
import { exampleKinds } from '../../examples/index.js';
import type { Task } from '../../expectations/tasks.js';
import { readSettings } from '../../infra/settings.js';
import { openInventory } from '../../runtime/inventory-context.js';
import { reconcileWorkflowBundle } from '../../runtime/reconcile-worker.js';
import { signalReconciler, submitExpectation, waitForSettled, withdrawExpectation } from '../../runtime/submission.js';
import { statusQuery, workflowIdOf } from '../../workflows/reconcile-messages.js';
import { reconcile } from '../../workflows/reconcile.js';
import { eventually } from '../support/eventually.js';
import { deleteMade, nothingMade } from '../support/test-data.js';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];

Runtime.install({ logger: new DefaultLogger('ERROR') });
const settings = readSettings();
const { driver, inventory, expectations } = openInventory(settings.neo4j, exampleKinds);
const made = nothingMade();
const connection = await Connection.connect({ address: settings.temporal.address });
const client = new Client({ connection, namespace: settings.temporal.namespace });
const nativeConnection = await NativeConnection.connect({ address: settings.temporal.address });
const taskQueue = `record-histories-${randomUUID()}`;
const deps = { client, expectations, taskQueue };
const recorded: Record<string, History> = {};

/** The one expectation whose first batch with an assign waits until the script has signalled a change. */
let midway = '';
let assignStarted: () => void = () => undefined;
let releaseAssign: () => void = () => undefined;
const assignRunning = new Promise<void>((resolve) => (assignStarted = resolve));
const assignReleased = new Promise<void>((resolve) => (releaseAssign = resolve));
const activities = createReconcileActivities({ inventory, expectations });
const worker = await Worker.create({
  connection: nativeConnection,
  namespace: settings.temporal.namespace,
  taskQueue,
  workflowBundle: await reconcileWorkflowBundle(),
  activities: {
    ...activities,
    async runTasks(tasks: Task[], expectationId: string) {
      if (expectationId === midway && tasks.some((task) => task.type === 'assign')) {
        assignStarted();
        await assignReleased;
      }
      return activities.runTasks(tasks, expectationId);
    },
  },
});
const running = worker.run();

const expectationId = (scenario: string) => {
  const id = `recorded-${scenario}-${randomUUID()}`;
  made.expectations.add(id);
  made.instances.add(id);
  return id;
};
const gpuWithCores = async (last: number) => {
  const gpu = await inventory.instances.build(GPU, { name: 'recording gpu' });
  made.instances.add(gpu.id);
  await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last } } });
  return gpu.id;
};
const cores = (gpu: string, count: number) =>
  Array.from({ length: count }, (_, index) => ({ alias: `core${index + 1}`, pool: 'cores', from: gpu }));
const submit = async (id: string, intent: unknown) => {
  const { generation } = await submitExpectation(deps, intent, id);
  return waitForSettled(expectations, id, { generation, timeoutMs: 30_000 });
};
const count = (history: HistoryEvent[], has: (event: HistoryEvent) => unknown) => history.filter(has).length;
/** Waits until the run's history has at least `least` events that `has` picks. */
const untilHistory = async (handle: WorkflowHandle, has: (event: HistoryEvent) => unknown, least = 1) => {
  const enough = (history: HistoryEvent[]) => count(history, has) >= least;
  const history = await eventually(async () => (await handle.fetchHistory()).events ?? [], enough, 30_000, 100);
  if (!enough(history)) throw new Error(`${handle.workflowId}: the history never got there`);
};
const observations = (event: HistoryEvent) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity';
const blockedRecords = (event: HistoryEvent) =>
  event.activityTaskScheduledEventAttributes?.activityType?.name === 'recordBlocked';
const continued = (event: HistoryEvent) => event.workflowExecutionContinuedAsNewEventAttributes;
const fail = (scenario: string, what: string) => {
  throw new Error(`${scenario}: ${what}`);
};
/** Deletes the expectation (its reconciler completes) and keeps the run's whole history. */
const withdrawAndRecord = async (scenario: string, id: string) => {
  await withdrawExpectation(deps, id);
  const handle = client.workflow.getHandle(workflowIdOf(id));
  await handle.result();
  recorded[scenario] = await handle.fetchHistory();
};

try {
  await inventory.bootstrap();

  // build, assign and transition in one batch → met; the drift timer fires and it observes again; deleted
  {
    const id = expectationId('met');
    const gpu = await gpuWithCores(4);
    const settled = await submit(id, {
      kind: 'Cluster',
      name: 'recorded met',
      assignments: cores(gpu, 1),
      state: 'installed',
      driftSeconds: 1,
    });
    if (settled.status !== 'met') fail('met', `${settled.status} ${settled.reason}`);
    await untilHistory(client.workflow.getHandle(workflowIdOf(id)), observations, 2);
    await withdrawAndRecord('met-drift-deleted', id);
  }

  // a task of the batch fails (pool exhausted: nothing of the batch is left) → blocked, retried on the
  // back-off timer; changed to one core → met; changed to a new name → blocked by the planner;
  // changed back → met; deleted
  {
    const id = expectationId('blocked');
    const gpu = await gpuWithCores(1);
    const intent = { kind: 'Cluster', name: 'recorded blocked', assignments: cores(gpu, 2), blockedRetrySeconds: 1 };
    if ((await submit(id, intent)).status !== 'blocked') fail('blocked', 'not blocked on the pool');
    await untilHistory(client.workflow.getHandle(workflowIdOf(id)), blockedRecords, 2);
    const oneCore = { ...intent, assignments: cores(gpu, 1) };
    if ((await submit(id, oneCore)).status !== 'met') fail('blocked', 'not met with one core');
    const renamed = await submit(id, { ...oneCore, name: 'renamed' });
    if (renamed.status !== 'blocked') fail('blocked', 'the rename did not block');
    const changed = await submit(id, oneCore);
    if (changed.status !== 'met') fail('blocked', 'not met after the change');
    await withdrawAndRecord('blocked-changed-met', id);
  }

  // a change arrives while a task runs: the task's own observation is set aside and it observes again
  {
    const id = expectationId('midway');
    midway = id;
    const gpu = await gpuWithCores(4);
    const intent = { kind: 'Cluster', name: 'recorded midway', assignments: cores(gpu, 1), state: 'installed' };
    await submitExpectation(deps, intent, id);
    await assignRunning;
    const { generation } = await submitExpectation(deps, { ...intent, assignments: cores(gpu, 2) }, id);
    releaseAssign();
    const settled = await waitForSettled(expectations, id, { generation, timeoutMs: 30_000 });
    if (settled.status !== 'met') fail('midway', 'not met');
    await withdrawAndRecord('changed-while-a-task-ran', id);
  }

  // the worker cannot read the expectation (a kind it does not know) → blocked "cannot observe"; the
  // expectation is written again with a known kind and a change signalled → built and met; deleted
  {
    const id = expectationId('unreadable');
    const now = new Date().toISOString();
    await inventory.store.write((tx) =>
      tx.run(
        `CREATE (e:Expectation {id: $id, kind: 'Router', name: null, bodyJson: '{"kind":"Router"}', generation: 1,
               observedGeneration: 0, status: 'pending', outstandingJson: null, reason: null,
               createdAt: $now, updatedAt: $now})`,
        { id, now },
      ),
    );
    await signalReconciler(deps, { id, kind: 'Router' });
    const handle = client.workflow.getHandle(workflowIdOf(id));
    const blocked = await eventually(
      () => handle.query(statusQuery),
      (state) => state.status === 'blocked',
      30_000,
    );
    if (!blocked.reason?.startsWith('cannot observe')) fail('unreadable', `${blocked.status} ${blocked.reason}`);
    await expectations.delete(id);
    await submit(id, { kind: 'Cluster', name: 'recorded readable' });
    await withdrawAndRecord('cannot-observe-then-changed', id);
  }

  // started by hand (no search attributes or memo: it sets them) with 2 iterations per run:
  // build, met, drift → continue-as-new; the next run observes, is met, and is deleted
  {
    const id = expectationId('continued');
    await expectations.create({ kind: 'Cluster', name: 'recorded continued' }, id);
    const first = await client.workflow.start(reconcile, {
      workflowId: workflowIdOf(id),
      taskQueue,
      args: [{ expectationId: id, driftSeconds: 1, iterationsPerRun: 2 }],
    });
    const firstRun = client.workflow.getHandle(workflowIdOf(id), first.firstExecutionRunId);
    await untilHistory(firstRun, continued);
    recorded['continued-as-new'] = await firstRun.fetchHistory();
    await untilHistory(client.workflow.getHandle(workflowIdOf(id)), observations);
    await withdrawAndRecord('continued-run-deleted', id);
  }

  const folder = new URL('./histories/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  for (const [scenario, history] of Object.entries(recorded)) {
    const file = new URL(`${scenario}.json`, folder);
    writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
    console.log(`recorded ${history.events?.length} events: ${file.pathname}`);
  }
} finally {
  // a scenario that failed leaves its reconciler waiting on a queue nobody polls: end it
  const ended = [...made.expectations].map((id) =>
    client.workflow.getHandle(workflowIdOf(id)).terminate('recording ended'),
  );
  await Promise.allSettled(ended);
  worker.shutdown();
  await running;
  await deleteMade(driver, settings.neo4j.database, made);
  await nativeConnection.close();
  await connection.close();
  await driver.close();
}
