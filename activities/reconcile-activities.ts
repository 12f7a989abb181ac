import { actualDocument } from '../expectations/actual-document.js';
import { parseExpectation } from '../expectations/expectation-schema.js';
import type { Json } from '../expectations/operators.js';
import { outstanding, outstandingCount } from '../expectations/outstanding.js';
import { actualIdOf, expectedDocument, plan } from '../expectations/planner.js';
import type { Plan, Task } from '../expectations/tasks.js';
import type { ExpectationRepository, ExpectationStatus } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import { domainFailures } from './domain-failure.js';
import { runTask } from './run-task.js';

/**
 * The reconcile activities: thin, idempotent adapters over the inventory and expectation
 * operations. `observe` reads the whole expected and actual state (level-triggered),
 * computes what is outstanding and the next task, and records the observation; one
 * activity per task type carries a task out.
 */

export interface ReconcileDependencies {
  inventory: Inventory;
  expectations: ExpectationRepository;
  /** Gives every stored expectation a running reconciler (needs a Temporal client: supplied by the worker process). */
  resync?: () => Promise<number>;
}

export interface Observation {
  deleted: boolean;
  expectationId: string;
  generation: number;
  kind: string;
  name?: string;
  status: ExpectationStatus;
  outstanding: Json | null;
  outstandingCount: number;
  plan: Plan;
  driftSeconds?: number;
  blockedRetrySeconds?: number;
  actualId: string;
}

export interface BlockedRecord {
  generation: number;
  reason: string;
  outstanding: Json | null;
  actualId: string;
}

export function createReconcileActivities({ inventory, expectations, resync }: ReconcileDependencies) {
  const carryOut = (type: Task['type']) => (task: Task): Promise<string> =>
    domainFailures(() => {
      if (task.type !== type) throw new InventoryError('invalidInput', `the ${type} activity was given a ${task.type} task`);
      return runTask(inventory, task);
    });

  return {
    async observe(expectationId: string): Promise<Observation | { deleted: true; expectationId: string }> {
      return domainFailures(async () => {
        // one transaction: read the expectation and its actual, record what changed
        return inventory.store.write(async (tx) => {
          const stored = await expectations.getIn(tx, expectationId);
          if (!stored) return { deleted: true as const, expectationId };
          const body = parseExpectation(stored.body, inventory.registry);
          const actualId = actualIdOf(expectationId, body);
          const actual = await inventory.instances.readIn(tx, actualId);
          const expected = expectedDocument(body);
          const unmet = actual ? outstanding(expected, actualDocument(actual)) : expected;
          const next = plan({ expectationId, generation: stored.generation, expectation: body, actual, registry: inventory.registry });
          const status: ExpectationStatus = next.outcome === 'met' ? 'met' : next.outcome === 'blocked' ? 'blocked' : 'progressing';
          const reason = next.outcome === 'blocked' ? next.reason : undefined;
          const unchanged = stored.status === status && stored.observedGeneration === stored.generation && stored.reason === reason
            && stored.actualId === (actual ? actualId : undefined) && JSON.stringify(stored.outstanding) === JSON.stringify(unmet);
          if (!unchanged) {
            // a re-observation that finds everything as recorded writes nothing (drift checks stay read-only)
            await expectations.recordIn(tx, expectationId, { status, outstanding: unmet, observedGeneration: stored.generation, actualId, ...(reason ? { reason } : {}) });
          }
          return {
            deleted: false as const, expectationId, generation: stored.generation, kind: body.kind,
            ...(typeof body.name === 'string' ? { name: body.name } : {}),
            status, outstanding: unmet, outstandingCount: outstandingCount(unmet), plan: next, actualId,
            ...(body.driftSeconds ? { driftSeconds: body.driftSeconds } : {}),
            ...(body.blockedRetrySeconds ? { blockedRetrySeconds: body.blockedRetrySeconds } : {}),
          };
        });
      });
    },

    /** Records that a task failed for a reason no retry fixes: the expectation is blocked. */
    async recordBlocked(expectationId: string, blocked: BlockedRecord): Promise<void> {
      await domainFailures(() =>
        expectations.record(expectationId, {
          status: 'blocked', reason: blocked.reason, outstanding: blocked.outstanding, observedGeneration: blocked.generation, actualId: blocked.actualId,
        }),
      ).catch((error: unknown) => {
        if (error instanceof Error && /no expectation with id/.test(error.message)) return; // deleted meanwhile
        throw error;
      });
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
