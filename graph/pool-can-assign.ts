import { assignableStates } from '../model/lifecycle.js';

/**
 * Whether a pool can assign, in Cypher, for every query that asks (an auto-assign, a batch of
 * them, an owner chosen by a selector, a wait for capacity): over an owner `o` and its pool `p`.
 */

/** `o`'s pool `p` can assign: it has bounds, and `o` is in a state that lets it (`poolCanAssignParams`). */
export const poolCanAssign = `p.first IS NOT NULL AND p.last IS NOT NULL
  AND coalesce(o.state, o.lifecycleState) IN CASE o.type WHEN 'service' THEN $serviceStates ELSE $resourceStates END`;

/** How many values of `o`'s pool `p` are free (not given out). */
export const freeValueCount = `p.last - p.first + 1 - COUNT { (o)-[a:ASSIGNED_TO]->() WHERE a.pool = p.name }`;

/** The parameters `poolCanAssign` reads: the states that let an owner assign (model/lifecycle.ts). */
export const poolCanAssignParams = {
  serviceStates: assignableStates.service,
  resourceStates: assignableStates.resource,
};
