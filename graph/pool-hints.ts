/**
 * A pool's hints make auto-assign cost the same whatever a pool has given out: no value
 * below `lowestMaybeFree` and none above `highestMaybeFree` is free (absent: the pool's
 * first and last). Auto-assign probes from them and moves them past the value it takes;
 * the general assign path, which reads every taken value, sets them exactly; giving a value
 * back (unassign, deleting an assignee) lowers (raises) them to it; new bounds clear them.
 * A relationship deleted by hand in Neo4j Browser leaves them behind: the value it held is
 * given out again once the probes find nothing free and the general path sets them exactly.
 */

/**
 * Cypher that keeps a pool's hints true after the value `freed` of pool `pool` of owner `o`
 * was given back (bound by the caller): the freed value is again the lowest (highest) that
 * may be free when it lies below (above) the hint.
 */
export const widenPoolHints = `
CALL (o, pool, freed) {
  MATCH (o)-[:HAS_POOL]->(p:Pool {name: pool})
  SET p.lowestMaybeFree = CASE WHEN freed < p.lowestMaybeFree THEN freed ELSE p.lowestMaybeFree END,
      p.highestMaybeFree = CASE WHEN freed > p.highestMaybeFree THEN freed ELSE p.highestMaybeFree END
}`;
