import { nearSchema } from '../model/geo.js';
import { backtrackingProblem } from './regex-backtracking.js';

/**
 * Operators an expectation may use where a literal value would go, written as a JSON object
 * with exactly one `$`-key:
 *
 * | operator                         | met when the actual value…                         |
 * | -------------------------------- | -------------------------------------------------- |
 * | `{"$anyOf": [e1, e2, …]}`        | meets at least one of the expectations             |
 * | `{"$oneOf": [e1, e2, …]}`        | meets exactly one of them                          |
 * | `{"$allOf": [e1, e2, …]}`        | meets all of them                                  |
 * | `{"$noneOf": [e1, e2, …]}`       | meets none of them                                 |
 * | `{"$range": {"min": 1, "max": 9}}` | is a number within min..max (inclusive; either bound optional) |
 * | `{"$regex": "^NXT"}`             | is a string matching the pattern (none that can backtrack exponentially: expectations/regex-backtracking.ts) |
 * | `{"$exists": true}`              | is present (not null/absent)                       |
 * | `{"$absent": true}`              | is absent or null — explicitly no value            |
 * | `{"$any": "number"}`             | is any value of that type (string, number, integer, boolean, object, array) |
 * | `{"$ordered": [e1, e2, …]}`      | is a list meeting e1, e2, … position by position   |
 * | `{"$near": {"longitude": 144.96, "latitude": -37.81, "km": 20}}` | is a point (`{longitude, latitude}`, WGS-84) within km of that one (great-circle; inclusive) |
 *
 * Any other `$`-key is a validation error (never a silent pass).
 */
export const operatorNames = [
  '$anyOf',
  '$oneOf',
  '$allOf',
  '$noneOf',
  '$range',
  '$regex',
  '$exists',
  '$absent',
  '$any',
  '$ordered',
  '$near',
] as const;
export type OperatorName = (typeof operatorNames)[number];

export const valueTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;
export type ValueType = (typeof valueTypes)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object whose only key starts with `$` is an operator expression. */
export function operatorOf(value: unknown): { name: string; operand: Json } | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !keys[0]!.startsWith('$')) return undefined;
  return { name: keys[0]!, operand: value[keys[0]!]! };
}

/** Problems with the operators in an expectation (unknown names, malformed operands), by path. */
export function operatorProblems(value: unknown, path: string[] = []): string[] {
  const where = path.length ? path.join('.') : '(expectation)';
  if (Array.isArray(value)) return value.flatMap((item, index) => operatorProblems(item, [...path, String(index)]));
  if (!isPlainObject(value)) return [];
  const dollarKeys = Object.keys(value).filter((key) => key.startsWith('$'));
  if (dollarKeys.length > 0 && Object.keys(value).length > 1) {
    return [`${where}: an operator (${dollarKeys.join(', ')}) must be the only key of its object`];
  }
  const operator = operatorOf(value);
  if (!operator) return Object.entries(value).flatMap(([key, inner]) => operatorProblems(inner, [...path, key]));
  const { name, operand } = operator;
  const at = `${where}.${name}`;
  switch (name) {
    case '$anyOf':
    case '$oneOf':
    case '$allOf':
    case '$noneOf':
    case '$ordered':
      if (!Array.isArray(operand) || (name !== '$ordered' && operand.length === 0))
        return [`${at}: expects a ${name === '$ordered' ? '' : 'non-empty '}list`];
      return operand.flatMap((item, index) => operatorProblems(item, [...path, name, String(index)]));
    case '$range': {
      if (!isPlainObject(operand)) return [`${at}: expects {"min": number, "max": number}`];
      const extra = Object.keys(operand).filter((key) => key !== 'min' && key !== 'max');
      const { min, max } = operand;
      const problems = extra.map((key) => `${at}.${key}: only min and max are allowed`);
      if (min === undefined && max === undefined) problems.push(`${at}: give min, max or both`);
      for (const [bound, number] of [
        ['min', min],
        ['max', max],
      ] as const) {
        if (number !== undefined && typeof number !== 'number') problems.push(`${at}.${bound}: must be a number`);
      }
      if (typeof min === 'number' && typeof max === 'number' && min > max)
        problems.push(`${at}: min ${min} is greater than max ${max}`);
      return problems;
    }
    case '$regex':
      if (typeof operand !== 'string') return [`${at}: expects a pattern string`];
      try {
        new RegExp(operand, 'u');
      } catch (error) {
        return [`${at}: not a valid pattern (${(error as Error).message})`];
      }
      return [backtrackingProblem(operand)].flatMap((problem) => (problem ? [`${at}: ${problem}`] : []));
    case '$exists':
    case '$absent':
      return operand === true ? [] : [`${at}: expects true`];
    case '$any':
      return (valueTypes as readonly string[]).includes(operand as string)
        ? []
        : [`${at}: expects one of ${valueTypes.join(', ')}`];
    case '$near': {
      const near = nearSchema.safeParse(operand);
      return near.success ? [] : near.error.issues.map((issue) => `${[at, ...issue.path].join('.')}: ${issue.message}`);
    }
    default:
      return [`${at}: unknown operator (known: ${operatorNames.join(', ')})`];
  }
}

export function hasType(value: unknown, type: ValueType): boolean {
  switch (type) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}
