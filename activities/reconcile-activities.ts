import type { Json } from '../expectations/operators.js';
import type { Task } from '../expectations/tasks.js';
import type { ExpectationRepository } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import { domainFailures } from './domain-failure.js';
import { observeExpectation, type ObservationOrDeleted } from './observe-expectation.js';
import { retryingLostRaces, runTask, runTaskOnce } from './run-task.js';

export type { Observation, ObservationOrDeleted } from './observe-expectation.js';

/**
 * The reconcile activities: thin, idempotent adapters over the inventory and expectation
 * operations. `observe` reads the whole expected and actual state (level-triggered),
 * computes what is outstanding and the next task, and records the observation; one
 * activity per task type carries a task out and, given the expectation id, ends with the
 * observation that follows it — task, change event and observation in one transaction.
 */

export interface ReconcileDependencies {
  inventory: Inventory;
  expectations: ExpectationRepository;
  /** Gives every stored expectation a running reconciler (needs a Temporal client: supplied by the worker process). */
  resync?: () => Promise<number>;
}

/** What a task activity returns when asked to observe afterwards. */
export interface TaskOutcome {
  outcome: string;
  observation: ObservationOrDeleted;
}

export interface BlockedRecord {
  generation: number;
  reason: string;
  outstanding: Json | null;
  actualId: string;
}

export function createReconcileActivities({ inventory, expectations, resync }: ReconcileDependencies) {
  function carryOut(type: Task['type']) {
    function run(task: Task): Promise<string>;
    function run(task: Task, expectationId: string): Promise<TaskOutcome>;
    function run(task: Task, expectationId?: string): Promise<string | TaskOutcome> {
      return domainFailures<string | TaskOutcome>(() => {
        if (task.type !== type) throw new InventoryError('invalidInput', `the ${type} activity was given a ${task.type} task`);
        if (expectationId === undefined) return runTask(inventory, task);
        return retryingLostRaces(() => inventory.store.transaction(async () => {
          const { outcome, after, expectation, event } = await runTaskOnce(inventory, task, { expectations, expectationId });
          return { outcome, observation: await observeExpectation(inventory, expectations, expectationId, { subject: after, stored: expectation ?? null, event }) };
        }));
      });
    }
    return run;
  }

  return {
    observe(expectationId: string): Promise<ObservationOrDeleted> {
      return domainFailures(() => observeExpectation(inventory, expectations, expectationId));
    },

    /** Records that a task failed for a reason no retry fixes: the expectation is blocked. */
    async recordBlocked(expectationId: string, blocked: BlockedRecord): Promise<void> {
      await domainFailures(() =>
        expectations.record(expectationId, {
          status: 'blocked', reason: blocked.reason, outstanding: blocked.outstanding, observedGeneration: blocked.generation, actualId: blocked.actualId,
        }).catch((error: unknown) => {
          if (error instanceof InventoryError && error.code === 'notFound') return; // deleted meanwhile
          throw error;
        }),
      );
    },

    /** The sweeper's activity: signal-with-start for every stored expectation. */
    async resyncReconcilers(): Promise<number> {
      if (!resync) throw new InventoryError('invalidState', 'this worker was started without a Temporal client for resync');
      return resync();
    },

    build: carryOut('build'),
    respecify: carryOut('respecify'),
    define: carryOut('define'),
    addRoles: carryOut('addRoles'),
    removeRoles: carryOut('removeRoles'),
    relate: carryOut('relate'),
    unrelate: carryOut('unrelate'),
    assign: carryOut('assign'),
    unassign: carryOut('unassign'),
    transition: carryOut('transition'),
  };
}

export type ReconcileActivities = ReturnType<typeof createReconcileActivities>;
