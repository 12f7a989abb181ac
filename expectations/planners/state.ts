import { nextStateToward } from '../state-path.js';
import type { Plan } from '../tasks.js';
import { alternativesOf } from './literals.js';
import { blockedBy, planTask, type PlanContext } from './plan-context.js';

/** `state` is unmet: one allowed step toward the first expected state that can be reached, or blocked. */
export function planTransition({ expectation, actual, unmet, id, key }: PlanContext): Plan | undefined {
  if (unmet.state === undefined || expectation.state === undefined) return undefined;
  const current = (actual.type === 'service' ? actual.states.state : actual.states.lifecycleState) ?? '';
  const targets = alternativesOf(expectation.state).filter((target): target is string => typeof target === 'string');
  for (const target of targets) {
    const next = nextStateToward(actual.type, current, target);
    if (next) return planTask({ type: 'transition', key: key('transition', `${current}->${next}`), id, to: next });
  }
  return blockedBy(`state: ${JSON.stringify(expectation.state)} cannot be reached from ${current}`);
}
