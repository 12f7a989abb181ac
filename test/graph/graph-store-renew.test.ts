import { describe, expect, it } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import { GraphStore } from '../../graph/graph-store.js';
import { openInventory } from '../../runtime/inventory-context.js';
import { graphConnection, testDriver } from '../support/graph.js';

/**
 * GraphStore.renew: a store built with a driver factory opens a new driver in the place of the
 * one in use (the outage watchers do when Neo4j answers again) and closes that one; everything
 * that reads the store's driver — the inventory context's `driver` among them — uses the new one.
 */
describe('GraphStore.renew', () => {
  const one = (store: GraphStore) => store.read(async (tx) => (await tx.run('RETURN 1 AS one')).records[0]!.get('one'));

  it('puts a new driver in place, closes the old one, and the context follows it', async () => {
    const context = openInventory(graphConnection(), exampleKinds);
    try {
      const { store } = context.inventory;
      const first = store.driver;
      expect(await one(store)).toBe(1);
      store.renew();
      expect(store.driver).not.toBe(first);
      expect(context.driver).toBe(store.driver);
      expect(await one(store)).toBe(1);
      // the old driver was closed: a session on it refuses
      await expect(first.executeQuery('RETURN 1')).rejects.toThrow();
    } finally {
      await context.inventory.store.close();
    }
  });

  it('refuses to renew a store given a driver rather than a factory, and leaves it in use', async () => {
    const store = new GraphStore(testDriver(), graphConnection().database);
    const given = store.driver;
    expect(() => store.renew()).toThrow('given a driver, not a factory');
    expect(store.driver).toBe(given);
    expect(await one(store)).toBe(1);
  });
});
