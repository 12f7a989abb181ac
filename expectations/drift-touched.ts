import { kindAnchor, touchedBy } from '../model/waits-for.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import { isOwnerSelector, type ExpectationBody } from './expectation-schema.js';
import { alternativesOf } from './planners/literals.js';

/**
 * What an out-of-band change an observation found (drift: a met expectation no longer met, at
 * the same generation) may have touched: the actual as it is now (model/waits-for.ts
 * `touchedBy`), and what the expectation names — the owners of its slots (a value given back by
 * hand was one of theirs; a selector's kind) and its relationships' targets. The change itself
 * is gone; these are where a wait it ended hangs.
 */
export function driftTouched(actualId: string, actual: InstanceSnapshot | null, body: ExpectationBody): string[] {
  const named = [
    ...(body.assignments ?? []).flatMap(({ from }) =>
      isOwnerSelector(from)
        ? [kindAnchor(from.kind)]
        : alternativesOf(from).filter((owner): owner is string => typeof owner === 'string'),
    ),
    ...(body.relationships ?? []).map(({ target }) => target),
  ];
  return [...new Set([...touchedBy(actualId, null, actual), ...named])];
}
