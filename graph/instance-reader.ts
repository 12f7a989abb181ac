import type { ManagedTransaction } from 'neo4j-driver';
import { inheritedValue, type RawInherited } from '../model/inherited-values.js';
import type { Registry } from '../model/registry.js';
import type { InstanceRef } from '../model/instance-ref.js';
import type { Specification } from '../model/specification.js';
import type { InstanceSnapshot, NamedValue } from '../model/tmf-json.js';
import { inheritedFactsExpression } from './inherited-query.js';
import { serviceStateFields, resourceStateFields } from './instance-fields.js';
import { withoutNulls, type Stored } from './stored-row.js';

/**
 * Reads whole instances — specification, characteristics, features, pools, parties,
 * places, relationships, assignments held and given, notes, external identifiers and inherited facts — in
 * ONE Cypher round trip, with COLLECT subqueries instead of a load per part.
 */
const ownPartsColumns = `
  i { .* } AS instance,
  s { .id, .name, .type, .major, .minor, .patch, .description, .category } AS specification,
  COLLECT { MATCH (i)-[:HAS_CHARACTERISTIC]->(c:Characteristic) RETURN c { .name, .valueJson } } AS characteristics,
  COLLECT { MATCH (i)-[:HAS_FEATURE]->(f:Feature)
            RETURN f { .name, .isEnabled,
                       characteristics: COLLECT { MATCH (f)-[:HAS_CHARACTERISTIC]->(fc:Characteristic) RETURN fc { .name, .valueJson } } } } AS features,
  COLLECT { MATCH (i)-[:HAS_POOL]->(p:Pool)
            RETURN p { .name, .thing, .first, .last, .algorithm, .assignableType,
                       assigned: COUNT { (i)-[a:ASSIGNED_TO]->() WHERE a.pool = p.name } } } AS pools,
  COLLECT { MATCH (i)-[r:RELATED_PARTY]->(p:Party) RETURN {role: r.role, id: p.id, name: p.name, kind: p.kind, type: p.type} } AS parties,
  COLLECT { MATCH (i)-[r:AT_PLACE]->(p:Place) RETURN {role: r.role, id: p.id, name: p.name, kind: p.kind, type: p.type} } AS places,
  COLLECT { MATCH (i)-[r:RELATES_TO]->(t:Instance)
            RETURN {type: r.type, alias: r.alias, characteristicsJson: r.characteristicsJson,
                    target: {id: t.id, type: t.type, kind: t.kind}} } AS relationships,
  COLLECT { MATCH (i)-[a:ASSIGNED_TO]->(t:Instance)
            RETURN {pool: a.pool, thing: a.thing, value: a.value, alias: a.alias,
                    assignee: {id: t.id, type: t.type, kind: t.kind}} } AS givenAssignments,
  COLLECT { MATCH (o:Instance)-[a:ASSIGNED_TO]->(i)
            RETURN {pool: a.pool, thing: a.thing, value: a.value, alias: a.alias,
                    owner: {id: o.id, type: o.type, kind: o.kind,
                            places: COLLECT { MATCH (o)-[r:AT_PLACE]->(p:Place)
                                              RETURN CASE WHEN p.location IS NULL THEN {role: r.role, id: p.id}
                                                     ELSE {role: r.role, id: p.id,
                                                           location: {longitude: p.location.longitude, latitude: p.location.latitude}} END }}} } AS assignments,
  COLLECT { MATCH (i)-[:HAS_NOTE]->(n:Note) OPTIONAL MATCH (n)-[:AUTHORED_BY]->(a:Party)
            RETURN {id: n.id, date: n.date, text: n.text, author: coalesce(a.name, a.id)} ORDER BY n.date, n.id } AS notes,
  COLLECT { MATCH (i)-[:HAS_EXTERNAL_IDENTIFIER]->(x:ExternalIdentifier)
            RETURN {type: x.type, id: x.externalId, owner: x.owner} ORDER BY x.type } AS externalIdentifiers`;

type SnapshotQuery = { registrationCount: number; columns: string; params: Record<string, unknown> };
const queries = new WeakMap<Registry, SnapshotQuery>();

/**
 * The read query's RETURN columns for this registry's kinds (their inherited facts included)
 * and its parameters; built once per registration.
 */
export function instanceSnapshotQuery(registry: Registry): { columns: string; params: Record<string, unknown> } {
  const cached = queries.get(registry);
  if (cached?.registrationCount === registry.registrationCount) return cached;
  const inherited = inheritedFactsExpression(registry);
  const built = {
    registrationCount: registry.registrationCount,
    columns: `${ownPartsColumns},\n  ${inherited.expression} AS inherited`,
    params: inherited.params,
  };
  queries.set(registry, built);
  return built;
}

type ServiceStateField = (typeof serviceStateFields)[number];
type ResourceStateField = (typeof resourceStateFields)[number];

/** The instance node's own properties (`i { .* }`): a node stores no nulls, so what it lacks is missing. */
type InstanceNode = Pick<InstanceSnapshot, 'id' | 'kind' | 'type' | 'name'> &
  Partial<Record<ServiceStateField | ResourceStateField, string>>;

