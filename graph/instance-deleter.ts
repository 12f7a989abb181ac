import type { ManagedTransaction } from 'neo4j-driver';
import { InventoryError } from '../model/inventory-error.js';
import { ownPartsTypes } from './instance-fields.js';
import { widenPoolHints } from './pool-hints.js';

/**
 * delete: an instance goes with its own parts (characteristics, features, pools, notes,
 * external identifiers) and with what it holds — the values it holds from other instances'
 * pools are given back (the owners' pool hints stay true), its relationships to others go.
 * What points AT it refuses the delete: a relationship from another instance, a value of its
 * pools that another instance holds; `cascade` removes those edges instead (never the other
 * instances). Its events stay, under its id: the history of an id outlives the instance.
 */

/** Refused: other instances depend on the instance, each named in `dependents`. */
export class DeleteRefused extends InventoryError {
  constructor(
    readonly id: string,
    readonly dependents: string[],
  ) {
    super('conflict', `${DeleteRefused.reason(id, dependents)}; remove them or delete with cascade`, ['id']);
    this.name = 'DeleteRefused';
  }

  /** What to tell people: the instance and every dependent, without the cascade the API offers. */
  static reason(id: string, dependents: string[]): string {
    return `cannot delete ${id}: ${dependents.join('; ')}`;
  }
}

interface Dependents {
  relating: Array<{ id: string; type: string; alias: string | null }>;
  holding: Array<{ id: string; thing: string; value: number; pool: string }>;
}

/** What depends on instance `i`: the columns of the query that binds `i`. */
const dependentsColumns = `
  COLLECT { MATCH (source:Instance)-[r:RELATES_TO]->(i) WHERE source <> i
            RETURN {id: source.id, type: r.type, alias: r.alias} } AS relating,
  COLLECT { MATCH (i)-[a:ASSIGNED_TO]->(assignee:Instance) WHERE assignee <> i
            RETURN {id: assignee.id, thing: a.thing, value: a.value, pool: a.pool} } AS holding`;

/**
 * Each instance that would refuse deleting `id` (as a DeleteRefused names them), read without
 * deleting; undefined when there is no such instance.
 */
export async function findDependents(tx: ManagedTransaction, id: string): Promise<string[] | undefined> {
  const found = await tx.run(`MATCH (i:Instance {id: $id}) RETURN ${dependentsColumns}`, { id });
  const row = found.records[0]?.toObject() as Dependents | undefined;
  return row && describeDependents(row);
}

/** Deletes `id` in the caller's transaction; false when there is no such instance. */
export async function deleteInstance(
  tx: ManagedTransaction,
  id: string,
  options: { cascade?: boolean } = {},
): Promise<boolean> {
  // the instance is locked first: nothing relates to it or assigns to it until this commits,
  // so the dependents found (and the values given back below) are all there are
  const found = await tx.run(
    `MATCH (i:Instance {id: $id})
     SET i.updatedAt = $now
     WITH i
     RETURN ${dependentsColumns}`,
    { id, now: new Date().toISOString() },
  );
  const row = found.records[0]?.toObject() as Dependents | undefined;
  if (!row) return false;
  const dependents = describeDependents(row);
  if (dependents.length > 0 && !options.cascade) throw new DeleteRefused(id, dependents);
  // one statement gives back the values it holds (their owners' pool hints widened) and deletes it
  await tx.run(
    `MATCH (i:Instance {id: $id})
     CALL (i) {
       MATCH (o:Instance)-[a:ASSIGNED_TO]->(i) WHERE o <> i
       WITH o, a.pool AS pool, a.value AS freed
       ${widenPoolHints}
     }
     CALL (i) {
       MATCH (i)-[:HAS_EVENT]->(event:Event) WHERE event.instanceId IS NULL
       SET event.instanceId = i.id, event.instanceType = i.type
     }
     OPTIONAL MATCH (i)-[:${ownPartsTypes}]->(part)
     OPTIONAL MATCH (part)-[:HAS_CHARACTERISTIC]->(featureCharacteristic)
     DETACH DELETE featureCharacteristic, part, i`,
    { id },
  );
  return true;
}

/** At most this many dependents are named; the rest are counted. */
const namedDependents = 10;

/** Each instance that depends on the one deleted, and how, in a stable order. */
function describeDependents({ relating, holding }: Dependents): string[] {
  const relations = [...relating]
    .sort((a, b) => a.id.localeCompare(b.id) || a.type.localeCompare(b.type))
    .map(({ id, type, alias }) => `${id} relates to it (relationship "${type}"${alias ? `, alias "${alias}"` : ''})`);
  const holders = [...holding]
    .sort((a, b) => a.pool.localeCompare(b.pool) || a.value - b.value)
    .map(({ id, thing, value, pool }) => `${id} holds ${thing} ${value} of its pool ${pool}`);
  const all = [...relations, ...holders];
  return all.length > namedDependents
    ? [...all.slice(0, namedDependents), `${all.length - namedDependents} more`]
    : all;
}
