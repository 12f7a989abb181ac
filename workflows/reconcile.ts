import {
  ApplicationFailure,
  ActivityFailure,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ObservationOrDeleted, ReconcileActivities } from '../activities/reconcile-activities.js';
import type { Task } from '../expectations/tasks.js';
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
 * actual state; a local activity) → the planned task (an activity that ends by observing
 * again, in the task's own transaction) → the next task, until nothing is outstanding. Then it
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

export async function reconcile(input: ReconcileInput): Promise<void> {
  let changes = 0;
  let deleted = false;
  const state: ReconcileState = {
    expectationId: input.expectationId,
    status: 'pending',
    generation: 0,
    outstanding: null,
    outstandingCount: 0,
    iterations: 0,
  };
  setHandler(expectationChanged, () => void (changes += 1));
  setHandler(expectationDeleted, () => void (deleted = true));
  setHandler(statusQuery, () => state);
  setHandler(outstandingQuery, () => state.outstanding);
  setHandler(lastTaskQuery, () => state.lastTask);

  /**
   * Each upsert is a history event and a visibility write, so search attributes change when
   * the status does, and when the outstanding count of a settled (met or blocked) reconciler
   * does; while progressing, OutstandingCount stays at the count progress began with (and is
   * not set at all while a new expectation, started as progressing by the submitter, makes
   * its first progress). A continued run starts with the attributes its predecessor left.
   */
  const publish = (status: ReconcileState['status']) => {
    state.status = status;
    const attributes = workflowInfo().typedSearchAttributes;
    const current = shown(attributes.get(ReconcileStatus), attributes.get(OutstandingCount));
    if (shown(status, state.outstandingCount) === current) return;
    upsertSearchAttributes([
      { key: ReconcileStatus, value: status },
      { key: OutstandingCount, value: state.outstandingCount },
    ]);
  };
  const waitForChange = (seen: number, seconds: number) =>
    condition(() => changes !== seen || deleted, `${seconds} seconds`);
  /** The back-off of a blocked reconciler: the expectation's, else the input's, else the default. */
  const blockedRetry = (observation?: { blockedRetrySeconds?: number }) =>
    observation?.blockedRetrySeconds ?? input.blockedRetrySeconds ?? defaults.blockedRetrySeconds;

  const iterationsPerRun = input.iterationsPerRun ?? defaultIterationsPerRun;
  /** The observation a task activity ended with: the next iteration starts from it instead of observing again. */
  let next: ObservationOrDeleted | undefined;
  for (let iteration = 0; iteration < iterationsPerRun && !workflowInfo().continueAsNewSuggested; iteration += 1) {
    if (deleted) return;
    const seen = changes;
    let observation: ObservationOrDeleted;
    try {
      observation = next ?? (await observe(input.expectationId));
      next = undefined;
    } catch (error) {
      // Neo4j unreachable for longer than the retries: keep the workflow, try again later
      state.reason = `cannot observe: ${failureReason(error)}`;
      publish('blocked');
      await waitForChange(seen, blockedRetry());
      continue;
    }
    if (observation.deleted) return;
    state.iterations += 1;
    state.generation = observation.generation;
    state.outstanding = observation.outstanding;
    state.outstandingCount = observation.outstandingCount;
    describe(input.expectationId, observation);
    const { plan } = observation;
    if (plan.outcome === 'task') {
      publish('progressing');
      state.reason = undefined;
      const task: Task = plan.task;
      try {
        const { outcome, observation: after } = await activities[task.type](task, input.expectationId);
        state.lastTask = { type: task.type, key: task.key, ok: true, result: outcome };
        // a change signalled while the task ran may be newer than the observation it ended with
        next = changes === seen ? after : undefined;
      } catch (error) {
        const reason = failureReason(error);
        state.lastTask = { type: task.type, key: task.key, ok: false, result: reason };
        state.reason = reason;
        publish('blocked');
        await activities
          .recordBlocked(input.expectationId, {
            generation: observation.generation,
            reason,
            outstanding: observation.outstanding,
            actualId: observation.actualId,
          })
          .catch(() => undefined); // the status write is best effort: the next observation records it again
        await waitForChange(seen, blockedRetry(observation));
      }
      continue;
    }
    if (plan.outcome === 'met') {
      state.reason = undefined;
      publish('met');
      await waitForChange(seen, observation.driftSeconds ?? input.driftSeconds ?? defaults.driftSeconds);
    } else {
      state.reason = plan.reason;
      publish('blocked');
      await waitForChange(seen, blockedRetry(observation));
    }
  }
  if (deleted) return;
  await continueAsNew<typeof reconcile>(input);
}
