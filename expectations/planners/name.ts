import type { Plan } from '../tasks.js';
import { blockedBy, type PlanContext } from './plan-context.js';

/** An unmet `name` is blocked: names are set at build. */
export function planName({ expectation, actual, unmet }: PlanContext): Plan | undefined {
  if (unmet.name === undefined) return undefined;
  return blockedBy(
    `name: expected ${JSON.stringify(expectation.name)} but the actual is named ${JSON.stringify(actual.name ?? null)}; names are set at build and not changed by the engine`,
  );
}
