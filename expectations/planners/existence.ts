import type { Plan } from '../tasks.js';
import { blockedBy, planTask, type PlanContext } from './plan-context.js';

/**
 * `exists: false` is unmet — the actual exists: delete it, unless it is not of the expected kind's
 * specification (then it is some other instance under that id, and the engine leaves it alone).
 * Whatever depends on it is the delete activity's to find (the expectation is then blocked).
 */
export function planDelete({ expectation, actual, registry, unmet, id, key }: PlanContext): Plan | undefined {
  if (unmet.exists !== false) return undefined;
  const expected = registry.instanceKind(expectation.kind).specification.name;
  if (actual.specification.name !== expected) {
    return blockedBy(
      `exists: ${id} is a ${actual.kind} (specification ${actual.specification.name}), not a ${expectation.kind} (specification ${expected}); it is not deleted`,
    );
  }
  return planTask({ type: 'delete', key: key('delete', id), id });
}
