import type { Task } from '../expectations/tasks.js';
import { DeleteRefused } from '../graph/instance-deleter.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import type { PoolBoundsInput } from '../model/pool.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';

/**
 * Each task type carried out by its inventory operation, idempotently: a task whose work is
 * done (an instance built, a slot filled from the same pool, a role already held) says so and
 * changes nothing.
 */

/** A task as carried out: an assignment from a particular owner (an owner selector is resolved first). */
export type ConcreteTask = Exclude<Task, { type: 'assign' }> | (Extract<Task, { type: 'assign' }> & { owner: string });

type TaskOf<T extends ConcreteTask['type']> = Extract<ConcreteTask, { type: T }>;

export interface Done {
  outcome: string;
  /** The subject after the task, when the operation already read it (saves a round trip); null: it is gone. */
  after?: InstanceSnapshot | null;
}

/** Carries the task out; `current` is the subject as read just before (null if it does not exist yet). */
export async function carryOut(
  inventory: Inventory,
  task: ConcreteTask,
  current: InstanceSnapshot | null,
): Promise<Done> {
  const { instances, assignments } = inventory;
  switch (task.type) {
    case 'build':
      return build(inventory, task, current);
    case 'respecify':
      return {
        outcome: `respecified ${task.id} to ${task.toKind}`,
        after: await instances.respecify(task.id, task.specificationId),
      };
    case 'define':
      return define(inventory, task);
    case 'addRoles':
      return addRoles(inventory, task, existing(current, task.id));
    case 'removeRoles':
      await instances.removeRoleRefs(task.id, task.section, task.refs);
      return { outcome: `removed ${task.section} ${task.refs.map((ref) => `${ref.role}=${ref.id}`).join(', ')}` };
    case 'relate':
      return relate(inventory, task, existing(current, task.id));
    case 'unrelate':
      await instances.unrelate(task.id, { alias: task.alias });
      return { outcome: `unrelated ${task.alias}` };
    case 'assign':
      return assign(inventory, task, existing(current, task.assignee));
    case 'unassign':
      await assignments.unassign({ assignee: task.assignee, alias: task.alias });
      return { outcome: `emptied slot ${task.alias}` };
    case 'transition':
      return transition(inventory, task, existing(current, task.id));
    case 'delete':
      return deleteSubject(inventory, task, current);
  }
}

/** Every task but build (and delete) needs its subject to exist. */
function existing(current: InstanceSnapshot | null, id: string): InstanceSnapshot {
  if (!current) throw new InventoryError('notFound', `no instance with id ${id}`, ['id']);
  return current;
}

async function build(inventory: Inventory, task: TaskOf<'build'>, current: InstanceSnapshot | null): Promise<Done> {
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

async function define(inventory: Inventory, task: TaskOf<'define'>): Promise<Done> {
  const defined = [
    ...Object.keys(task.characteristics ?? {}),
    ...Object.keys(task.features ?? {}),
    ...Object.keys(task.pools ?? {}),
  ];
  return {
    outcome: `defined ${defined.join(', ')} of ${task.id}`,
    after: await inventory.instances.define(task.kind, task.id, {
      characteristics: task.characteristics,
      features: task.features,
      pools: task.pools as Record<string, PoolBoundsInput> | undefined,
    }),
  };
}

async function addRoles(inventory: Inventory, task: TaskOf<'addRoles'>, current: InstanceSnapshot): Promise<Done> {
  const held = current[task.section];
  const missing = task.refs.filter((ref) => !held.some((role) => role.role === ref.role && role.id === ref.id));
  const after = missing.length > 0 ? await inventory.instances.addRoleRefs(task.id, task.section, missing) : current;
  return { outcome: `related ${task.section} ${task.refs.map((ref) => `${ref.role}=${ref.id}`).join(', ')}`, after };
}

async function relate(inventory: Inventory, task: TaskOf<'relate'>, current: InstanceSnapshot): Promise<Done> {
  const missing = task.relationships.filter(
    (wanted) =>
      !current.relationships.some(
        (held) => held.alias === wanted.alias && held.target.id === wanted.target && held.type === wanted.type,
      ),
  );
  const after = missing.length > 0 ? await inventory.instances.relate(task.id, missing) : current;
  const related = task.relationships.map((relationship) => `${relationship.alias}→${relationship.target}`);
  return { outcome: `related ${related.join(', ')}`, after };
}

async function assign(inventory: Inventory, task: TaskOf<'assign'>, current: InstanceSnapshot): Promise<Done> {
  const held = current.assignments.find((assignment) => assignment.alias === task.alias);
  const done =
    held?.owner.id === task.owner && held.pool === task.pool && (task.value === 'auto' || held.value === task.value);
  if (held && done) {
    return {
      outcome: `slot ${task.alias} already holds ${held.thing} ${held.value} of ${held.owner.id}`,
      after: current,
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

async function transition(inventory: Inventory, task: TaskOf<'transition'>, current: InstanceSnapshot): Promise<Done> {
  const state = current.type === 'service' ? current.states.state : current.states.lifecycleState;
  if (state === task.to) return { outcome: `${task.id} is already ${task.to}`, after: current };
  return { outcome: `moved ${task.id} to ${task.to}`, after: await inventory.instances.transition(task.id, task.to) };
}

/**
 * Deletes the subject with its own parts, giving back the values it holds; refused while other
 * instances depend on it, with a reason that names them (the expectation is then blocked).
 */
async function deleteSubject(
  inventory: Inventory,
  task: TaskOf<'delete'>,
  current: InstanceSnapshot | null,
): Promise<Done> {
  if (!current) return { outcome: `${task.id} was already deleted`, after: null };
  try {
    await inventory.instances.delete(task.id);
  } catch (error) {
    // the inventory API also offers a cascade; an expectation does not
    if (error instanceof DeleteRefused) {
      throw new InventoryError('conflict', DeleteRefused.reason(error.id, error.dependents), ['id']);
    }
    throw error;
  }
  return { outcome: `deleted ${current.kind} ${task.id}`, after: null };
}
