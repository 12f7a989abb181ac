import {
  ApplicationFailure,
  ActivityFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  Observation,
  ObservationOrDeleted,
  ReconcileActivities,
  TaskDone,
} from '../activities/reconcile-activities.js';
import type { Plan, Task } from '../expectations/tasks.js';
import { failedTaskOf } from './failed-task.js';
import {
  expectationChanged,
  expectationDeleted,
  lastTaskQuery,
  outstandingQuery,
  statusQuery,
  type ReconcileState,
} from './reconcile-messages.js';
import { ExpectationId, KindName, OutstandingCount, ReconcileStatus } from './search-attributes.js';

/**
 * One reconcile workflow per expectation, level-triggered: observe (the whole expected and
 * actual state; a local activity) → the planned tasks (one activity carries out the batch the
 * planner hands it — a build with its assignments, relationships and state, say — and ends by
 * observing again, all in one transaction) → the next batch, until nothing is outstanding. Then it
 * waits for a change signal or the drift timer and observes again, so out-of-band changes
 * are repaired. A task that cannot succeed blocks the expectation with a reason; the
 * workflow then waits for a change or the back-off timer — it never spins.
 */
export interface ReconcileInput {
  expectationId: string;
  /** Seconds between observations of a met expectation (the expectation's driftSeconds wins). */
  driftSeconds?: number;
  /** Seconds before trying a blocked expectation again without a change (the expectation's blockedRetrySeconds wins). */
  blockedRetrySeconds?: number;
  /** Observations per run before continue-as-new (default 200). */
  iterationsPerRun?: number;
}

const defaults = { driftSeconds: 300, blockedRetrySeconds: 60 };
/** Iterations per run before continue-as-new: ~12 history events each keeps a run far below the limits. */
const defaultIterationsPerRun = 200;

/** Transient failures (Neo4j unreachable, a deadlock) are retried with back-off; domain errors are not retryable. */
const activityRetry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  maximumAttempts: 20,
} as const;
/**
 * Observing is a read and a small status write, milliseconds long: as a local activity it
 * runs inside the workflow task that asked for it — no activity task on the server, no
 * extra workflow task — which is most of what a reconcile step costs the Temporal server.
 * Retries longer than the threshold wait on a server timer instead of holding the task.
 */
const { observe } = proxyLocalActivities<ReconcileActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: activityRetry,
});
/**
 * Tasks (and the record of a blocked one) take milliseconds; a worker that died holding one
 * is noticed after the timeout, then the activity is retried.
 */
const activities = proxyActivities<ReconcileActivities>({
  startToCloseTimeout: '20 seconds',
  retry: activityRetry,
});

/**
 * Since batching (issue 18): one activity carries out a plan's batch of tasks (`runTasks`)
 * instead of one activity per task. A history recorded before replays the old branch.
 */
const batchedTasks = 'batched-tasks';

function failureReason(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) return cause.type ? `${cause.type}: ${cause.message}` : cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Search attributes and memo that name the expectation: set at start by the submitter, upserted
 * only when missing or changed (a workflow started without them; a renamed expectation).
 */
function describe(expectationId: string, observation: { kind: string; name?: string | null; actualId?: string }): void {
  const info = workflowInfo();
  const memo = { name: observation.name ?? null, actualId: observation.actualId ?? null };
  const attributes = info.typedSearchAttributes;
  if (attributes.get(ExpectationId) !== expectationId || attributes.get(KindName) !== observation.kind) {
    upsertSearchAttributes([
      { key: ExpectationId, value: expectationId },
      { key: KindName, value: observation.kind },
    ]);
  }
  if (info.memo?.name !== memo.name || info.memo?.actualId !== memo.actualId) upsertMemo(memo);
}

/**
 * How a status shows in the search attributes: a settled (met or blocked) reconciler with its
 * outstanding count; a progressing one without, so its steps upsert nothing.
 */
const shown = (status: string | undefined, outstandingCount: number | undefined) =>
  status === undefined || status === 'progressing' ? (status ?? '') : `${status}/${outstandingCount}`;

