import { isOwnerSelector } from '../expectation-schema.js';
import type { Json } from '../operators.js';
import type { OwnerSelector, Plan } from '../tasks.js';
import { literalOf } from './literals.js';
import { blockedBy, planTask, type PlanContext } from './plan-context.js';

/**
 * A slot in `assignments` is unmet: empty it when it holds a value that does not meet the
 * expectation, else assign to it — from an owner id or an owner selector, a value or `auto`.
 */
export function planAssignments({ expectation, actual, unmet, id, key }: PlanContext): Plan | undefined {
  const alias = unmet.assignments?.[0];
  if (alias === undefined) return undefined;
  if (actual.assignments.some((assignment) => assignment.alias === alias)) {
    return planTask({ type: 'unassign', key: key('unassign', alias), assignee: id, alias });
  }
  const wanted = expectation.assignments?.find((assignment) => assignment.alias === alias);
  if (!wanted) return undefined;
  const owner = ownerOf(wanted.from);
  if (owner === undefined)
    return blockedBy(`assignments.${alias}.from: no instance to assign from in ${JSON.stringify(wanted.from)}`);
  let value: number | 'auto' = 'auto';
  if (wanted.value !== undefined) {
    const literal = literalOf(wanted.value);
    if (typeof literal !== 'number')
      return blockedBy(
        `assignments.${alias}.value: ${JSON.stringify(wanted.value)} gives no value to ask the pool for`,
      );
    value = literal;
  }
  return planTask({ type: 'assign', key: key('assign', alias), owner, pool: wanted.pool, assignee: id, alias, value });
}

/** The owner to assign from: a selector as given, else the id the expected `from` names first. */
function ownerOf(from: Json): string | OwnerSelector | undefined {
  if (isOwnerSelector(from)) return { kind: from.kind, places: from.places ?? [] };
  const literal = literalOf(from);
  return typeof literal === 'string' ? literal : undefined;
}
