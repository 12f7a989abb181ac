import { parseExpectation } from '../expectations/expectation-schema.js';
import type { Json } from '../expectations/operators.js';
import { outstandingCount } from '../expectations/outstanding.js';
import { outstandingSummary, type OutstandingSummary } from '../expectations/outstanding-summary.js';
import { actualIdOf, planWithOutstanding } from '../expectations/planner.js';
import type { Plan, Task } from '../expectations/tasks.js';
import { driftTouched } from '../expectations/drift-touched.js';
import { waitsForFailedTask } from '../expectations/waits-for-task.js';
import { eventsWrite, type EventToRecord } from '../graph/event-repository.js';
import type { CarriedWrite } from '../graph/graph-store.js';
import { waitsForWrite } from '../graph/waits-for-repository.js';
import type {
  ExpectationRepository,
  ExpectationStatus,
  ObservationRecord,
  StoredExpectation,
} from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import type { StoredWaitsFor } from '../model/waits-for.js';

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
  /** What is outstanding, as a workflow may hold it: the document while small, else a summary (outstandingSummary). */
  outstanding: OutstandingSummary;
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
 * the task changed as it left it (null: deleted), used when it is the actual, `events` the
 * tasks' change events to record (with the observation's record, in one statement, when there
 * is one).
 */
export interface AfterTask {
  subject?: { id: string; instance: InstanceSnapshot | null };
  stored: StoredExpectation | null;
  events?: EventToRecord[];
}

/**
 * `afterTask`: given when the observation ends a task. `drifted`: told, when an observation on
 * its own finds a met expectation no longer met (an out-of-band change), where that change may
 * have ended another's wait (expectations/drift-touched.ts), once it is recorded.
 */
export async function observeExpectation(
  inventory: Inventory,
  expectations: ExpectationRepository,
  expectationId: string,
  afterTask?: AfterTask,
  drifted?: (anchors: string[]) => void,
): Promise<ObservationOrDeleted> {
  // Ending a task, every store call here joins the task's transaction. On its own, the reads
  // are auto-committed statements (no BEGIN and COMMIT round trips) and a transaction is
  // opened only to write: a drift check that finds everything as recorded is one round trip.
  const { store } = inventory;
  const { stored, known, readId } = await readExpectation(inventory, expectations, expectationId, afterTask);
  const events = afterTask?.events ?? [];
  /** The tasks' events in a statement of their own, when no observation record carries them. */
  const recordEventAlone = async () => {
    if (events.length > 0) await inventory.events.recordAll(events);
  };
  /** The expectation is gone: the tasks' events still go in, and the reconciler ends. */
  const deleted = async () => {
    await recordEventAlone();
    return { deleted: true as const, expectationId };
  };
  if (!stored) return deleted();
  const { body, actualId, actual, plan, outstanding } = await planned(inventory, stored, known, readId);
  const { generation } = stored;
  const record = recordOf(plan, outstanding, generation, actualId);
  // A re-observation that finds everything as recorded writes nothing (drift checks stay
  // read-only). Nor does a first look at a pending expectation that plans a task: the
  // task ends with the next observation, in its own transaction, and that one is written.
  const firstStep = !afterTask && stored.status === 'pending' && plan.outcome === 'task';
  if (!recorded(stored, record, actual !== null) && !firstStep) {
    try {
      const eventsCarried = events.length > 0 ? eventsWrite(events) : undefined;
      const waitsCarried = waitsWritten(expectationId, stored, plan);
      await store.write((tx) => expectations.recordIn(tx, expectationId, record, eventsCarried, waitsCarried));
    } catch (error) {
      // deleted since it was read (the statement matched nothing, so a task's transaction stands)
      if (!(error instanceof InventoryError && error.code === 'notFound')) throw error;
      return deleted();
    }
  } else {
    await recordEventAlone();
  }
  if (!afterTask && stored.status === 'met' && record.status !== 'met' && stored.observedGeneration === generation)
    drifted?.(driftTouched(actualId, actual, body));
  return {
    deleted: false as const,
    expectationId,
    generation,
    kind: body.kind,
    ...(typeof body.name === 'string' ? { name: body.name } : {}),
    status: record.status,
    outstanding: outstandingSummary(outstanding),
    outstandingCount: outstandingCount(outstanding),
    plan,
    actualId,
    ...(body.driftSeconds ? { driftSeconds: body.driftSeconds } : {}),
    ...(body.blockedRetrySeconds ? { blockedRetrySeconds: body.blockedRetrySeconds } : {}),
  };
}

/** The stored expectation's plan and outstanding document, against its actual (`known` when read under `readId`). */
async function planned(
  { store, registry, instances }: Inventory,
  stored: StoredExpectation,
  known: InstanceSnapshot | null,
  readId: string | undefined,
) {
  const { id: expectationId, generation } = stored;
  const body = parseExpectation(stored.body, registry);
  const actualId = actualIdOf(expectationId, body);
  const actual = readId === actualId ? known : await store.readAutoCommit((tx) => instances.readIn(tx, actualId));
  return {
    body,
    actualId,
    actual,
    ...planWithOutstanding({ expectationId, generation, expectation: body, actual, registry }),
  };
}

/**
 * Records that a task of `generation` failed for a reason no retry fixes: the expectation is
 * blocked with the reason and what is outstanding now (read here, so the workflow need not
 * carry the document), and waits for what the task lacked. Nothing is written when the
 * expectation is gone or has a newer generation: its reconciler observes that one next.
 * Returns the waits written (none when nothing was).
 */
export async function recordBlocked(
  inventory: Inventory,
  expectations: ExpectationRepository,
  expectationId: string,
  blocked: { generation: number; reason: string; task?: Task; batch?: Task[] },
): Promise<StoredWaitsFor[]> {
  const { stored, known, readId } = await readExpectation(inventory, expectations, expectationId);
  if (!stored || stored.generation !== blocked.generation) return [];
  const { actualId, outstanding } = await planned(inventory, stored, known, readId);
  const record = {
    status: 'blocked' as const,
    reason: blocked.reason,
    outstanding,
    observedGeneration: blocked.generation,
    actualId,
  };
  // what the task that failed needs, when the failure says it was missing
  const { task, reason, batch } = blocked;
  const waits = task ? waitsForFailedTask(task, reason, batch) : [];
  try {
    await inventory.store.write((tx) =>
      expectations.recordIn(tx, expectationId, record, waitsForWrite(expectationId, waits)),
    );
    return waits;
  } catch (error) {
    if (!(error instanceof InventoryError && error.code === 'notFound')) throw error;
    return []; // deleted meanwhile
  }
}

/**
 * The waits an observation's record carries: a blocked plan's (replacing the ones before), none
 * when it ends a block — or a new generation, which may follow one — and no write otherwise.
 */
function waitsWritten(expectationId: string, stored: StoredExpectation, plan: Plan): CarriedWrite | undefined {
  if (plan.outcome === 'blocked') return waitsForWrite(expectationId, plan.waitsFor ?? []);
  return stored.status === 'blocked' || stored.status === 'pending' ? waitsForWrite(expectationId, []) : undefined;
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