/**
 * One reconciler's run: its input, what the signal handlers have seen (change signals counted,
 * and whether the expectation was deleted) and the state its queries answer.
 */
interface Run {
  input: ReconcileInput;
  signals: { changes: number; deleted: boolean };
  state: ReconcileState;
}

/** A fresh run's state, with the signal and query handlers that read and write it. */
function startRun(input: ReconcileInput): Run {
  const signals = { changes: 0, deleted: false };
  const state: ReconcileState = {
    expectationId: input.expectationId,
    status: 'pending',
    generation: 0,
    outstanding: null,
    outstandingCount: 0,
    iterations: 0,
  };
  setHandler(expectationChanged, () => void (signals.changes += 1));
  setHandler(expectationDeleted, () => void (signals.deleted = true));
  setHandler(statusQuery, () => state);
  setHandler(outstandingQuery, () => state.outstanding);
  setHandler(lastTaskQuery, () => state.lastTask);
  return { input, signals, state };
}

/**
 * Each upsert is a history event and a visibility write, so search attributes change when
 * the status does, and when the outstanding count of a settled (met or blocked) reconciler
 * does; while progressing, OutstandingCount stays at the count progress began with (and is
 * not set at all while a new expectation, started as progressing by the submitter, makes
 * its first progress). A continued run starts with the attributes its predecessor left.
 */
function publish({ state }: Run, status: ReconcileState['status']): void {
  state.status = status;
  const attributes = workflowInfo().typedSearchAttributes;
  const current = shown(attributes.get(ReconcileStatus), attributes.get(OutstandingCount));
  if (shown(status, state.outstandingCount) === current) return;
  upsertSearchAttributes([
    { key: ReconcileStatus, value: status },
    { key: OutstandingCount, value: state.outstandingCount },
  ]);
}

/** Waits until a change signal after `seen`, the deletion, or `seconds` pass. */
const waitForChange = ({ signals }: Run, seen: number, seconds: number) =>
  condition(() => signals.changes !== seen || signals.deleted, `${seconds} seconds`);

/** The back-off of a blocked reconciler: the expectation's, else the input's, else the default. */
const blockedRetry = ({ input }: Run, observation?: { blockedRetrySeconds?: number }) =>
  observation?.blockedRetrySeconds ?? input.blockedRetrySeconds ?? defaults.blockedRetrySeconds;

/**
 * The observation to act on: `next` (the one the last task ended with), else a fresh one.
 * Undefined when observing failed (Neo4j unreachable for longer than the retries): the run then
 * is blocked and has waited for a change or the back-off, and tries again.
 */
async function observeOrBlock(
  run: Run,
  seen: number,
  next: ObservationOrDeleted | undefined,
): Promise<ObservationOrDeleted | undefined> {
  try {
    return next ?? (await observe(run.input.expectationId));
  } catch (error) {
    run.state.reason = `cannot observe: ${failureReason(error)}`;
    publish(run, 'blocked');
    await waitForChange(run, seen, blockedRetry(run));
    return undefined;
  }
}

/** What the queries answer and the search attributes and memo say, from an observation. */
function recordObservation(run: Run, observation: Observation): void {
  const { state } = run;
  state.iterations += 1;
  state.generation = observation.generation;
  state.outstanding = observation.outstanding;
  state.outstandingCount = observation.outstandingCount;
  describe(run.input.expectationId, observation);
}

/** What a step's activity did: its last task carried out (when any) and the observation it ended with. */
interface StepDone {
  last: TaskDone | undefined;
  observation: ObservationOrDeleted;
}

/** The task of a step that failed, and the step's batch (rolled back with it). */
interface FailedStep {
  task: Task;
  batch: Task[];
}

/**
 * One step: `activity` carries out the planned task or batch. Returns the observation it ended
 * with, for the next iteration to start from — unless a change was signalled while it ran (that
 * change may be newer); `lastTask` is the last task it carried out. When it fails, the run is
 * blocked with the reason of the task that failed (`failed`; `blockAfter`).
 */
