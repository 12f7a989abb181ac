import { log } from '@temporalio/activity';
import type { Task } from '../expectations/tasks.js';
import type { ExpectationRepository } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import { touchedBy } from '../model/waits-for.js';
import { domainFailures } from './domain-failure.js';
import { heartbeating } from './heartbeating.js';
import { observeExpectation, recordBlocked, type ObservationOrDeleted } from './observe-expectation.js';
import { retryingLostRaces, runTaskOnce, subjectOf } from './run-task.js';
import { runTasks, type TasksOutcome } from './run-tasks.js';
import { wakeIfEndedAlready, wakeWaitingOn, type Wake, type Waking } from './wake-waiting.js';

export type { Observation, ObservationOrDeleted } from './observe-expectation.js';
export type { TaskDone, TasksOutcome } from './run-tasks.js';

/**
 * The reconcile activities: thin, idempotent adapters over the inventory and expectation
 * operations. `observe` reads the whole expected and actual state (level-triggered),
 * computes what is outstanding and the next tasks, and records the observation; `runTasks`
 * carries out a batch of tasks for an expectation and ends with the observation that follows
 * them — tasks, their change events and the observation in one transaction. (One activity per
 * task type did that for one task before batching: kept for reconcilers whose history has them.)
 */

export interface ReconcileDependencies {
  inventory: Inventory;
  expectations: ExpectationRepository;
  /** Gives every stored expectation a running reconciler (needs a Temporal client: supplied by the worker process). */
  resync?: () => Promise<number>;
  /**
   * Told which expectation's activity found Neo4j unreachable (the worker's outage watcher: it
   * wakes that reconciler once Neo4j answers).
   */
  graphUnavailable?: (expectationId: string) => void;
  /** Signals reconcilers whose wait a task ended (activities/wake-waiting.ts; needs a Temporal client). */
  wake?: Wake;
}

/** What a task activity returns: what it did, and the observation that follows it. */
export interface TaskOutcome {
  outcome: string;
  observation: ObservationOrDeleted;
}

/** A task of this generation failed for this reason: the activity reads what is outstanding itself. */
export interface BlockedRecord {
  generation: number;
  reason: string;
  /**
   * The task that failed (absent in a record scheduled before the workflow sent it, with its key
   * only: then no wait is recorded, and the back-off timer wakes the reconciler).
   */
  task?: Task;
  /** The batch it failed in, when it had more tasks than this one (their values were rolled back with it). */
  batch?: Task[];
}

/** How the activities wake reconcilers: the worker's `wake`, warnings in the activity's log. */
const waking = ({ inventory, wake }: ReconcileDependencies): Waking => ({
  store: inventory.store,
  ...(wake ? { wake } : {}),
  warn: (line) => {
    log.warn(line);
  },
});

/** The activity for one task type: the task, its change event and the observation after it, in one transaction. */
function taskActivity(dependencies: ReconcileDependencies, type: Task['type']) {
  const { inventory, expectations, graphUnavailable } = dependencies;
  return (task: Task, expectationId: string): Promise<TaskOutcome> =>
    domainFailures(
      async () => {
        if (task.type !== type) {
          throw new InventoryError('invalidInput', `the ${type} activity was given a ${task.type} task`);
        }
        const { touched, ...done } = await retryingLostRaces(() =>
          inventory.store.transaction(async () => {
            const run = await runTaskOnce(inventory, task, { expectations, expectationId });
            const subject = run.after === undefined ? undefined : { id: subjectOf(task), instance: run.after };
            const afterTask = { subject, stored: run.expectation ?? null, events: run.event ? [run.event] : [] };
            const observation = await observeExpectation(inventory, expectations, expectationId, afterTask);
            const touched = run.event ? touchedBy(subjectOf(task), run.before, run.after) : []; // no change, no touch
            return { outcome: run.outcome, observation, touched };
          }),
        );
        await wakeWaitingOn(waking(dependencies), touched, expectationId);
        return done;
      },
      () => graphUnavailable?.(expectationId),
    );
}

export function createReconcileActivities(dependencies: ReconcileDependencies) {
  const { inventory, expectations, resync, graphUnavailable } = dependencies;
  const taskActivityOf = (type: Task['type']) => taskActivity(dependencies, type);
  return {
    /** Observes; drift it finds (an out-of-band change) wakes whoever it ended the wait of, like a task. */
    observe: (expectationId: string): Promise<ObservationOrDeleted> =>
      domainFailures(
        async () => {
          let touched: string[] = [];
          const observation = await observeExpectation(inventory, expectations, expectationId, undefined, (anchors) => {
            touched = anchors;
          });
          await wakeWaitingOn(waking(dependencies), touched, expectationId);
          return observation;
        },
        () => graphUnavailable?.(expectationId),
      ),

    /** Records that a task failed for a reason no retry fixes: the expectation is blocked, waiting for what the task lacked. */
    recordBlocked: (expectationId: string, blocked: BlockedRecord): Promise<void> =>
      domainFailures(
        async () => {
          const waits = await recordBlocked(inventory, expectations, expectationId, blocked);
          await wakeIfEndedAlready(waking(dependencies), expectationId, waits);
        },
        () => graphUnavailable?.(expectationId),
      ),

    /** The sweeper's activity: a running reconciler for every stored expectation (runtime/resync.ts). */
    resyncReconcilers: async (): Promise<number> => {
      if (!resync)
        throw new InventoryError('invalidState', 'this worker was started without a Temporal client for resync');
      return heartbeating(resync); // a sweep over many expectations outlasts the heartbeat timeout
    },

    /** The tasks of a plan's batch, each with its change event, and the observation after them: one transaction. */
    runTasks: (tasks: Task[], expectationId: string): Promise<TasksOutcome> =>
      domainFailures(
        async () => {
          const { touched, ...outcome } = await runTasks(inventory, expectations, expectationId, tasks);
          await wakeWaitingOn(waking(dependencies), touched, expectationId); // after the batch committed
          return outcome;
        },
        () => graphUnavailable?.(expectationId),
      ),

    build: taskActivityOf('build'),
    respecify: taskActivityOf('respecify'),
    define: taskActivityOf('define'),
    addRoles: taskActivityOf('addRoles'),
    removeRoles: taskActivityOf('removeRoles'),
    relate: taskActivityOf('relate'),
    unrelate: taskActivityOf('unrelate'),
    assign: taskActivityOf('assign'),
    unassign: taskActivityOf('unassign'),
    transition: taskActivityOf('transition'),
    delete: taskActivityOf('delete'),
  };
}

export type ReconcileActivities = ReturnType<typeof createReconcileActivities>;
