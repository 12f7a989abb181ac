import { isPlainObject, type Json } from '../operators.js';
import type { Plan } from '../tasks.js';
import { definedEntries, literalOf, overlay } from './literals.js';
import { objectAt } from './outstanding-sections.js';
import { blockedBy, planTask, type PlanContext } from './plan-context.js';

type FeatureValues = { isEnabled?: boolean; characteristics?: Record<string, Json> };

/**
 * `characteristics`, `features` or `pools` are unmet: one define with a literal for each
 * unmet one — laid over the actual value for characteristics and pool bounds — or blocked
 * when an expected value gives no literal to set.
 */
export function planDefine(context: PlanContext): Plan | undefined {
  const { expectation, actual, actualDocument, unmet, id, key } = context;
  if (!unmet.characteristics && !unmet.features && !unmet.pools) return undefined;
  const current = objectAt(actualDocument, 'characteristics') ?? {};
  const characteristics: Record<string, Json> = {};
  for (const name of Object.keys(unmet.characteristics ?? {})) {
    const expected = expectation.characteristics?.[name];
    const literal = literalOf(expected);
    if (literal === undefined) {
      return blockedBy(
        `characteristics.${name}: expected ${JSON.stringify(expected)} is not met by ${JSON.stringify(current[name] ?? null)}, and there is no literal value to set`,
      );
    }
    characteristics[name] = overlay(current[name], literal);
  }
  const features: Record<string, FeatureValues> = {};
  for (const name of Object.keys(unmet.features ?? {})) {
    const expected = expectation.features?.[name] ?? {};
    const featureCharacteristics: Record<string, Json> = {};
    for (const [characteristic, value] of Object.entries(expected.characteristics ?? {})) {
      const literal = literalOf(value);
      if (literal === undefined)
        return blockedBy(
          `features.${name}.characteristics.${characteristic}: no literal value to set for ${JSON.stringify(value)}`,
        );
      featureCharacteristics[characteristic] = literal;
    }
    const isEnabled = literalOf(expected.isEnabled);
    features[name] = {
      ...(typeof isEnabled === 'boolean' ? { isEnabled } : {}),
      characteristics: featureCharacteristics,
    };
  }
  const pools: Record<string, Record<string, Json>> = {};
  for (const name of Object.keys(unmet.pools ?? {})) {
    const bounds = poolBoundsToDefine(context, name);
    if (typeof bounds === 'string') return blockedBy(bounds);
    pools[name] = bounds;
  }
  const detail = [...Object.keys(characteristics), ...Object.keys(features), ...Object.keys(pools)].join(',');
  return planTask({
    type: 'define',
    key: key('define', detail),
    kind: actual.kind,
    id,
    characteristics,
    features,
    ...(Object.keys(pools).length ? { pools } : {}),
  });
}

/** The expected bounds of a pool laid over its current ones, or why there are none to set. */
function poolBoundsToDefine({ expectation, actual }: PlanContext, name: string): Record<string, Json> | string {
  const expected = expectation.pools?.[name];
  const literal = literalOf(expected && definedEntries(expected));
  if (literal === undefined) return `pools.${name}: no literal bounds to set in ${JSON.stringify(expected)}`;
  const current = actual.pools.find((pool) => pool.name === name);
  const merged = overlay(
    {
      first: current?.first ?? null,
      last: current?.last ?? null,
      algorithm: current?.algorithm ?? 'lowest',
      ...(current?.assignableType ? { assignableType: current.assignableType } : {}),
    },
    literal,
  );
  if (!isBounds(merged)) return `pools.${name}: give both first and last for a pool that has no bounds yet`;
  return merged;
}

function isBounds(value: Json): value is Record<string, Json> & { first: number; last: number } {
  return isPlainObject(value) && typeof value.first === 'number' && typeof value.last === 'number';
}
