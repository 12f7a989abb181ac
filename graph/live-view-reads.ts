import type { InstanceRef } from '../model/instance-ref.js';
import type { GraphStore } from './graph-store.js';

/**
 * The read of the live view that no repository makes: what relates to an instance (the
 * relationships pointing at it). Its events are read in sequence order (`EventRepository.eventsAfter`).
 */

/** A relationship from another instance to this one. */
export interface IncomingRelationship {
  type: string;
  alias?: string;
  source: InstanceRef & { name?: string };
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