async function step(
  run: Run,
  observation: Observation,
  seen: number,
  activity: () => Promise<StepDone>,
  failed: (error: unknown) => FailedStep,
): Promise<ObservationOrDeleted | undefined> {
  const { state, signals } = run;
  publish(run, 'progressing');
  state.reason = undefined;
  try {
    const { last, observation: after } = await activity();
    if (last) state.lastTask = { type: last.type, key: last.key, ok: true, result: last.outcome };
    return signals.changes === seen ? after : undefined;
  } catch (error) {
    return blockAfter(run, observation, seen, failed(error), error);
  }
}

/** The planned task, in an activity of its own (histories recorded before `batchedTasks`). */
const runTask = (run: Run, observation: Observation, task: Task, seen: number) =>
  step(
    run,
    observation,
    seen,
    async () => {
      const { outcome, observation: after } = await activities[task.type](task, run.input.expectationId);
      return { last: { type: task.type, key: task.key, outcome }, observation: after };
    },
    () => ({ task, batch: [task] }),
  );

/** The planned batch of tasks in one activity (`runTasks`: one transaction); a failure names its task (else: the first). */
const runTasks = (run: Run, observation: Observation, tasks: Task[], seen: number) =>
  step(
    run,
    observation,
    seen,
    async () => {
      const { done, observation: after } = await activities.runTasks(tasks, run.input.expectationId);
      return { last: done.at(-1), observation: after };
    },
    (error) => {
      const key = failedTaskOf(error)?.key;
      return { task: tasks.find((task) => task.key === key) ?? tasks[0]!, batch: tasks };
    },
  );

/**
 * A task failed: the run is blocked with its reason — recorded best effort, with the task (and
 * its batch when it had more), whose needs are what the expectation waits for — and waits for a
 * change or the back-off.
 */
async function blockAfter(
  run: Run,
  observation: Observation,
  seen: number,
  { task, batch }: FailedStep,
  error: unknown,
): Promise<undefined> {
  const { input, state } = run;
  const reason = failureReason(error);
  state.lastTask = { type: task.type, key: task.key, ok: false, result: reason };
  state.reason = reason;
  publish(run, 'blocked');
  await activities
    .recordBlocked(input.expectationId, {
      generation: observation.generation,
      reason,
      task,
      ...(batch.length > 1 ? { batch } : {}),
    })
    .catch(() => undefined); // the status write is best effort: the next observation records it again
  await waitForChange(run, seen, blockedRetry(run, observation));
  return undefined;
}

/** A plan with no task: met, or blocked with a reason. */
type Settled = Exclude<Plan, { outcome: 'task' }>;

/**
 * Nothing to do: met (wait for a change or the drift timer) or blocked with the planner's
 * reason (wait for a change or the back-off).
 */
async function settle(run: Run, observation: Observation, plan: Settled, seen: number): Promise<void> {
  if (plan.outcome === 'met') {
    run.state.reason = undefined;
    publish(run, 'met');
    await waitForChange(run, seen, observation.driftSeconds ?? run.input.driftSeconds ?? defaults.driftSeconds);
  } else {
    run.state.reason = plan.reason;
    publish(run, 'blocked');
    await waitForChange(run, seen, blockedRetry(run, observation));
  }
}

export async function reconcile(input: ReconcileInput): Promise<void> {
  const run = startRun(input);
  const iterationsPerRun = input.iterationsPerRun ?? defaultIterationsPerRun;
  /** The observation a task activity ended with: the next iteration starts from it instead of observing again. */
  let next: ObservationOrDeleted | undefined;
  for (let iteration = 0; iteration < iterationsPerRun && !workflowInfo().continueAsNewSuggested; iteration += 1) {
    if (run.signals.deleted) return;
    const seen = run.signals.changes;
    const observation = await observeOrBlock(run, seen, next);
    next = undefined;
    if (observation === undefined) continue;
    if (observation.deleted) return;
    recordObservation(run, observation);
    const { plan } = observation;
    if (plan.outcome !== 'task') await settle(run, observation, plan, seen);
    else if (patched(batchedTasks)) next = await runTasks(run, observation, plan.tasks ?? [plan.task], seen);
    else next = await runTask(run, observation, plan.task, seen);
  }
  if (run.signals.deleted) return;
  await continueAsNew<typeof reconcile>(input);
}
