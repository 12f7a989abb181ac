import type { Driver } from 'neo4j-driver';
import { parseExpectation } from '../expectations/expectation-schema.js';
import { openDriver, type DriverOptions } from '../graph/driver.js';
import { ExpectationRepository } from '../graph/expectation-repository.js';
import { Inventory } from '../graph/inventory.js';
import type { Settings } from '../infra/settings.js';
import { createRegistry, type Kind, type Registry } from '../model/registry.js';

/** The graph side of a process: one driver, the kinds registered, the inventory and its expectations. */
export interface InventoryContext {
  driver: Driver;
  registry: Registry;
  inventory: Inventory;
  expectations: ExpectationRepository;
}

/** Opens the driver from the settings and wires the inventory and expectations for `kinds`; close `driver` when done. */
export function openInventory(neo4j: Settings['neo4j'], kinds: Kind[], options: DriverOptions = {}): InventoryContext {
  const driver = openDriver(neo4j, options);
  const registry = createRegistry(kinds);
  const inventory = new Inventory(driver, neo4j.database, registry);
  const expectations = new ExpectationRepository(inventory.store, (body) => parseExpectation(body, registry));
  return { driver, registry, inventory, expectations };
}
