import type { Json } from '../operators.js';
import { isPlainObject, operatorOf } from '../operators.js';
import {
  currentOf,
  elementAt,
  objectsOf,
  refuse,
  sameJson,
  textOf,
  untouched,
  type WriteContext,
} from './write-context.js';

/**
 * `serviceCharacteristic` / `resourceCharacteristic` and features of a TMF write. A
 * characteristic the kind declares is an expected value; one named after a pool of the kind sets
 * the pool's bounds (`first`, `last`, `algorithm`, `assignableType`: `thing`, `free` and
 * `assigned` are the pool's to tell); one with `inheritedFrom` is computed from other instances,
 * so a write may repeat it as it is and not set it. Values are literals. A PATCH sets only what it
 * changed and may not drop an own characteristic: an expectation sets values, it removes none.
 */

/** Whether a value holds a `$`-key object (an expectation operator): over TMF, values are literals. */
function holdsOperator(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsOperator);
  if (!isPlainObject(value)) return false;
  return operatorOf(value) !== undefined || Object.values(value).some(holdsOperator);
}

/** A literal value to expect, or why it is not one. */
function literalProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return 'give a value';
  if (holdsOperator(value)) return 'a value over TMF is a literal: no "$" keys (expectation operators)';
  return undefined;
}

/** Whether `name` is not among `declared`; if so, refuses it, saying which are. */
function undeclared(context: WriteContext, where: string, what: string, name: string, declared: object): boolean {
  if (name in declared) return false;
  refuse(context, where, `${what} "${name}" (declared: ${Object.keys(declared).join(', ') || 'none'})`);
  return true;
}

const inheritedOf = (entries: Array<Record<string, unknown>>) =>
  entries.filter((entry) => entry.inheritedFrom !== undefined);

/** An entry with `inheritedFrom` must be one the instance shows: inherited facts are never set. */
export function checkInherited(
  context: WriteContext,
  entry: Record<string, unknown>,
  current: Array<Record<string, unknown>>,
  where: string,
): void {
  if (inheritedOf(current).some((shown) => sameJson(shown, entry))) return;
  refuse(
    context,
    where,
    `${JSON.stringify(textOf(entry, 'name') ?? textOf(entry, 'role') ?? '')} is inherited (computed from the instances inheritedFrom names): a write may repeat it as it is, not set it`,
  );
}

function translatePool(
  context: WriteContext,
  entry: Record<string, unknown>,
  shown: Record<string, unknown> | undefined,
  where: string,
): void {
  const name = textOf(entry, 'name')!;
  const value = entry.value;
  if (!isPlainObject(value)) {
    refuse(context, `${where}.value`, `"${name}" is a pool: its value is an object with first and last`);
    return;
  }
  const thing = context.kind.pools[name]!;
  const shownValue = isPlainObject(shown?.value) ? shown.value : { thing };
  for (const told of ['thing', 'free', 'assigned']) {
    if (value[told] !== undefined && !sameJson(value[told], shownValue[told])) {
      refuse(context, `${where}.value.${told}`, `the pool tells its ${told}; a write may only repeat it`);
    }
  }
  const bounds = Object.fromEntries(
    ['first', 'last', 'algorithm', 'assignableType'].flatMap((key) =>
      value[key] === undefined || sameJson(value[key], shownValue[key]) ? [] : [[key, value[key]]],
    ),
  );
  if (Object.keys(bounds).length === 0) return;
  context.sections.pools = { ...context.sections.pools, [name]: bounds };
  context.origins.set(`pools.${name}`, `${where}.value`);
}

