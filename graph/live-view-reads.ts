import type { InstanceRef } from '../model/instance-ref.js';
import type { InstanceEvent } from './event-repository.js';
import type { GraphStore } from './graph-store.js';

/**
 * The reads of the live view that no repository makes: what relates to an instance (the
 * relationships pointing at it), and the events recorded since a time (read after a cursor).
 * Named apart from the event delivery's own ordered read (issue 15), which may replace the second.
 */

/** A relationship from another instance to this one. */
export interface IncomingRelationship {
  type: string;
  alias?: string;
  source: InstanceRef & { name?: string };
}

/** An event with the instance it was recorded on. */
export interface EventOnInstance extends Omit<InstanceEvent, 'changes'> {
  instanceId: string;
}

/** The relationships other instances hold to `id`, by source id then alias. */
export async function relationshipsTo(store: GraphStore, id: string): Promise<IncomingRelationship[]> {
  const result = await store.read((tx) =>
    tx.run<{ type: string; alias: string | null; source: InstanceRef & { name: string | null } }>(
      `MATCH (s:Instance)-[r:RELATES_TO]->(:Instance {id: $id})
       RETURN r.type AS type, r.alias AS alias, s { .id, .type, .kind, .name } AS source
       ORDER BY s.id, r.alias LIMIT 500`,
      { id },
    ),
  );
  return result.records.map((record) => {
    const { type, alias, source } = record.toObject();
    const { name, ...ref } = source;
    return { type, ...(alias !== null ? { alias } : {}), source: { ...ref, ...(name !== null ? { name } : {}) } };
  });
}

/** Events recorded since `since` (an ISO time), oldest first, at most `limit` (their changes left out). */
export async function eventsRecordedSince(store: GraphStore, since: string, limit: number): Promise<EventOnInstance[]> {
  const result = await store.read((tx) =>
    tx.run<EventOnInstance>(
      `MATCH (e:Event) WHERE e.eventTime > $since
       WITH e ORDER BY e.eventTime, e.key LIMIT $limit
       RETURN e.key AS key, e.instanceId AS instanceId, e.eventType AS eventType, e.eventTime AS eventTime,
              e.changedPaths AS changedPaths`,
      { since, limit },
    ),
  );
  return result.records.map((record) => record.toObject());
}
