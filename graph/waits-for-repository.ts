import { anchorOf, type StoredWaitsFor } from '../model/waits-for.js';
import type { CarriedWrite, GraphStore } from './graph-store.js';
import { freeValueCount, poolCanAssign, poolCanAssignParams } from './pool-can-assign.js';

/**
 * What blocked expectations wait for (model/waits-for.ts), beside them in the graph:
 * `(:WaitsFor {expectationId, anchor, cause, pool, needed, value, kind})`, found by the anchor — the id
 * of the node whose change may end the wait (an owner, an instance, a party or place, a kind).
 * An expectation's set is replaced whole with each blocked record and cleared with the record
 * that ends the block (`waitsForWrite`, carried by the observation's statement) and with the
 * expectation (ExpectationRepository.delete): the record is idempotent and never outlives the block.
 */

/** A wait as stored: its anchor, cause and the detail the cause needs. */
function storedOf(wait: StoredWaitsFor) {
  return {
    anchor: anchorOf(wait),
    cause: wait.cause,
    pool: 'pool' in wait ? wait.pool : null,
    needed: wait.cause === 'capacity' ? (wait.needed ?? null) : null,
    value: wait.cause === 'value' ? wait.value : null,
    kind: wait.cause === 'capacityOfKind' ? wait.kind : null,
  };
}

/** Replaces the expectation's waits with these (none: clears them), as a write another statement carries. */
export function waitsForWrite(expectationId: string, waits: StoredWaitsFor[]): CarriedWrite {
  return {
    clause: `OPTIONAL MATCH (old:WaitsFor {expectationId: $waitsFor.expectationId})
             DELETE old
             WITH count(*) AS cleared
             UNWIND $waitsFor.waits AS wait
             CREATE (w:WaitsFor) SET w = wait, w.expectationId = $waitsFor.expectationId`,
    params: { waitsFor: { expectationId, waits: waits.map(storedOf) } },
  };
}

/** As many free values in `p` of owner `o` as `w` needs (one when it does not say). */
const hasFreeValues = `${poolCanAssign} AND ${freeValueCount} >= coalesce(w.needed, 1)`;

/**
 * Whether what `w` waits for is there now: the value free (the pool's key format,
 * graph/assignment-repository.ts), the free values it needs in the pool, the node present. A fact along an
 * inheritance chain has no test of its own: any change of its anchor ends the wait.
 */
const satisfied = `CASE w.cause
  WHEN 'value' THEN EXISTS { MATCH (o:Instance {id: w.anchor})-[:HAS_POOL]->(p:Pool {name: w.pool})
                             WHERE ${poolCanAssign} AND p.first <= w.value <= p.last }
                    AND NOT EXISTS { MATCH ()-[a:ASSIGNED_TO]->() WHERE a.valueKey = w.anchor + '/' + w.pool + '/' + toString(w.value) }
  WHEN 'capacity' THEN EXISTS { MATCH (o:Instance {id: w.anchor})-[:HAS_POOL]->(p:Pool {name: w.pool}) WHERE ${hasFreeValues} }
  WHEN 'capacityOfKind' THEN EXISTS { MATCH (o:Instance {kind: w.kind})-[:HAS_POOL]->(p:Pool {name: w.pool}) WHERE ${hasFreeValues} }
  WHEN 'instance' THEN EXISTS { MATCH (:Instance {id: w.anchor}) }
  WHEN 'party' THEN EXISTS { MATCH (:Party {id: w.anchor}) }
  WHEN 'place' THEN EXISTS { MATCH (:Place {id: w.anchor}) }
  ELSE true END`;

/** The causes `endedAlready` does not ask about (there, why). */
const notAskedAlready: ReadonlyArray<StoredWaitsFor['cause']> = ['fact', 'capacityOfKind'];

/** Whether `endedAlready` asks about this wait: it has a test of its own that can tell. */
export const askedWhetherEndedAlready = (wait: StoredWaitsFor) => !notAskedAlready.includes(wait.cause);

export class WaitsForRepository {
  constructor(private readonly store: GraphStore) {}

  /**
   * The expectations waiting on any of these anchors whose wait is over now — the reconcilers
   * to wake after a change of them (a wait for a value still held, say, is left waiting).
   */
  async endedOn(anchors: string[]): Promise<string[]> {
    if (anchors.length === 0) return [];
    const result = await this.store.readAutoCommit((tx) =>
      tx.run<{ id: string }>(
        `UNWIND $anchors AS anchor
         MATCH (w:WaitsFor {anchor: anchor})
         WHERE EXISTS { MATCH (:Expectation {id: w.expectationId}) } AND ${satisfied}
         RETURN DISTINCT w.expectationId AS id ORDER BY id`,
        { anchors, ...poolCanAssignParams },
      ),
    );
    return result.records.map((record) => record.get('id'));
  }

  /**
   * Whether a wait of this expectation that has a test of its own (not a fact) is over already:
   * what it waited for came while its wait was being recorded, so no change will wake it. (A
   * capacity wait counts the values its batch needs, so its own rolled-back values do not end it.)
   * A selector's capacity (`capacityOfKind`) is not asked: its batch chooses an owner per task,
   * among those at the selector's places, which the wait does not hold — "an owner of the kind
   * has a free value" would wake it into the same failure; that is the back-off timer's to find.
   */
  async endedAlready(expectationId: string): Promise<boolean> {
    const result = await this.store.readAutoCommit((tx) =>
      tx.run<{ ended: boolean }>(
        `RETURN EXISTS { MATCH (w:WaitsFor {expectationId: $expectationId}) WHERE NOT w.cause IN $notAsked AND ${satisfied} } AS ended`,
        { expectationId, notAsked: notAskedAlready, ...poolCanAssignParams },
      ),
    );
    return result.records[0]?.get('ended') === true;
  }

  /** What the expectation waits for now (none when it is not blocked), by anchor. */
  async of(expectationId: string): Promise<StoredWaitsFor[]> {
    const result = await this.store.readAutoCommit((tx) =>
      tx.run<{
        anchor: string;
        cause: StoredWaitsFor['cause'];
        pool: string | null;
        needed: number | null;
        value: number | null;
        kind: string | null;
      }>(
        `MATCH (w:WaitsFor {expectationId: $expectationId})
         RETURN w.anchor AS anchor, w.cause AS cause, w.pool AS pool, w.needed AS needed, w.value AS value, w.kind AS kind
         ORDER BY anchor, cause, pool, value`,
        { expectationId },
      ),
    );
    return result.records.map((record): StoredWaitsFor => {
      const { anchor, cause, pool, needed, value, kind } = record.toObject();
      if (cause === 'value') return { cause, owner: anchor, pool: pool!, value: value! };
      if (cause === 'capacity') return { cause, owner: anchor, pool: pool!, ...(needed === null ? {} : { needed }) };
      if (cause === 'capacityOfKind') return { cause, kind: kind!, pool: pool! };
      return { cause, id: anchor };
    });
  }
}
