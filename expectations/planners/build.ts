import type { Plan } from '../tasks.js';
import { literalOf, literalsOf, withIds } from './literals.js';
import { planTask, type PlanBasis } from './plan-context.js';

/** There is no actual: one build with everything that has a literal value at build time. */
export function planBuild({ expectation, id, key }: PlanBasis): Plan {
  const name = typeof expectation.name === 'string' ? expectation.name : undefined;
  const features = Object.fromEntries(
    Object.entries(expectation.features ?? {}).map(([feature, value]) => {
      const isEnabled = literalOf(value.isEnabled);
      return [
        feature,
        {
          ...(typeof isEnabled === 'boolean' ? { isEnabled } : {}),
          characteristics: literalsOf(value.characteristics),
        },
      ];
    }),
  );
  return planTask({
    type: 'build',
    key: key('build', id),
    kind: expectation.kind,
    id,
    ...(name ? { name } : {}),
    characteristics: literalsOf(expectation.characteristics),
    features,
    parties: withIds(expectation.parties),
    places: withIds(expectation.places),
  });
}
