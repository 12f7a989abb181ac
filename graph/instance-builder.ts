import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { InventoryError } from '../model/inventory-error.js';
import type { BuildInput } from '../model/instance-input.js';
import { initialResourceStates, initialServiceFields } from '../model/lifecycle.js';
import { assertIdentifier } from '../model/identifier.js';
import type { Registry, RegisteredInstanceKind } from '../model/registry.js';
import { instanceTypeOf } from '../model/specification.js';
import { violatedConstraint } from './graph-store.js';
import { writeRelationships } from './relationship-writer.js';
import { checkLinkedRoleRefs, linkRoleRefsClause, roleRefsParameter } from './role-refs.js';
import { mergeSpecification, specificationConflict, specificationParameter } from './specification-repository.js';

/**
 * build: one instance of a kind with its specification (upserted), every declared
 * characteristic, feature and pool and its party and place references, in ONE statement;
 * then its initial relationships — all in the caller's transaction.
 */

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function buildInstance(tx: ManagedTransaction, registry: Registry, kind: RegisteredInstanceKind, input: BuildInput): Promise<string> {
  const id = input.id ?? randomUUID();
  const type = instanceTypeOf(kind.specification.type);
  const now = new Date().toISOString();

  const states = type === 'service' ? initialServiceFields : initialResourceStates;
  const props = { id, kind: kind.name, type, name: input.name ?? null, ...states, createdAt: now, updatedAt: now };
  const labels = `Instance:${type === 'service' ? 'Service' : 'Resource'}:${assertIdentifier(kind.label, 'label')}`;
  const characteristics = Object.keys(kind.characteristics).map((name) => ({
    key: `${id}/${name}`, name, valueJson: json(input.characteristics?.[name]),
  }));
  const features = Object.values(kind.features).map((feature) => ({
    key: `${id}/${feature.name}`,
    name: feature.name,
    isEnabled: input.features?.[feature.name]?.isEnabled ?? feature.enabled,
    characteristics: Object.keys(feature.characteristics).map((name) => ({
      key: `${id}/${feature.name}/${name}`, name, valueJson: json(input.features?.[feature.name]?.characteristics?.[name]),
    })),
  }));
  const pools = Object.entries(kind.pools).map(([name, thing]) => ({ key: `${id}/${name}`, name, thing }));
  const parties = roleRefsParameter(kind, 'parties', input.parties ?? []);
  const places = roleRefsParameter(kind, 'places', input.places ?? []);
  try {
    // the specification is upserted, and the parties and places linked, by the statement that creates the instance
    const result = await tx.run(
      `${mergeSpecification}
       WITH s
       CREATE (i:${labels})-[:SPECIFIED_BY]->(s)
       SET i = $props
       FOREACH (c IN $characteristics | CREATE (i)-[:HAS_CHARACTERISTIC]->(:Characteristic {key: c.key, name: c.name, valueJson: c.valueJson}))
       FOREACH (f IN $features |
         CREATE (i)-[:HAS_FEATURE]->(feature:Feature {key: f.key, name: f.name, isEnabled: f.isEnabled})
         FOREACH (c IN f.characteristics | CREATE (feature)-[:HAS_CHARACTERISTIC]->(:Characteristic {key: c.key, name: c.name, valueJson: c.valueJson})))
       FOREACH (p IN $pools | CREATE (i)-[:HAS_POOL]->(:Pool {key: p.key, name: p.name, thing: p.thing}))
       WITH i
       ${linkRoleRefsClause('parties')}
       ${linkRoleRefsClause('places')}
       RETURN partiesFound, placesFound`,
      { specification: specificationParameter(kind.specification), props, characteristics, features, pools, parties, places },
    );
    checkLinkedRoleRefs('parties', parties, result.records[0]!.get('partiesFound'));
    checkLinkedRoleRefs('places', places, result.records[0]!.get('placesFound'));
  } catch (error) {
    const conflict = specificationConflict(error, kind.specification);
    if (conflict) throw conflict;
    if (violatedConstraint(error)) throw new InventoryError('conflict', `an instance with id ${id} already exists`, ['id']);
    throw error;
  }
  await writeRelationships(tx, registry, id, input.relationships ?? []);
  return id;
}
