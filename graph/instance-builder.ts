import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { InventoryError } from '../model/inventory-error.js';
import type { BuildInput } from '../model/instance-input.js';
import { initialStatesOf } from '../model/lifecycle.js';
import { assertIdentifier } from '../model/identifier.js';
import type { Registry, RegisteredInstanceKind } from '../model/registry.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import { instanceTypeOf } from '../model/specification.js';
import { violatedConstraint } from './graph-store.js';
import { instanceSnapshotQuery, toSnapshot, type SnapshotRow } from './instance-reader.js';
import { writeRelationships } from './relationship-writer.js';
import { checkLinkedRoleRefs, linkRoleRefsClause, roleRefsParameter, type FoundRoleRefs } from './role-refs.js';
import {
  deletedSpecificationError,
  liveSpecification,
  mergeSpecification,
  specificationConflict,
  specificationParameter,
} from './specification-repository.js';

/**
 * build: one instance of a kind with its specification (upserted), every declared
 * characteristic, feature and pool and its party and place references, in ONE statement that
 * returns the instance as built; then its initial relationships (the instance is then to be
 * read again) — all in the caller's transaction.
 */

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** The parameters of the build statement: the instance's properties and its own parts, keyed under its id. */
function buildParameters(kind: RegisteredInstanceKind, input: BuildInput, id: string) {
  const type = instanceTypeOf(kind.specification.type);
  const now = new Date().toISOString();
  const props = {
    id,
    kind: kind.name,
    type,
    name: input.name ?? null,
    ...initialStatesOf(type),
    createdAt: now,
    updatedAt: now,
  };
  const characteristics = Object.keys(kind.characteristics).map((name) => ({
    key: `${id}/${name}`,
    name,
    valueJson: json(input.characteristics?.[name]),
  }));
  const features = Object.values(kind.features).map((feature) => ({
    key: `${id}/${feature.name}`,
    name: feature.name,
    isEnabled: input.features?.[feature.name]?.isEnabled ?? feature.enabled,
    characteristics: Object.keys(feature.characteristics).map((name) => ({
      key: `${id}/${feature.name}/${name}`,
      name,
      valueJson: json(input.features?.[feature.name]?.characteristics?.[name]),
    })),
  }));
  const pools = Object.entries(kind.pools).map(([name, thing]) => ({ key: `${id}/${name}`, name, thing }));
  const parties = roleRefsParameter(kind, 'parties', input.parties ?? []);
  const places = roleRefsParameter(kind, 'places', input.places ?? []);
  return { type, props, characteristics, features, pools, parties, places };
}

export async function buildInstance(
  tx: ManagedTransaction,
  registry: Registry,
  kind: RegisteredInstanceKind,
  input: BuildInput,
): Promise<{ id: string; snapshot?: InstanceSnapshot }> {
  const id = input.id ?? randomUUID();
  const { type, ...parameters } = buildParameters(kind, input, id);
  const labels = `Instance:${type === 'service' ? 'Service' : 'Resource'}:${assertIdentifier(kind.label, 'label')}`;
  const snapshot = instanceSnapshotQuery(registry);
  let built: InstanceSnapshot;
  try {
    // the specification is upserted, and the parties and places linked, by the statement that
    // creates the instance, and it returns what it built, as a read would
    const result = await tx.run<SnapshotRow & { partiesFound: FoundRoleRefs; placesFound: FoundRoleRefs }>(
      `${mergeSpecification}
       ${liveSpecification}
       CREATE (i:${labels})-[:SPECIFIED_BY]->(s)
       SET i = $props
       FOREACH (c IN $characteristics | CREATE (i)-[:HAS_CHARACTERISTIC]->(:Characteristic {key: c.key, name: c.name, valueJson: c.valueJson}))
       FOREACH (f IN $features |
         CREATE (i)-[:HAS_FEATURE]->(feature:Feature {key: f.key, name: f.name, isEnabled: f.isEnabled})
         FOREACH (c IN f.characteristics | CREATE (feature)-[:HAS_CHARACTERISTIC]->(:Characteristic {key: c.key, name: c.name, valueJson: c.valueJson})))
       FOREACH (p IN $pools | CREATE (i)-[:HAS_POOL]->(:Pool {key: p.key, name: p.name, thing: p.thing}))
       WITH i, s
       ${linkRoleRefsClause('parties')}
       ${linkRoleRefsClause('places')}
       RETURN partiesFound, placesFound, ${snapshot.columns}`,
      { ...snapshot.params, specification: specificationParameter(kind.specification), ...parameters },
    );
    // no row: the specification was deleted, and nothing was built
    const row = result.records[0]?.toObject();
    if (!row) throw deletedSpecificationError(kind.specification);
    checkLinkedRoleRefs('parties', parameters.parties, row.partiesFound);
    checkLinkedRoleRefs('places', parameters.places, row.placesFound);
    built = toSnapshot(row, registry);
  } catch (error) {
    const conflict = specificationConflict(error, kind.specification);
    if (conflict) throw conflict;
    if (violatedConstraint(error))
      throw new InventoryError('conflict', `an instance with id ${id} already exists`, ['id']);
    throw error;
  }
  if ((input.relationships ?? []).length === 0) return { id, snapshot: built };
  await writeRelationships(tx, registry, id, input.relationships ?? []);
  return { id };
}
