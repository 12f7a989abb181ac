import { changeSet } from '../expectations/change-set.js';
import type { Task } from '../expectations/tasks.js';
import { AssignmentRaceLost } from '../graph/assignment-repository.js';
import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import type { EventToRecord } from '../graph/event-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import type { PoolBoundsInput } from '../model/pool.js';
import { renderTmf, type InstanceSnapshot } from '../model/tmf-json.js';

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

/** Runs a whole transaction again when an auto-assign in it lost its value to a concurrent assigner. */
export async function retryingLostRaces<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (!(error instanceof AssignmentRaceLost)) throw error;
      if (attempt === maxRaceAttempts)
        throw new InventoryError(
          'conflict',
          `pool: gave up after ${maxRaceAttempts} attempts lost to concurrent assigners`,
          ['pool'],
        );
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
  /** The subject as it is now, when read. */
  after?: InstanceSnapshot;
  /** With `observedFor`: the expectation as read at the start of the task (null: there is none). */
  expectation?: StoredExpectation | null;
  /** With `observedFor`: the change event, not yet recorded — the observation's record carries it. */
  event?: EventToRecord;
}

/** One attempt at a task, in the caller's transaction: what it did, and its subject as it is now (when read). */
export async function runTaskOnce(inventory: Inventory, planned: Task, observedFor?: ObservedFor): Promise<TaskRun> {
  const subject = subjectOf(planned);
  const { current, expectation } = await inventory.store.read(async (tx) => {
    if (!observedFor) return { current: await inventory.instances.readIn(tx, subject) };
    const read = await observedFor.expectations.getWithInstanceIn(
      tx,
      inventory.registry,
      observedFor.expectationId,
      subject,
    );
    return { current: read.instance, expectation: read.expectation };
  });
  const run = (outcome: string, after?: InstanceSnapshot): TaskRun => ({
    outcome,
    ...(after ? { after } : {}),
    ...(observedFor ? { expectation } : {}),
  });
  const task = await withOwnerChosen(inventory, planned, current);
  if (typeof task === 'string') return run(task);
  const { outcome, after: known } = await carryOut(inventory, task, current);
  const after = known ?? (await inventory.instances.get(subject));
  if (after === current) return run(outcome, after); // nothing changed: no event
  const changes = changeSet(
    after.type === 'service' ? 'Service' : 'Resource',
    current && eventDocument(current),
    eventDocument(after),
  );
  if (!changes) return run(outcome, after);
  if (observedFor) return { ...run(outcome, after), event: { instanceId: subject, key: task.key, ...changes } };
  await inventory.events.record(subject, { key: task.key, ...changes });
  return run(outcome, after);
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

type ConcreteTask = Exclude<Task, { type: 'assign' }> | (Extract<Task, { type: 'assign' }> & { owner: string });

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
      owner.kind === selector.kind &&
      selector.places.every((place) => (owner.places ?? []).some((at) => at.role === place.role && at.id === place.id));
    if (fits) return `slot ${task.alias} already holds ${held.thing} ${held.value} of ${owner.id}`;
  }
  const owner = await inventory.assignments.findOwnerWithFreeValue({
    kind: selector.kind,
    pool: task.pool,
    places: selector.places,
  });
  if (!owner) {
    const where = selector.places.map((place) => `${place.role} ${place.id}`).join(', ');
    throw new InventoryError(
      'poolExhausted',
      `assignments.${task.alias}.from: no ${selector.kind}${where ? ` at ${where}` : ''} has a free value in pool "${task.pool}"`,
      ['from'],
    );
  }
  return { ...task, owner };
}

/** The instance a task changes: the assignee for assignments, otherwise the instance itself. */
function subjectOf(task: Task): string {
  return task.type === 'assign' || task.type === 'unassign' ? task.assignee : task.id;
}

interface Done {
  outcome: string;
  /** The subject after the task, when the operation already read it (saves a round trip). */
  after?: InstanceSnapshot;
}

/** Every task but build needs its subject to exist. */
function existing(current: InstanceSnapshot | null, id: string): InstanceSnapshot {
  if (!current) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
  return current;
}

