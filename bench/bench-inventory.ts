import { randomUUID } from 'node:crypto';
import { computeKinds } from '../examples/compute/index.js';
import { localServers } from '../infra/local-servers.js';
import { servicesUp } from '../infra/services.js';
import { readSettings } from '../infra/settings.js';
import type { Kind } from '../model/registry.js';
import { openInventory } from '../runtime/inventory-context.js';
import { serverNeeds } from '../runtime/server-needs.js';
import { ownPartsTypes } from '../graph/instance-fields.js';

/**
 * An inventory (and its expectations) for benchmarks on the configured Neo4j (started if needed), with a tag on
 * everything it makes so `cleanup` removes exactly that.
 */
export async function benchInventory(extraKinds: Kind[] = []) {
  const settings = readSettings();
  await servicesUp(
    localServers(settings, serverNeeds).filter((server) => server.name === 'neo4j'),
    (line) => console.log(`· ${line}`),
  );
  const { driver, inventory, expectations } = openInventory(settings.neo4j, [...computeKinds, ...extraKinds]);
  await inventory.bootstrap();
  const tag = `bench-${randomUUID().slice(0, 8)}`;
  const cleanup = async () => {
    await driver.executeQuery(
      `MATCH (i:Instance) WHERE i.name STARTS WITH $tag
       OPTIONAL MATCH (i)-[:${ownPartsTypes}|HAS_EVENT]->(part)
       DETACH DELETE part, i`,
      { tag },
      { database: settings.neo4j.database },
    );
    await driver.executeQuery(
      'MATCH (n:BenchRaw {tag: $tag}) DELETE n',
      { tag },
      { database: settings.neo4j.database },
    );
    await driver.executeQuery(
      'MATCH (p) WHERE (p:Party OR p:Place) AND p.id STARTS WITH $tag DETACH DELETE p',
      { tag },
      { database: settings.neo4j.database },
    );
    await driver.close();
  };
  return { inventory, expectations, driver, database: settings.neo4j.database, tag, cleanup };
}
