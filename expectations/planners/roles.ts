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
    // a single role held by another: remove that one first
    const [type, ref] =
      role?.cardinality === 'single' && holder
        ? (['removeRoles', { role: first.role, id: holder.id }] as const)
        : (['addRoles', { role: first.role, id: first.id }] as const);
    return planTask({ type, key: key(type, `${section}/${ref.role}/${ref.id}`), id, section, refs: [ref] });
  }
  return undefined;
}