type StoredValue = { name: string; valueJson: string | null };
type StoredItems<T extends ReadonlyArray<object> | undefined> = Array<Stored<NonNullable<T>[number]>>;

/** One row of the instance read query (`ownPartsColumns` and the inherited facts) for an instance it found. */
export interface SnapshotRow {
  instance: InstanceNode;
  specification: Stored<Specification>;
  characteristics: StoredValue[];
  features: Array<{ name: string; isEnabled: boolean; characteristics: StoredValue[] }>;
  pools: StoredItems<InstanceSnapshot['pools']>;
  parties: StoredItems<InstanceSnapshot['parties']>;
  places: StoredItems<InstanceSnapshot['places']>;
  relationships: Array<{ type: string; alias: string | null; characteristicsJson: string | null; target: InstanceRef }>;
  givenAssignments: StoredItems<InstanceSnapshot['givenAssignments']>;
  assignments: StoredItems<InstanceSnapshot['assignments']>;
  notes: StoredItems<InstanceSnapshot['notes']>;
  externalIdentifiers: StoredItems<InstanceSnapshot['externalIdentifiers']>;
  inherited: RawInherited[];
}

const parseValues = (rows: StoredValue[]): NamedValue[] =>
  rows.map(({ name, valueJson }) => ({
    name,
    value: valueJson === null ? undefined : (JSON.parse(valueJson) as unknown),
  }));

function inheritedOf(kind: string, raws: RawInherited[], registry: Registry): InstanceSnapshot['inherited'] {
  if (raws.length === 0) return [];
  const facts = registry.instanceKind(kind).inheritedFacts;
  return raws.map((raw) =>
    inheritedValue(
      facts.find((fact) => fact.name === raw.name)!,
      raw,
      registry,
    ),
  );
}

/** Turns one row of the instance read query into a snapshot. */
export function toSnapshot(row: SnapshotRow, registry: Registry): InstanceSnapshot {
  const { instance } = row;
  const stateFields: readonly (ServiceStateField | ResourceStateField)[] =
    instance.type === 'service' ? serviceStateFields : resourceStateFields;
  return {
    id: instance.id,
    kind: instance.kind,
    type: instance.type,
    ...(instance.name ? { name: instance.name } : {}),
    specification: withoutNulls(row.specification),
    states: Object.fromEntries(stateFields.flatMap((field) => (instance[field] ? [[field, instance[field]]] : []))),
    characteristics: parseValues(row.characteristics),
    features: row.features.map((feature) => ({
      name: feature.name,
      isEnabled: feature.isEnabled,
      characteristics: parseValues(feature.characteristics),
    })),
    pools: row.pools.map(withoutNulls),
    parties: row.parties.map(withoutNulls),
    places: row.places.map(withoutNulls),
    relationships: row.relationships.map((relationship) => ({
      type: relationship.type,
      ...(relationship.alias ? { alias: relationship.alias } : {}),
      target: relationship.target,
      characteristics: Object.entries(
        JSON.parse(relationship.characteristicsJson ?? '{}') as Record<string, unknown>,
      ).map(([name, value]) => ({ name, value })),
    })),
    assignments: row.assignments.map(withoutNulls),
    givenAssignments: row.givenAssignments.map(withoutNulls),
    notes: row.notes.map(withoutNulls),
    externalIdentifiers: row.externalIdentifiers.map(withoutNulls),
    inherited: inheritedOf(instance.kind, row.inherited, registry),
  };
}

/**
 * Reads the instance with id `$id`, or null, together with the columns that `before`
 * projects, in ONE round trip. `before` must end with a WITH of exactly those columns and
 * bind neither `i` nor `s` (another record read in the same trip, say).
 */
export async function readSnapshotBeside<Beside extends Record<string, unknown>>(
  tx: ManagedTransaction,
  registry: Registry,
  before: { clause: string; columns: Array<keyof Beside & string> },
  params: Record<string, unknown> & { id: string },
): Promise<{ beside: Beside; snapshot: InstanceSnapshot | null }> {
  const { columns, params: inheritedParams } = instanceSnapshotQuery(registry);
  const result = await tx.run<Beside & (SnapshotRow | { instance: null })>(
    `${before.clause}
     OPTIONAL MATCH (i:Instance {id: $id})-[:SPECIFIED_BY]->(s:Specification)
     RETURN ${before.columns.join(', ')}, ${columns}`,
    { ...params, ...inheritedParams },
  );
  const row = result.records[0]!.toObject();
  const beside = Object.fromEntries(before.columns.map((column) => [column, row[column]])) as Beside;
  return { beside, snapshot: row.instance === null ? null : toSnapshot(row, registry) };
}

/** Reads instances matched by `match` (which must bind `i` and `s`), in one round trip. */
export async function readSnapshots(
  tx: ManagedTransaction,
  registry: Registry,
  match: string,
  params: Record<string, unknown>,
): Promise<InstanceSnapshot[]> {
  const { columns, params: inheritedParams } = instanceSnapshotQuery(registry);
  const result = await tx.run<SnapshotRow>(`${match}\nRETURN ${columns}`, {
    ...params,
    ...inheritedParams,
  });
  return result.records.map((record) => toSnapshot(record.toObject(), registry));
}
