import { initialStatesOf } from '../model/lifecycle.js';
import type { Registry } from '../model/registry.js';
import { instanceTypeOf } from '../model/specification.js';
import type { InstanceSnapshot, NamedValue } from '../model/tmf-json.js';
import type { Json } from './operators.js';
import type { Task } from './tasks.js';

/**
 * The actual as a task would leave it, predicted from the task alone: what the planner plans
 * the next task of a batch against (expectations/batch.ts). Pure, and only a prediction — the
 * task activity plans each task of a batch again against the instance as the previous one
 * really left it, and stops the batch where the two differ — so it need only be right for the
 * fields the section planners read. Undefined: this task ends a batch (a respecify or a delete
 * changes what every later task would be planned against; an owner selector's owner is picked
 * only when the task runs).
 */
export function predictedAfter(
  actual: InstanceSnapshot | null,
  task: Task,
  registry: Registry,
): InstanceSnapshot | undefined {
  if (task.type === 'build') return built(task, registry);
  if (!actual) return undefined;
  switch (task.type) {
    case 'define':
      return defined(actual, task);
    case 'addRoles':
      return { ...actual, [task.section]: [...actual[task.section], ...task.refs.map((ref) => roleHeld(ref))] };
    case 'removeRoles':
      return {
        ...actual,
        [task.section]: actual[task.section].filter(
          (held) => !task.refs.some((ref) => ref.role === held.role && ref.id === held.id),
        ),
      };
    case 'relate':
      return {
        ...actual,
        relationships: [
          ...actual.relationships,
          ...task.relationships.map(({ alias, type, target }) => ({
            alias,
            type,
            target: { id: target, type: actual.type, kind: '' },
            characteristics: [],
          })),
        ],
      };
    case 'unrelate':
      return { ...actual, relationships: actual.relationships.filter((held) => held.alias !== task.alias) };
    case 'assign':
      return typeof task.owner === 'string' ? assigned(actual, { ...task, owner: task.owner }) : undefined;
    case 'unassign':
      return { ...actual, assignments: actual.assignments.filter((held) => held.alias !== task.alias) };
    case 'transition':
      return {
        ...actual,
        states: { ...actual.states, [actual.type === 'service' ? 'state' : 'lifecycleState']: task.to },
      };
    case 'respecify':
    case 'delete':
      return undefined;
  }
}

const named = (values: Record<string, Json> | undefined): NamedValue[] =>
  Object.entries(values ?? {}).map(([name, value]) => ({ name, value }));

const roleHeld = (ref: { role: string; id: string }) => ({ ...ref, kind: '', type: '' });

/** A build: the kind's declared parts, the task's values, the initial states (as a build writes them). */
function built(task: Extract<Task, { type: 'build' }>, registry: Registry): InstanceSnapshot {
  const kind = registry.instanceKind(task.kind);
  const type = instanceTypeOf(kind.specification.type);
  return {
    id: task.id,
    kind: kind.name,
    type,
    ...(task.name ? { name: task.name } : {}),
    specification: kind.specification,
    states: { ...initialStatesOf(type) },
    characteristics: Object.keys(kind.characteristics).map((name) => ({
      name,
      value: task.characteristics?.[name] ?? null,
    })),
    features: Object.values(kind.features).map((feature) => ({
      name: feature.name,
      isEnabled: task.features?.[feature.name]?.isEnabled ?? feature.enabled,
      characteristics: Object.keys(feature.characteristics).map((name) => ({
        name,
        value: task.features?.[feature.name]?.characteristics?.[name] ?? null,
      })),
    })),
    pools: Object.entries(kind.pools).map(([name, thing]) => ({ name, thing, assigned: 0 })),
    parties: (task.parties ?? []).map(roleHeld),
    places: (task.places ?? []).map(roleHeld),
    relationships: [],
    assignments: [],
    givenAssignments: [],
  };
}

function defined(actual: InstanceSnapshot, task: Extract<Task, { type: 'define' }>): InstanceSnapshot {
  const characteristics = actual.characteristics.map((held) =>
    task.characteristics && held.name in task.characteristics
      ? { name: held.name, value: task.characteristics[held.name] }
      : held,
  );
  const features = actual.features.map((held) => {
    const set = task.features?.[held.name];
    if (!set) return held;
    const values = { ...Object.fromEntries(held.characteristics.map(({ name, value }) => [name, value])) };
    return {
      name: held.name,
      isEnabled: set.isEnabled ?? held.isEnabled,
      characteristics: named({ ...(values as Record<string, Json>), ...set.characteristics }),
    };
  });
  const pools = actual.pools.map((held) => {
    const bounds = task.pools?.[held.name];
    return bounds ? { ...held, ...(bounds as Partial<InstanceSnapshot['pools'][number]>) } : held;
  });
  return {
    ...actual,
    characteristics: [...characteristics, ...missing(actual, task.characteristics)],
    features,
    pools,
  };
}

/** Characteristics a define sets that the actual did not list. */
const missing = (actual: InstanceSnapshot, set: Record<string, Json> | undefined): NamedValue[] =>
  named(set).filter(({ name }) => !actual.characteristics.some((held) => held.name === name));

/** An assignment from a known owner; `auto` holds some value (the planner compares slots, not which value auto gives). */
function assigned(
  actual: InstanceSnapshot,
  task: Extract<Task, { type: 'assign' }> & { owner: string },
): InstanceSnapshot {
  const slot = {
    pool: task.pool,
    thing: '',
    value: task.value === 'auto' ? 0 : task.value,
    alias: task.alias,
    owner: { id: task.owner, type: actual.type, kind: '' },
  };
  return { ...actual, assignments: [...actual.assignments.filter((held) => held.alias !== task.alias), slot] };
}
