import type { InstanceSnapshot } from '../../model/tmf-json.js';
import type { StoredWaitsFor } from '../../model/waits-for.js';
import { inheritedBlockedReason } from '../inherited-reason.js';
import type { Json } from '../operators.js';
import type { Plan } from '../tasks.js';
import { blockedBy, type PlanContext } from './plan-context.js';

/**
 * Unmet inherited facts are never a task: blocked with what their chain lacks, waiting for a
 * change of the instances where each chain stopped (or, when it gives another value, of its sources).
 */
export function planInherited({ actual, registry, unmet }: PlanContext): Plan | undefined {
  return (
    unmet.inherited &&
    blockedBy(inheritedBlockedReason(unmet.inherited, actual, registry), factsWaitedFor(unmet.inherited, actual))
  );
}

function factsWaitedFor(unmet: Record<string, Json>, actual: InstanceSnapshot): StoredWaitsFor[] {
  const ids = new Set<string>();
  for (const name of Object.keys(unmet)) {
    const value = actual.inherited?.find((inherited) => inherited.name === name);
    if (!value) continue;
    const reached =
      value.status === 'unknown'
        ? (value.reached ?? [])
        : value.items.flatMap((item) => item.from.map((source) => source.id));
    // a chain that stops at its first hop waits for this instance's own fact
    for (const id of reached.length > 0 ? reached : [actual.id]) ids.add(id);
  }
  return [...ids].sort().map((id) => ({ cause: 'fact', id }));
}
