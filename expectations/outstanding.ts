import { geoPointSchema, isNear, type GeoPoint, type Near } from '../model/geo.js';
import { UnknownValue } from '../model/inherited-values.js';
import { hasType, isPlainObject, operatorOf, type Json } from './operators.js';

/**
 * outstanding(expected, actual): `null` when the expectation is met, otherwise the unmet
 * part of the expectation in the expectation's own shape (never a list of patches).
 *
 * - `null`/absent in the expectation means "no expectation"; extra data in the actual is fine.
 * - Scalars are equal or outstanding; numbers compare numerically.
 * - Objects: key by key; only unmet keys are kept.
 * - Lists of things with identity are matched by key, not position: an element with an
 *   `alias` by alias, with a `role` by role (+ `id` when the expectation gives one), with a
 *   `name` by name. The key fields stay in an unmet element so you can tell which it is.
 * - Other lists compare as sets (each expected element must be met by some actual
 *   element); `{"$ordered": [...]}` compares position by position.
 * - Operators (see operators.ts) are met or returned whole.
 * - An UnknownValue (an inherited fact the graph cannot tell yet) meets no expectation, not
 *   even `$absent`: unknown is not "no value".
 */
export function outstanding(expected: Json | undefined, actual: unknown): Json | null {
  if (expected === null || expected === undefined) return null;
  if (actual instanceof UnknownValue) return expected;
  const operator = operatorOf(expected);
  if (operator) return operatorMet(operator.name, operator.operand, actual) ? null : expected;
  if (Array.isArray(expected)) return listOutstanding(expected, actual);
  if (isPlainObject(expected)) return objectOutstanding(expected, actual);
  return scalarMet(expected, actual) ? null : expected;
}

function scalarMet(expected: Json, actual: unknown): boolean {
  if (typeof expected === 'number') return typeof actual === 'number' && actual === expected;
  return actual === expected;
}

function objectOutstanding(expected: Record<string, Json>, actual: unknown): Json | null {
  const actualObject = isPlainObject(actual) ? actual : undefined;
  let result: Record<string, Json> | null = null;
  for (const key in expected) {
    const unmet = outstanding(expected[key], actualObject?.[key]);
    if (unmet !== null) (result ??= {})[key] = unmet;
  }
  return result;
}

/** The identity of a list element: which fields name it. */
const keyFieldsOf = (element: Json): string[] => {
  if (!isPlainObject(element)) return [];
  if (typeof element.alias === 'string') return ['alias'];
  if (typeof element.role === 'string') return typeof element.id === 'string' ? ['role', 'id'] : ['role'];
  if (typeof element.name === 'string') return ['name'];
  return [];
};

function sameKey(expected: Record<string, Json>, candidate: unknown, fields: string[]): boolean {
  return isPlainObject(candidate) && fields.every((field) => candidate[field] === expected[field]);
}

function listOutstanding(expected: Json[], actual: unknown): Json | null {
  const actualList = Array.isArray(actual) ? actual : [];
  const unmet: Json[] = [];
  for (const element of expected) {
    const fields = keyFieldsOf(element);
    if (fields.length > 0) {
      const keyed = element as Record<string, Json>;
      // several actual elements may share a key (two parties in one role): any of them may meet it
      const candidates = actualList.filter((candidate) => sameKey(keyed, candidate, fields));
      if (candidates.length === 0) {
        unmet.push(element);
        continue;
      }
      const inners = candidates.map((candidate) => outstanding(element, candidate));
      if (inners.includes(null)) continue;
      unmet.push({
        ...Object.fromEntries(fields.map((field) => [field, keyed[field]!])),
        ...(inners[0] as Record<string, Json>),
      });
    } else if (!actualList.some((candidate) => outstanding(element, candidate) === null)) {
      unmet.push(element);
    }
  }
  return unmet.length > 0 ? unmet : null;
}

function operatorMet(name: string, operand: Json, actual: unknown): boolean {
  const meets = (expectation: Json) => outstanding(expectation, actual) === null;
  switch (name) {
    case '$anyOf':
      return (operand as Json[]).some(meets);
    case '$oneOf':
      return (operand as Json[]).filter(meets).length === 1;
    case '$allOf':
      return (operand as Json[]).every(meets);
    case '$noneOf':
      return !(operand as Json[]).some(meets);
    case '$range': {
      const { min, max } = operand as { min?: number; max?: number };
      return typeof actual === 'number' && (min === undefined || actual >= min) && (max === undefined || actual <= max);
    }
    case '$regex':
      return typeof actual === 'string' && new RegExp(operand as string, 'u').test(actual);
    case '$exists':
      return actual !== undefined && actual !== null;
    case '$absent':
      return actual === undefined || actual === null;
    case '$any':
      return hasType(actual, operand as Parameters<typeof hasType>[1]);
    case '$near':
      return geoPointSchema.safeParse(actual).success && isNear(actual as GeoPoint, operand as Near);
    case '$ordered':
      return (
        Array.isArray(actual) &&
        (operand as Json[]).every((expectation, index) => outstanding(expectation, actual[index]) === null)
      );
    default:
      // validation refuses unknown operators before an expectation is stored; never pass silently
      throw new Error(`unknown operator ${name}`);
  }
}

/** How many unmet facts an outstanding document holds: leaves, with each unmet keyed element (a slot, a role, a relationship) counting once. */
export function outstandingCount(document: Json | null): number {
  if (document === null) return 0;
  if (operatorOf(document)) return 1;
  if (Array.isArray(document)) {
    return document.reduce<number>(
      (sum, element) => sum + (keyFieldsOf(element).length > 0 ? 1 : outstandingCount(element)),
      0,
    );
  }
  if (isPlainObject(document))
    return Object.values(document).reduce<number>((sum, value) => sum + outstandingCount(value), 0);
  return 1;
}
