import { afterAll, beforeAll } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import { Inventory } from '../../graph/inventory.js';
import { createRegistry, type Kind } from '../../model/registry.js';
import { graphConnection, testDriver } from './graph.js';
import { ownPartsTypes } from '../../graph/instance-fields.js';

/**
 * An inventory on the graph under test with the example kinds, bootstrapped before the
 * file's tests. `cleanup` deletes only what this file made (instances with their edges,
 * parties, places), so the suite can run again against the same database.
 */
export function testInventory(kinds: Kind[] = exampleKinds) {
  const driver = testDriver();
  const inventory = new Inventory(driver, graphConnection().database, createRegistry(kinds));
  const made = { instances: new Set<string>(), parties: new Set<string>(), expectations: new Set<string>() };
  beforeAll(() => inventory.bootstrap());
  afterAll(async () => {
    await driver.executeQuery(
      `MATCH (i:Instance) WHERE i.id IN $instances
       OPTIONAL MATCH (i)-[:${ownPartsTypes}]->(part)
       OPTIONAL MATCH (part)-[:HAS_CHARACTERISTIC]->(inner)
       DETACH DELETE inner, part, i`,
      { instances: [...made.instances] },
      { database: graphConnection().database },
    );
    await driver.executeQuery('MATCH (p) WHERE (p:Party OR p:Place) AND p.id IN $ids DETACH DELETE p', { ids: [...made.parties] }, { database: graphConnection().database });
    await driver.executeQuery('MATCH (e:Expectation) WHERE e.id IN $ids DETACH DELETE e', { ids: [...made.expectations] }, { database: graphConnection().database });
  });
  /** Remember an instance id (or a party/place id) for cleanup; returns it. */
  const track = {
    instance: <T extends { id: string }>(made_: T): T => (made.instances.add(made_.id), made_),
    party: <T extends { id: string }>(made_: T): T => (made.parties.add(made_.id), made_),
    instanceId: (id: string) => (made.instances.add(id), id),
    expectationId: (id: string) => (made.expectations.add(id), made.instances.add(id), id),
    expectationIds: () => [...made.expectations],
  };
  return { inventory, driver, track };
}

/** Counts every node and relationship: a bad input must leave these unchanged. */
export async function graphCounts(inventory: Inventory): Promise<{ nodes: number; relationships: number }> {
  const result = await inventory.store.read((tx) =>
    tx.run('MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships'),
  );
  return result.records[0]!.toObject() as { nodes: number; relationships: number };
}
