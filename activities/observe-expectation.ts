import { parseExpectation } from '../expectations/expectation-schema.js';
import type { Json } from '../expectations/operators.js';
import { outstandingCount } from '../expectations/outstanding.js';
import { actualIdOf, planWithOutstanding } from '../expectations/planner.js';
import type { Plan } from '../expectations/tasks.js';
import type { ExpectationRepository, ExpectationStatus } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';

/**
 * One observation, level-triggered: read the expectation and its actual, compute what is
 * outstanding and the next step, and record what changed — in one transaction (the
 * caller's, when it holds one).
 */
export interface Observation {
  deleted: false;
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

export type ObservationOrDeleted = Observation | { deleted: true; expectationId: string };

/** `known`: an instance read in this same transaction (after a task), used when it is the actual. */
export function observeExpectation(inventory: Inventory, expectations: ExpectationRepository, expectationId: string, known?: InstanceSnapshot): Promise<ObservationOrDeleted> {
  return inventory.store.write(async (tx) => {
    const stored = await expectations.getIn(tx, expectationId);
    if (!stored) return { deleted: true as const, expectationId };
    const body = parseExpectation(stored.body, inventory.registry);
    const actualId = actualIdOf(expectationId, body);
    const actual = known?.id === actualId ? known : await inventory.instances.readIn(tx, actualId);
    const { plan: next, outstanding: unmet } = planWithOutstanding({ expectationId, generation: stored.generation, expectation: body, actual, registry: inventory.registry });
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
}
