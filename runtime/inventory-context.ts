import type { Driver } from 'neo4j-driver';
import { parseExpectation, type ExpectationBody } from '../expectations/expectation-schema.js';
import { specificationAimOf } from '../expectations/specification-aim.js';
import { openDriver, type DriverOptions, type GraphConnection } from '../graph/driver.js';
import { ExpectationRepository } from '../graph/expectation-repository.js';
import { Inventory } from '../graph/inventory.js';
import { createRegistry, type Kind, type Registry } from '../model/registry.js';

/** The graph side of a process: one driver, the kinds registered, the inventory and its expectations. */
export interface InventoryContext {
  /** The driver in use: the inventory's store may renew it (`GraphStore.renew`), so read it, do not keep it. */
  readonly driver: Driver;
  registry: Registry;
  inventory: Inventory;
  expectations: ExpectationRepository;
}

/**
 * Opens the driver from the settings and wires the inventory and expectations for `kinds`; close
 * `inventory.store` (the driver in use) when done. The store can renew its driver
 * (`inventory.store.renew()`: the outage watchers do when Neo4j is back).
 */
export function openInventory(neo4j: GraphConnection, kinds: Kind[], driverOptions?: DriverOptions): InventoryContext {
  const registry = createRegistry(kinds);
  const inventory = new Inventory(() => openDriver(neo4j, driverOptions), neo4j.database, registry);
  const expectations = new ExpectationRepository(
    inventory.store,
    (body) => parseExpectation(body, registry),
    (body) => specificationAimOf(body as ExpectationBody, registry),
  );
  return {
    get driver() {
      return inventory.store.driver;
    },
    registry,
    inventory,
    expectations,
  };
}