export function translateCharacteristics(context: WriteContext): void {
  const field = `${context.write.type}Characteristic`;
  if (untouched(context, field)) return;
  const entries = objectsOf(context.write.document[field]);
  const current = objectsOf(currentOf(context, field));
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const where = elementAt(field, index);
    const name = textOf(entry, 'name') ?? '';
    if (entry.inheritedFrom !== undefined) return checkInherited(context, entry, current, where);
    if (seen.has(name)) return refuse(context, `${where}.name`, `"${name}" is given twice`);
    seen.add(name);
    const shown = current.find((candidate) => candidate.inheritedFrom === undefined && candidate.name === name);
    if (name in context.kind.pools) return translatePool(context, entry, shown, where);
    const { characteristics } = context.kind;
    if (undeclared(context, `${where}.name`, `${context.kind.name} declares no characteristic`, name, characteristics))
      return;
    if (shown && sameJson(shown.value, entry.value)) return;
    const problem = literalProblem(entry.value);
    if (problem) return refuse(context, `${where}.value`, problem);
    context.sections.characteristics = { ...context.sections.characteristics, [name]: entry.value as Json };
    context.origins.set(`characteristics.${name}`, `${where}.value`);
  });
  for (const shown of current) {
    const name = textOf(shown, 'name') ?? '';
    if (shown.inheritedFrom !== undefined || name in context.kind.pools || seen.has(name)) continue;
    refuse(
      context,
      field,
      `"${name}" is missing: an expectation sets values and removes none, so a write keeps every characteristic (change its value instead)`,
    );
  }
}

/** The feature characteristics a feature entry sets, by name (v4's stand-in `isEnabled` left out). */
function featureCharacteristics(
  context: WriteContext,
  name: string,
  entry: Record<string, unknown>,
  shown: Record<string, unknown> | undefined,
  where: string,
): Record<string, Json> {
  const declared = context.kind.features[name]!.characteristics;
  const shownValues = new Map(
    objectsOf(shown?.featureCharacteristic).map((item) => [textOf(item, 'name'), item.value]),
  );
  const values: Record<string, Json> = {};
  objectsOf(entry.featureCharacteristic).forEach((item, index) => {
    const characteristic = textOf(item, 'name') ?? '';
    const at = `${where}.featureCharacteristic[${index}]`;
    // TMF638 v4 requires a characteristic per feature: a feature without any shows its isEnabled as one
    if (characteristic === 'isEnabled' && !('isEnabled' in declared)) return;
    if (undeclared(context, `${at}.name`, `feature "${name}" declares no characteristic`, characteristic, declared))
      return;
    if (sameJson(shownValues.get(characteristic), item.value)) return;
    const problem = literalProblem(item.value);
    if (problem) return refuse(context, `${at}.value`, problem);
    values[characteristic] = item.value as Json;
    context.origins.set(`features.${name}.characteristics.${characteristic}`, `${at}.value`);
  });
  return values;
}

export function translateFeatures(context: WriteContext): void {
  const { type, version } = context.write;
  const field = type === 'resource' && version === 'v5' ? 'activationFeature' : 'feature';
  if (untouched(context, field)) return;
  const current = objectsOf(currentOf(context, field));
  objectsOf(context.write.document[field]).forEach((entry, index) => {
    const where = elementAt(field, index);
    const name = textOf(entry, 'name') ?? textOf(entry, 'id') ?? '';
    if (undeclared(context, `${where}.name`, `${context.kind.name} declares no feature`, name, context.kind.features))
      return;
    const shown = current.find((candidate) => candidate.name === name);
    if (shown && sameJson(shown, entry)) return;
    const characteristics = featureCharacteristics(context, name, entry, shown, where);
    const isEnabled =
      typeof entry.isEnabled === 'boolean' && entry.isEnabled !== shown?.isEnabled ? entry.isEnabled : undefined;
    if (isEnabled === undefined && Object.keys(characteristics).length === 0) return;
    context.sections.features = {
      ...context.sections.features,
      [name]: {
        ...(isEnabled === undefined ? {} : { isEnabled }),
        ...(Object.keys(characteristics).length ? { characteristics } : {}),
      },
    };
    context.origins.set(`features.${name}`, where);
  });
}