/** Carries the task out; `current` is the subject as read just before (null if it does not exist yet). */
async function carryOut(inventory: Inventory, task: ConcreteTask, current: InstanceSnapshot | null): Promise<Done> {
  switch (task.type) {
    case 'build': {
      if (current?.kind === task.kind) return { outcome: `${task.kind} ${task.id} was already built`, after: current };
      const after = await inventory.instances.build(task.kind, {
        id: task.id,
        ...(task.name ? { name: task.name } : {}),
        characteristics: task.characteristics,
        features: task.features,
        parties: task.parties,
        places: task.places,
      });
      return { outcome: `built ${task.kind} ${task.id}`, after };
    }
    case 'respecify':
      return {
        outcome: `respecified ${task.id} to ${task.toKind}`,
        after: await inventory.instances.respecify(task.id, task.specificationId),
      };
    case 'define':
      return {
        outcome: `defined ${[...Object.keys(task.characteristics ?? {}), ...Object.keys(task.features ?? {}), ...Object.keys(task.pools ?? {})].join(', ')} of ${task.id}`,
        after: await inventory.instances.define(task.kind, task.id, {
          characteristics: task.characteristics,
          features: task.features,
          pools: task.pools as Record<string, PoolBoundsInput> | undefined,
        }),
      };
    case 'addRoles': {
      const missing = task.refs.filter(
        (ref) => !existing(current, task.id)[task.section].some((held) => held.role === ref.role && held.id === ref.id),
      );
      const after =
        missing.length > 0
          ? await inventory.instances.addRoleRefs(task.id, task.section, missing)
          : existing(current, task.id);
      return {
        outcome: `related ${task.section} ${task.refs.map((ref) => `${ref.role}=${ref.id}`).join(', ')}`,
        after,
      };
    }
    case 'removeRoles':
      await inventory.instances.removeRoleRefs(task.id, task.section, task.refs);
      return { outcome: `removed ${task.section} ${task.refs.map((ref) => `${ref.role}=${ref.id}`).join(', ')}` };
    case 'relate': {
      const missing = task.relationships.filter(
        (wanted) =>
          !existing(current, task.id).relationships.some(
            (held) => held.alias === wanted.alias && held.target.id === wanted.target && held.type === wanted.type,
          ),
      );
      const after =
        missing.length > 0 ? await inventory.instances.relate(task.id, missing) : existing(current, task.id);
      return {
        outcome: `related ${task.relationships.map((relationship) => `${relationship.alias}→${relationship.target}`).join(', ')}`,
        after,
      };
    }
    case 'unrelate':
      await inventory.instances.unrelate(task.id, { alias: task.alias });
      return { outcome: `unrelated ${task.alias}` };
    case 'assign': {
      const held = existing(current, task.assignee).assignments.find((assignment) => assignment.alias === task.alias);
      if (
        held &&
        held.owner.id === task.owner &&
        held.pool === task.pool &&
        (task.value === 'auto' || held.value === task.value)
      ) {
        return {
          outcome: `slot ${task.alias} already holds ${held.thing} ${held.value} of ${held.owner.id}`,
          after: existing(current, task.assignee),
        };
      }
      const { assignment: made, assignee } = await inventory.assignments.assignReading(
        { owner: task.owner, pool: task.pool, assignee: task.assignee, alias: task.alias, value: task.value },
        inventory.registry,
      );
      return {
        outcome: `assigned ${made.thing} ${made.value} of ${made.owner} to slot ${task.alias}`,
        ...(assignee ? { after: assignee } : {}),
      };
    }
    case 'unassign':
      await inventory.assignments.unassign({ assignee: task.assignee, alias: task.alias });
      return { outcome: `emptied slot ${task.alias}` };
    case 'transition': {
      const before = existing(current, task.id);
      const state = before.type === 'service' ? before.states.state : before.states.lifecycleState;
      if (state === task.to) return { outcome: `${task.id} is already ${task.to}`, after: before };
      return {
        outcome: `moved ${task.id} to ${task.to}`,
        after: await inventory.instances.transition(task.id, task.to),
      };
    }
  }
}
