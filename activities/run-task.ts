import { changeSet, type ChangeSet } from '../expectations/change-set.js';
import { outstanding } from '../expectations/outstanding.js';
import type { OwnerPlace, Task } from '../expectations/tasks.js';
import { AssignmentRaceLost } from '../graph/assignment-repository.js';
import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import type { EventToRecord } from '../graph/event-repository.js';
import type { Inventory } from '../graph/inventory.js';
import type { InstanceType } from '../model/instance-ref.js';
import { InventoryError } from '../model/inventory-error.js';
import { renderTmf, type InstanceSnapshot } from '../model/tmf-json.js';
import { carryOut, type ConcreteTask } from './carry-out.js';

/**
 * Carries out one planned task with the inventory operations, in one transaction with the
 * TMF change event it causes, and idempotently: running a task
 * again after it succeeded (a Temporal retry after a crash) leaves the graph as running it
 * once did — a build finds its instance, an assignment finds its slot filled from the same
 * pool, a relationship finds its alias bound to the same target.
 */
export function runTask(inventory: Inventory, planned: Task): Promise<string> {
  // the task, the reads around it and its change event commit together or not at all
  return retryingLostRaces(() =>
    inventory.store.transaction(async () => (await runTaskOnce(inventory, planned)).outcome),
  );
}

const maxRaceAttempts = 8;

/**
 * Runs a whole transaction again when an auto-assign in it lost its value to a concurrent
 * assigner, or when it failed with another race it lost (`lostRace`: run again, it finds the
 * winner's work done). Past the attempts, a race of the second kind throws its own error.
 */
export async function retryingLostRaces<T>(
  transaction: () => Promise<T>,
  lostRace: (error: unknown) => boolean = () => false,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      const lostValue = error instanceof AssignmentRaceLost;
      if (!lostValue && !lostRace(error)) throw error;
      if (attempt === maxRaceAttempts) {
        if (!lostValue) throw error;
        throw new InventoryError(
          'conflict',
          `pool: gave up after ${maxRaceAttempts} attempts lost to concurrent assigners`,
          ['pool'],
        );
      }
    }
  }
}

/** The expectation a task is observed for afterwards: read with the task's subject, in one round trip. */
export interface ObservedFor {
  expectations: ExpectationRepository;
  expectationId: string;
}

export interface TaskRun {
  outcome: string;
  /** The subject as it is now, when read; null when the task deleted it (or found it deleted). */
  after?: InstanceSnapshot | null;
  /** The subject as the task found it (null: there was none): with `after`, what the task touched (model/waits-for.ts). */
  before?: InstanceSnapshot | null;
  /** With `observedFor`: the expectation as read at the start of the task (null: there is none). */
  expectation?: StoredExpectation | null;
  /** With `observedFor`: the change event, not yet recorded — the observation's record carries it. */
  event?: EventToRecord;
}

/** One attempt at a task, in the caller's transaction: what it did, and its subject as it is now (when read). */
export async function runTaskOnce(inventory: Inventory, planned: Task, observedFor?: ObservedFor): Promise<TaskRun> {
  const { current, expectation } = await readSubject(inventory, subjectOf(planned), observedFor);
  const run = await runTaskAgainst(inventory, planned, current);
  if (observedFor) return { ...run, expectation };
  if (run.event) await inventory.events.record(run.event.instanceId, run.event);
  return { outcome: run.outcome, ...(run.after !== undefined ? { after: run.after } : {}) };
}

/** A task's subject as it is now, with the expectation it is observed for (when given) in the same round trip. */
export async function readSubject(
  inventory: Inventory,
  subject: string,
  observedFor?: ObservedFor,
): Promise<{ current: InstanceSnapshot | null; expectation?: StoredExpectation | null }> {
  if (!observedFor)
    return inventory.store.read(async (tx) => ({ current: await inventory.instances.readIn(tx, subject) }));
  // work for an expectation: its lock first, so another attempt at the same work waits and then finds it done
  return inventory.store.write(async (tx) => {
    const read = await observedFor.expectations.getWithInstanceIn(
      tx,
      inventory.registry,
      observedFor.expectationId,
      subject,
      { lock: true },
    );
    return { current: read.instance, expectation: read.expectation };
  });
}

/**
 * One attempt at a task whose subject is `current` (as read just before, in the caller's
 * transaction): what it did, the subject after it (when read) and its change event, keyed by
 * the task's idempotency key — not yet recorded.
 */
