import { parseExpectation } from '../expectations/expectation-schema.js';
import type { Json } from '../expectations/operators.js';
import { outstandingCount } from '../expectations/outstanding.js';
import { actualIdOf, planWithOutstanding } from '../expectations/planner.js';
import type { Plan } from '../expectations/tasks.js';
import { eventWrite, type EventToRecord } from '../graph/event-repository.js';
import type { ExpectationRepository, ExpectationStatus, StoredExpectation } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
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

/**
 * `afterTask`: given when the observation ends a task, in the task's transaction: `stored`
 * is the expectation as the task read it when it began (null: there is none), `subject` an
 * instance the task read there, used when it is the actual, `event` the task's change event
 * to record (with the observation's record, in one statement, when there is one).
 */
export async function observeExpectation(
  inventory: Inventory,
  expectations: ExpectationRepository,
  expectationId: string,
  afterTask?: { subject?: InstanceSnapshot; stored: StoredExpectation | null; event?: EventToRecord },
): Promise<ObservationOrDeleted> {
  // Ending a task, every store call here joins the task's transaction. On its own, the reads
  // are auto-committed statements (no BEGIN and COMMIT round trips) and a transaction is
  // opened only to write: a drift check that finds everything as recorded is one round trip.
  const { store, registry } = inventory;
  // the actual is read with the expectation, in one statement, under the id it has unless
  // the expectation names another (then that one is read as well)
  const {
    expectation: stored,
    instance: known,
    readId,
  } = afterTask
    ? { expectation: afterTask.stored, instance: afterTask.subject ?? null, readId: afterTask.subject?.id }
    : {
        ...(await store.readAutoCommit((tx) =>
          expectations.getWithInstanceIn(tx, registry, expectationId, expectationId),
        )),
        readId: expectationId,
      };
  const event = afterTask?.event;
  /** A task's event in a statement of its own, when no observation record carries it. */
  const recordEventAlone = async () => {
    if (event) await inventory.events.record(event.instanceId, event);
  };
  /** The expectation is gone: a task's event still goes in, and the reconciler ends. */
  const deleted = async () => {
    await recordEventAlone();
    return { deleted: true as const, expectationId };
  };
  if (!stored) return deleted();
  const body = parseExpectation(stored.body, registry);
  const actualId = actualIdOf(expectationId, body);
  const actual =
    readId === actualId ? known : await store.readAutoCommit((tx) => inventory.instances.readIn(tx, actualId));
  const { plan: next, outstanding: unmet } = planWithOutstanding({
    expectationId,
    generation: stored.generation,
    expectation: body,
    actual,
    registry,
  });
  const status: ExpectationStatus =
    next.outcome === 'met' ? 'met' : next.outcome === 'blocked' ? 'blocked' : 'progressing';
  const reason = next.outcome === 'blocked' ? next.reason : undefined;
  const unchanged =
    stored.status === status &&
    stored.observedGeneration === stored.generation &&
    stored.reason === reason &&
    stored.actualId === (actual ? actualId : undefined) &&
    JSON.stringify(stored.outstanding) === JSON.stringify(unmet);
  // A re-observation that finds everything as recorded writes nothing (drift checks stay
  // read-only). Nor does a first look at a pending expectation that plans a task: the
  // task ends with the next observation, in its own transaction, and that one is written.
  const firstStep = !afterTask && stored.status === 'pending' && next.outcome === 'task';
  if (!unchanged && !firstStep) {
    const record = {
      status,
      outstanding: unmet,
      observedGeneration: stored.generation,
      actualId,
      ...(reason ? { reason } : {}),
    };
    try {
      await store.write((tx) => expectations.recordIn(tx, expectationId, record, event && eventWrite(event)));
    } catch (error) {
      // deleted since it was read (the statement matched nothing, so a task's transaction stands)
      if (!(error instanceof InventoryError && error.code === 'notFound')) throw error;
      return deleted();
    }
  } else {
    await recordEventAlone();
  }
  return {
    deleted: false as const,
    expectationId,
    generation: stored.generation,
    kind: body.kind,
    ...(typeof body.name === 'string' ? { name: body.name } : {}),
    status,
    outstanding: unmet,
    outstandingCount: outstandingCount(unmet),
    plan: next,
    actualId,
    ...(body.driftSeconds ? { driftSeconds: body.driftSeconds } : {}),
    ...(body.blockedRetrySeconds ? { blockedRetrySeconds: body.blockedRetrySeconds } : {}),
  };
}
