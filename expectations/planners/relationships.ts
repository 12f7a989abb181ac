import type { Plan } from '../tasks.js';
import { planTask, type PlanContext } from './plan-context.js';

/** A relationship alias is unmet: unrelate it when it is bound to the wrong target or type, else relate it. */
export function planRelationships({ expectation, actual, unmet, id, key }: PlanContext): Plan | undefined {
  const alias = unmet.relationships?.[0];
  if (alias === undefined) return undefined;
  if (actual.relationships.some((relationship) => relationship.alias === alias)) {
    return planTask({ type: 'unrelate', key: key('unrelate', alias), id, alias });
  }
  const wanted = expectation.relationships?.find((relationship) => relationship.alias === alias);
  return wanted && planTask({ type: 'relate', key: key('relate', alias), id, relationships: [wanted] });
}
