import { kindsMeeting } from '../specification-aim.js';
import type { Plan } from '../tasks.js';
import { blockedBy, planTask, type PlanContext } from './plan-context.js';

/** `specification` is unmet: respecify to the highest registered major of that name that meets it. */
export function planRespecify({ expectation, actual, registry, unmet, id, key }: PlanContext): Plan | undefined {
  if (unmet.specification === undefined) return undefined;
  const expected = expectation.specification ?? {};
  const name = typeof expected.name === 'string' ? expected.name : actual.specification.name;
  const target = kindsMeeting(registry, name, expected.major)[0];
  if (!target) {
    return blockedBy(
      `specification: no registered kind declares ${name} with a major version meeting ${JSON.stringify(expected.major ?? null)}`,
    );
  }
  if (target.specification.id === actual.specification.id) {
    const { name: actualName, major, minor, patch } = actual.specification;
    return blockedBy(
      `specification: ${JSON.stringify(expected)} is not met by ${actualName} ${major}.${minor}.${patch}, and no other specification would meet it`,
    );
  }
  return planTask({
    type: 'respecify',
    key: key('respecify', target.specification.id),
    id,
    specificationId: target.specification.id,
    toKind: target.name,
  });
}
