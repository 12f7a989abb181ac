import deepDiff from 'deep-diff';
import { eventTypeOf, type EventBaseType } from '../model/tmf/event-types.js';

/**
 * What a task changed in an actual instance: its TMF JSON before and after, diffed with
 * deep-diff, as a TMF-style event (`…CreateEvent` when there was none before,
 * `…DeleteEvent` when there is none after — its changes are the instance as it was —
 * `…StateChangeEvent`, `…AttributeValueChangeEvent`) with the changed paths. `undefined`
 * when nothing changed.
 */
export interface ChangeSet {
  eventType: string;
  changedPaths: string[];
  changes: Array<{ kind: 'new' | 'deleted' | 'edited' | 'array'; path: string; before?: unknown; after?: unknown }>;
}

const stateFields = new Set([
  'state',
  'operatingStatus',
  'lifecycleState',
  'administrativeState',
  'operationalState',
  'usageState',
]);
const kindNames = { N: 'new', D: 'deleted', E: 'edited', A: 'array' } as const;

export function changeSet(
  baseType: EventBaseType,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): ChangeSet | undefined {
  const differences = deepDiff.diff(before ?? {}, after ?? {}) ?? [];
  if (differences.length === 0) return undefined;
  const changes = differences.map((difference) => {
    const path = (difference.path ?? []).join('.');
    const entry: ChangeSet['changes'][number] = { kind: kindNames[difference.kind], path };
    if (difference.kind === 'E') Object.assign(entry, { before: difference.lhs, after: difference.rhs });
    if (difference.kind === 'N') entry.after = difference.rhs;
    if (difference.kind === 'D') entry.before = difference.lhs;
    if (difference.kind === 'A')
      Object.assign(entry, {
        path: `${path}.${difference.index}`,
        before: difference.item.kind === 'N' ? undefined : (difference.item as { lhs?: unknown }).lhs,
        after: (difference.item as { rhs?: unknown }).rhs,
      });
    return entry;
  });
  const changedPaths = [...new Set(changes.map((change) => change.path))].sort();
  const eventType = eventTypeOf(
    baseType,
    before === null
      ? 'CreateEvent'
      : after === null
        ? 'DeleteEvent'
        : changedPaths.some((path) => stateFields.has(path))
          ? 'StateChangeEvent'
          : 'AttributeValueChangeEvent',
  );
  return { eventType, changedPaths, changes };
}
