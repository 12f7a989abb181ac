import type { InstanceSnapshot } from './tmf-json.js';

/**
 * What a blocked expectation waits for — a secondary object, in controller-runtime's words,
 * whose change should wake its reconciler rather than its back-off timer:
 *
 * - `value`: a value of an owner's pool, held by another assignee;
 * - `capacity`: free values in an owner's pool (exhausted, missing, without bounds, or its owner
 *   in a state that cannot assign): `needed` of them, the auto-assigns from that pool of the
 *   batch that failed (its earlier values were rolled back with it; absent: 1);
 * - `capacityOfKind`: a free value in that pool of any instance of a kind (an owner selector);
 * - `instance`, `party`, `place`: that it exists (a relationship target, a party or place a role
 *   names);
 * - `fact`: a change of an instance along an inheritance chain (where the chain stopped, or the
 *   sources whose value is not the expected one);
 * - `server`: a server that was unreachable. Never stored: the graph may be what is down, so the
 *   worker's outage watcher holds it (runtime/outage-watcher.ts) and wakes the reconciler when
 *   every server answers again.
 *
 * Each but `server` is stored beside the expectation (graph/waits-for-repository.ts) under its
 * anchor: the id of the node whose change may end the wait.
 */
export type WaitsFor =
  | { cause: 'value'; owner: string; pool: string; value: number }
  | { cause: 'capacity'; owner: string; pool: string; needed?: number }
  | { cause: 'capacityOfKind'; kind: string; pool: string }
  | { cause: 'instance' | 'party' | 'place' | 'fact'; id: string }
  | { cause: 'server'; server: string };

/** A WaitsFor the graph holds (all but `server`). */
export type StoredWaitsFor = Exclude<WaitsFor, { cause: 'server' }>;

/** The anchor of an instance kind: what a selector's capacity waits on, touched by any owner of that kind. */
export const kindAnchor = (kind: string) => `kind:${kind}`;

/** The node id (or kind anchor) a stored wait hangs on: a change there may end it. */
export function anchorOf(wait: StoredWaitsFor): string {
  switch (wait.cause) {
    case 'value':
    case 'capacity':
      return wait.owner;
    case 'capacityOfKind':
      return kindAnchor(wait.kind);
    default:
      return wait.id;
  }
}

/**
 * What a change of `id` may end a wait for: the instance itself and its kind (an owner whose pool
 * grew or whose state changed; a new owner), and what it points at before and after — the owners
 * of the values it holds (a value it gave back) and its relationships' targets (whose incoming
 * relationships an inheritance chain walks).
 */
export function touchedBy(
  id: string,
  before: InstanceSnapshot | null | undefined,
  after: InstanceSnapshot | null | undefined,
): string[] {
  const touched = new Set<string>([id]);
  for (const snapshot of [before, after]) {
    if (!snapshot) continue;
    touched.add(kindAnchor(snapshot.kind));
    for (const { owner } of snapshot.assignments) {
      touched.add(owner.id);
      touched.add(kindAnchor(owner.kind));
    }
    for (const { target } of snapshot.relationships) touched.add(target.id);
  }
  return [...touched];
}
