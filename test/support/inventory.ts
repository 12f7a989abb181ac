import { afterAll, beforeAll } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import { Inventory } from '../../graph/inventory.js';
import { createRegistry, type Kind } from '../../model/registry.js';
import { graphConnection, testDriver } from './graph.js';
import { deleteMade, nothingMade } from './test-data.js';

/**
 * An inventory on the graph under test with the example kinds, bootstrapped before the
 * file's tests. `cleanup` deletes only what this file made (instances with their edges,
 * parties, places), so the suite can run again against the same database.
 */
export function testInventory(kinds: Kind[] = exampleKinds) {
  const driver = testDriver();
  const inventory = new Inventory(driver, graphConnection().database, createRegistry(kinds));
  const made = nothingMade();
  beforeAll(() => inventory.bootstrap());
  afterAll(() => deleteMade(driver, graphConnection().database, made));
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
