import type { ManagedTransaction } from 'neo4j-driver';
import { poolCanAssign, poolCanAssignParams } from './pool-can-assign.js';

/**
 * One transaction that auto-assigns values of one pool to several waiting callers: how
 * concurrent auto-assigns to a pool cost one turn under its write lock per batch instead of
 * one per caller. Like the single fast path (assignment-repository.ts) it takes the lock
 * (unless the pool is random), checks the pool's rules, probes candidates from the hints
 * through the valueKey index and moves the hints past what it takes — for the whole batch:
 * with `lowest` the i-th request (in arrival order) gets the i-th lowest free value, with
 * `highest` the i-th highest, so each batch is strictly lowest-first (highest-first). The
 * valueKey and slotKey constraints still decide across processes: a value or slot taken by
 * another transaction meanwhile fails the whole statement, and the caller then serves each
 * request alone. A request whose assignee is missing or whose slot is held, a duplicate slot
 * within the batch, and requests beyond the free values probed get no value here: the caller
 * serves them alone, on the path that says precisely why or reads every taken value.
 */

/** One caller's auto-assign in a batch. */
export interface BatchRequest {
  assignee: string;
  alias?: string;
}

/** Candidate values probed: one per request and this many more less one (a single request probes as many as the fast path). */
const probes = 8;

const assignBatchQuery = `
MATCH (o:Instance {id: $owner})-[:HAS_POOL]->(p:Pool {name: $pool})
WITH o, p, coalesce(p.algorithm, 'lowest') AS algorithm
FOREACH (_ IN CASE WHEN algorithm = 'random' THEN [] ELSE [1] END | SET p.lastAssignAt = timestamp())
// the bounds, the owner's state and the hints are read after the lock: the last ones written
WITH o, p, algorithm
WHERE ${poolCanAssign}
WITH o, p, algorithm,
     [r IN $requests WHERE EXISTS { MATCH (:Instance {id: r.assignee}) }
        AND (r.slotKey IS NULL OR NOT EXISTS { MATCH ()-[t:ASSIGNED_TO {slotKey: r.slotKey}]->() })] AS servable,
     coalesce(p.lowestMaybeFree, p.first) AS low, coalesce(p.highestMaybeFree, p.last) AS high
WITH o, p, algorithm, servable, CASE algorithm
  WHEN 'highest' THEN range(high, CASE WHEN high - size(servable) - ${probes} + 2 > p.first THEN high - size(servable) - ${probes} + 2 ELSE p.first END, -1)
  WHEN 'random' THEN [_ IN range(1, 2 * size(servable) + ${probes}) | p.first + toInteger(floor(rand() * (p.last - p.first + 1)))]
  ELSE range(low, CASE WHEN low + size(servable) + ${probes} - 2 < p.last THEN low + size(servable) + ${probes} - 2 ELSE p.last END) END AS candidates
WITH o, p, algorithm, servable, candidates,
     [v IN candidates WHERE NOT EXISTS { MATCH ()-[t:ASSIGNED_TO {valueKey: $owner + '/' + $pool + '/' + toString(v)}]->() }] AS unused
// random candidates may repeat: each free value once
WITH o, p, algorithm, servable, candidates, reduce(free = [], v IN unused | CASE WHEN v IN free THEN free ELSE free + v END) AS free
WITH o, p, algorithm, servable, candidates, free,
     CASE WHEN size(free) < size(servable) THEN size(free) ELSE size(servable) END AS served
// every candidate probed before the next free one is taken: the hint moves past them all
FOREACH (_ IN CASE WHEN algorithm = 'lowest' THEN [1] ELSE [] END | SET p.lowestMaybeFree = coalesce(free[served], candidates[-1] + 1))
FOREACH (_ IN CASE WHEN algorithm = 'highest' THEN [1] ELSE [] END | SET p.highestMaybeFree = coalesce(free[served], candidates[-1] - 1))
WITH o, p, servable, free, served
UNWIND range(0, served - 1) AS i
WITH o, p, servable[i] AS r, free[i] AS value
MATCH (x:Instance {id: r.assignee})
CREATE (o)-[a:ASSIGNED_TO]->(x)
SET a = {pool: $pool, thing: p.thing, value: value, alias: r.alias,
         valueKey: $owner + '/' + $pool + '/' + toString(value), slotKey: r.slotKey}
RETURN r.index AS index, value, p.thing AS thing`;

/** What a request of a batch was given: its value and the pool's thing, or undefined (serve it alone). */
export type BatchAssigned = { value: number; thing: string } | undefined;

/**
 * Auto-assigns values of `owner`'s pool `pool` to `requests` in one statement of `tx`, lowest
 * (highest) values to the earliest requests; one answer per request, in their order.
 */
export async function assignBatch(
  tx: ManagedTransaction,
  owner: string,
  pool: string,
  requests: readonly BatchRequest[],
): Promise<BatchAssigned[]> {
  const seenSlots = new Set<string>();
  const candidates = requests.flatMap(({ assignee, alias }, index) => {
    const slotKey = alias === undefined ? null : `${assignee}/${alias}`;
    // a slot asked for twice: the first may take it, the second is served alone (and refused)
    if (slotKey !== null && seenSlots.has(slotKey)) return [];
    if (slotKey !== null) seenSlots.add(slotKey);
    return [{ index, assignee, alias: alias ?? null, slotKey }];
  });
  const answers: BatchAssigned[] = requests.map(() => undefined);
  if (candidates.length === 0) return answers;
  const result = await tx.run<{ index: number; value: number; thing: string }>(assignBatchQuery, {
    owner,
    pool,
    requests: candidates,
    ...poolCanAssignParams,
  });
  for (const record of result.records) {
    const { index, value, thing } = record.toObject();
    answers[index] = { value, thing };
  }
  return answers;
}
