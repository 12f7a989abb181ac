import { changeSet } from '../expectations/change-set.js';
import type { Task } from '../expectations/tasks.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import type { PoolBoundsInput } from '../model/pool.js';
import { renderTmf, type InstanceSnapshot } from '../model/tmf-json.js';

/**
 * Carries out one planned task with the inventory operations, idempotently: running a task
 * again after it succeeded (a Temporal retry after a crash) leaves the graph as running it
 * once did — a build finds its instance, an assignment finds its slot filled from the same
 * pool, a relationship finds its alias bound to the same target.
 */
export async function runTask(inventory: Inventory, planned: Task): Promise<string> {
  const task = await withOwnerChosen(inventory, planned);
  if (typeof task === 'string') return task;
  const subject = subjectOf(task);
  const before = await eventDocumentOrNull(inventory, subject);
  const outcome = await carryOut(inventory, task);
  const after = await inventory.instances.get(subject);
  const changes = changeSet(after.type === 'service' ? 'Service' : 'Resource', before, eventDocument(after));
  if (changes) await inventory.events.record(subject, { key: task.key, ...changes });
  return outcome;
}

/**
 * What an event diffs: the instance's TMF JSON plus the pool slots it holds (`heldAssignments`),
 * so an assignment shows on the instance that asked for it — never a read of the pool owner,
 * whose JSON grows with every value it gives out.
 */
function eventDocument(instance: InstanceSnapshot): Record<string, unknown> {
  const held = [...instance.received]
    .sort((a, b) => (a.alias ?? '').localeCompare(b.alias ?? '') || a.owner.id.localeCompare(b.owner.id) || a.value - b.value)
    .map((assignment) => ({ alias: assignment.alias, pool: assignment.pool, [assignment.thing]: assignment.value, from: assignment.owner.id }));
  return held.length > 0 ? { ...renderTmf(instance), heldAssignments: held } : renderTmf(instance);
}

type ConcreteTask = Exclude<Task, { type: 'assign' }> | (Extract<Task, { type: 'assign' }> & { owner: string });

/**
 * An assignment from "any GPU in NXTM2" becomes one from a particular owner: the slot's
 * current owner if it already fits (then there is nothing to do), else the first owner
 * with a free value. No such owner is a domain error (the expectation is blocked).
 */
async function withOwnerChosen(inventory: Inventory, task: Task): Promise<ConcreteTask | string> {
  if (task.type !== 'assign' || typeof task.owner === 'string') return task as ConcreteTask;
  const selector = task.owner;
  const held = (await inventory.assignments.list({ assignee: task.assignee })).find((assignment) => assignment.alias === task.alias);
  if (held && held.pool === task.pool) {
    const owner = await inventory.instances.get(held.owner);
    const fits = owner.kind === selector.kind && selector.places.every((place) => owner.places.some((at) => at.role === place.role && at.id === place.id));
    if (fits) return `slot ${task.alias} already holds ${held.thing} ${held.value} of ${held.owner}`;
  }
  const owner = await inventory.assignments.findOwnerWithFreeValue({ kind: selector.kind, pool: task.pool, places: selector.places });
  if (!owner) {
    const where = selector.places.map((place) => `${place.role} ${place.id}`).join(', ');
    throw new InventoryError('poolExhausted', `assignments.${task.alias}.from: no ${selector.kind}${where ? ` at ${where}` : ''} has a free value in pool "${task.pool}"`, ['from']);
  }
  return { ...task, owner };
}

/** The instance a task changes: the assignee for assignments, otherwise the instance itself. */
function subjectOf(task: ConcreteTask): string {
  return task.type === 'assign' || task.type === 'unassign' ? task.assignee : task.id;
}

async function eventDocumentOrNull(inventory: Inventory, id: string): Promise<Record<string, unknown> | null> {
  try {
    return eventDocument(await inventory.instances.get(id));
  } catch (error) {
    if (error instanceof InventoryError && error.code === 'notFound') return null;
    throw error;
  }
}

async function carryOut(inventory: Inventory, task: ConcreteTask): Promise<string> {
  switch (task.type) {
    case 'build': {
      try {
        await inventory.instances.build(task.kind, {
          id: task.id, ...(task.name ? { name: task.name } : {}),
          characteristics: task.characteristics, features: task.features, parties: task.parties, places: task.places,
        });
        return `built ${task.kind} ${task.id}`;
      } catch (error) {
        if (error instanceof InventoryError && error.code === 'conflict' && error.fields.includes('id')) {
          const existing = await inventory.instances.get(task.id);
          if (existing.kind === task.kind) return `${task.kind} ${task.id} was already built`;
        }
        throw error;
      }
    }
    case 'respecify':
      await inventory.instances.respecify(task.id, task.specificationId);
      return `respecified ${task.id} to ${task.toKind}`;
    case 'define':
      await inventory.instances.define(task.kind, task.id, { characteristics: task.characteristics, features: task.features, pools: task.pools as Record<string, PoolBoundsInput> | undefined });
      return `defined ${[...Object.keys(task.characteristics ?? {}), ...Object.keys(task.features ?? {}), ...Object.keys(task.pools ?? {})].join(', ')} of ${task.id}`;
    case 'addRoles': {
      const current = await inventory.instances.get(task.id);
      const missing = task.refs.filter((ref) => !current[task.section].some((held) => held.role === ref.role && held.id === ref.id));
      if (missing.length > 0) await inventory.instances.addRoleRefs(task.id, task.section, missing);
      return `related ${task.section} ${task.refs.map((ref) => `${ref.role}=${ref.id}`).join(', ')}`;
    }
    case 'removeRoles':
      await inventory.instances.removeRoleRefs(task.id, task.section, task.refs);
      return `removed ${task.section} ${task.refs.map((ref) => `${ref.role}=${ref.id}`).join(', ')}`;
    case 'relate': {
      const current = await inventory.instances.get(task.id);
      const missing = task.relationships.filter((wanted) =>
        !current.relationships.some((held) => held.alias === wanted.alias && held.target.id === wanted.target && held.type === wanted.type));
      if (missing.length > 0) await inventory.instances.relate(task.id, missing);
      return `related ${task.relationships.map((relationship) => `${relationship.alias}→${relationship.target}`).join(', ')}`;
    }
    case 'unrelate':
      await inventory.instances.unrelate(task.id, { alias: task.alias });
      return `unrelated ${task.alias}`;
    case 'assign': {
      const held = (await inventory.assignments.list({ assignee: task.assignee })).find((assignment) => assignment.alias === task.alias);
      if (held && held.owner === task.owner && held.pool === task.pool && (task.value === 'auto' || held.value === task.value)) {
        return `slot ${task.alias} already holds ${held.thing} ${held.value} of ${held.owner}`;
      }
      const made = await inventory.assignments.assign({ owner: task.owner, pool: task.pool, assignee: task.assignee, alias: task.alias, value: task.value });
      return `assigned ${made.thing} ${made.value} of ${made.owner} to slot ${task.alias}`;
    }
    case 'unassign':
      await inventory.assignments.unassign({ assignee: task.assignee, alias: task.alias });
      return `emptied slot ${task.alias}`;
    case 'transition': {
      const current = await inventory.instances.get(task.id);
      const state = current.type === 'service' ? current.states.state : current.states.lifecycleState;
      if (state === task.to) return `${task.id} is already ${task.to}`;
      await inventory.instances.transition(task.id, task.to);
      return `moved ${task.id} to ${task.to}`;
    }
  }
}
