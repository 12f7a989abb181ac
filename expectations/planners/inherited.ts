import { inheritedBlockedReason } from '../inherited-reason.js';
import type { Plan } from '../tasks.js';
import { blockedBy, type PlanContext } from './plan-context.js';

/** Unmet inherited facts are never a task: blocked with what their chain lacks. */
export function planInherited({ actual, registry, unmet }: PlanContext): Plan | undefined {
  return unmet.inherited && blockedBy(inheritedBlockedReason(unmet.inherited, actual, registry));
}