export async function runTaskAgainst(
  inventory: Inventory,
  planned: Task,
  current: InstanceSnapshot | null,
): Promise<Omit<TaskRun, 'expectation'>> {
  const subject = subjectOf(planned);
  const task = await withOwnerChosen(inventory, planned, current);
  if (typeof task === 'string') return { outcome: task, before: current };
  const { outcome, after: known } = await carryOut(inventory, task, current);
  const after = known === undefined ? await inventory.instances.get(subject) : known;
  const changes = after === current ? undefined : changeOf(current, after); // the same snapshot: nothing changed
  return {
    outcome,
    before: current,
    after,
    ...(changes ? { event: { instanceId: subject, key: task.key, ...changes } } : {}),
  };
}

/** The change event of a task's subject (created, changed or deleted), with the subject's type and as the change left it (as it was, deleted). */
function changeOf(
  before: InstanceSnapshot | null,
  after: InstanceSnapshot | null,
): (ChangeSet & { instanceType: InstanceType; instance: InstanceSnapshot | null }) | undefined {
  const instanceType = (after ?? before)?.type;
  if (!instanceType) return undefined;
  const changes = changeSet(
    instanceType === 'service' ? 'Service' : 'Resource',
    before && eventDocument(before),
    after && eventDocument(after),
  );
  return changes && { ...changes, instanceType, instance: after ?? before };
}

/**
 * What an event diffs: the instance's TMF JSON plus the pool slots it holds (`assignments`),
 * so an assignment shows on the instance that asked for it — never a read of the pool owner,
 * whose JSON grows with every value it gives out.
 */
function eventDocument(instance: InstanceSnapshot): Record<string, unknown> {
  const held = [...instance.assignments]
    .sort(
      (a, b) =>
        (a.alias ?? '').localeCompare(b.alias ?? '') || a.owner.id.localeCompare(b.owner.id) || a.value - b.value,
    )
    .map((assignment) => ({
      alias: assignment.alias,
      pool: assignment.pool,
      [assignment.thing]: assignment.value,
      from: assignment.owner.id,
    }));
  return held.length > 0 ? { ...renderTmf(instance), assignments: held } : renderTmf(instance);
}

/**
 * An assignment from "any GPU in NXTM2" becomes one from a particular owner: the slot's
 * current owner (as the assignee's snapshot names it) if it already fits (then there is
 * nothing to do), else the first owner with a free value. No such owner is a domain error (the expectation is blocked).
 */
async function withOwnerChosen(
  inventory: Inventory,
  task: Task,
  assignee: InstanceSnapshot | null,
): Promise<ConcreteTask | string> {
  if (task.type !== 'assign' || typeof task.owner === 'string') return task as ConcreteTask;
  const selector = task.owner;
  const held = assignee?.assignments.find((assignment) => assignment.alias === task.alias);
  if (held && held.pool === task.pool) {
    const { owner } = held;
    const fits =
      outstanding(
        { kind: selector.kind, places: selector.places },
        { kind: owner.kind, places: owner.places ?? [] },
      ) === null;
    if (fits) return `slot ${task.alias} already holds ${held.thing} ${held.value} of ${owner.id}`;
  }
  const owner = await inventory.assignments.findOwnerWithFreeValue({
    kind: selector.kind,
    pool: task.pool,
    places: selector.places.map((place) => ('id' in place ? place : { role: place.role, near: place.location.$near })),
  });
  if (!owner) {
    const where = selector.places.map(placeWords).join(', ');
    throw new InventoryError(
      'poolExhausted',
      `assignments.${task.alias}.from: no ${selector.kind}${where ? ` at ${where}` : ''} has a free value in pool "${task.pool}"`,
      ['from'],
    );
  }
  return { ...task, owner };
}

/** A selector's place as a reason says it: `dataCentre NXTM2`, `a dataCentre within 20 km of 144.96,-37.81`. */
function placeWords(place: OwnerPlace): string {
  if ('id' in place) return `${place.role} ${place.id}`;
  const { longitude, latitude, km } = place.location.$near;
  return `a ${place.role} within ${km} km of ${longitude},${latitude}`;
}

/** The instance a task changes: the assignee for assignments, otherwise the instance itself. */
export function subjectOf(task: Task): string {
  return task.type === 'assign' || task.type === 'unassign' ? task.assignee : task.id;
}
