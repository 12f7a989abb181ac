import { parseExpectation } from '../expectations/expectation-schema.js';
import type { Json } from '../expectations/operators.js';
import { outstandingCount } from '../expectations/outstanding.js';
import { actualIdOf, planWithOutstanding } from '../expectations/planner.js';
import type { Plan } from '../expectations/tasks.js';
import { eventWrite, type EventToRecord } from '../graph/event-repository.js';
import type {
  ExpectationRepository,
  ExpectationStatus,
  ObservationRecord,
  StoredExpectation,
} from '../graph/expectation-repository.js';
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
 * What a task hands the observation that ends it, in the task's transaction: `stored` is the
 * expectation as the task read it when it began (null: there is none), `subject` the instance
 * the task changed as it left it (null: deleted), used when it is the actual, `event` the
 * task's change event to record (with the observation's record, in one statement, when there
 * is one).
 */
export interface AfterTask {
  subject?: { id: string; instance: InstanceSnapshot | null };
  stored: StoredExpectation | null;
  event?: EventToRecord;
}

/** `afterTask`: given when the observation ends a task. */
export async function observeExpectation(
  inventory: Inventory,
  expectations: ExpectationRepository,
  expectationId: string,
  afterTask?: AfterTask,
): Promise<ObservationOrDeleted> {
  // Ending a task, every store call here joins the task's transaction. On its own, the reads
  // are auto-committed statements (no BEGIN and COMMIT round trips) and a transaction is
  // opened only to write: a drift check that finds everything as recorded is one round trip.
  const { store, registry } = inventory;
  const { stored, known, readId } = await readExpectation(inventory, expectations, expectationId, afterTask);
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
  const { generation } = stored;
  const { plan, outstanding } = planWithOutstanding({ expectationId, generation, expectation: body, actual, registry });
  const record = recordOf(plan, outstanding, generation, actualId);
  // A re-observation that finds everything as recorded writes nothing (drift checks stay
  // read-only). Nor does a first look at a pending expectation that plans a task: the
  // task ends with the next observation, in its own transaction, and that one is written.
  const firstStep = !afterTask && stored.status === 'pending' && plan.outcome === 'task';
  if (!recorded(stored, record, actual !== null) && !firstStep) {
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
    generation,
    kind: body.kind,
    ...(typeof body.name === 'string' ? { name: body.name } : {}),
    status: record.status,
    outstanding,
    outstandingCount: outstandingCount(outstanding),
    plan,
    actualId,
    ...(body.driftSeconds ? { driftSeconds: body.driftSeconds } : {}),
    ...(body.blockedRetrySeconds ? { blockedRetrySeconds: body.blockedRetrySeconds } : {}),
  };
}

/**
 * The expectation, and the instance read with it (`known`, under `readId`): the ones a task
 * read, or — on its own — both in one statement, the actual under the expectation's id (the
 * caller reads another when the expectation names one).
 */
async function readExpectation(
  inventory: Inventory,
  expectations: ExpectationRepository,
  expectationId: string,
  afterTask?: AfterTask,
): Promise<{ stored: StoredExpectation | null; known: InstanceSnapshot | null; readId: string | undefined }> {
  if (afterTask) {
    return { stored: afterTask.stored, known: afterTask.subject?.instance ?? null, readId: afterTask.subject?.id };
  }
  const read = await inventory.store.readAutoCommit((tx) =>
    expectations.getWithInstanceIn(tx, inventory.registry, expectationId, expectationId),
  );
  return { stored: read.expectation, known: read.instance, readId: expectationId };
}

/** What an observation records on the expectation, from its plan. */
function recordOf(plan: Plan, outstanding: Json | null, generation: number, actualId: string): ObservationRecord {
  const status: ExpectationStatus =
    plan.outcome === 'met' ? 'met' : plan.outcome === 'blocked' ? 'blocked' : 'progressing';
  return {
    status,
    outstanding,
    observedGeneration: generation,
    actualId,
    ...(plan.outcome === 'blocked' ? { reason: plan.reason } : {}),
  };
}

/** Whether the expectation already holds what the record says (its actual linked only when there is one). */
function recorded(stored: StoredExpectation, record: ObservationRecord, actualExists: boolean): boolean {
  return (
    stored.status === record.status &&
    stored.observedGeneration === record.observedGeneration &&
    stored.reason === record.reason &&
    stored.actualId === (actualExists ? record.actualId : undefined) &&
    JSON.stringify(stored.outstanding) === JSON.stringify(record.outstanding)
  );
}
