import type { Plan } from '../tasks.js';
import { blockedBy, planTask, type PlanContext } from './plan-context.js';

/**
 * `parties` or `places` are unmet: add the first missing one — after removing whoever holds
 * its role when the role is single — or blocked when the expectation names no id.
 */
export function planRoles({ actual, registry, unmet, id, key }: PlanContext): Plan | undefined {
  for (const section of ['parties', 'places'] as const) {
    const first = unmet[section]?.[0];
    if (!first) continue;
    if (!first.id) {
      return blockedBy(
        `${section}: expects a ${section === 'parties' ? 'party' : 'place'} in role "${first.role}" without saying which; give its id`,
      );
    }
    const role = registry.instanceKind(actual.kind)[section][first.role];
    const holder = actual[section].find((ref) => ref.role === first.role && ref.id !== first.id);
    if (role?.cardinality === 'single' && holder) {
      const refs = [{ role: first.role, id: holder.id }];
      return planTask({
        type: 'removeRoles',
        key: key('removeRoles', `${section}/${first.role}/${holder.id}`),
        id,
        section,
        refs,
      });
    }
    const refs = [{ role: first.role, id: first.id }];
    return planTask({
      type: 'addRoles',
      key: key('addRoles', `${section}/${first.role}/${first.id}`),
      id,
      section,
      refs,
    });
  }
  return undefined;
}
