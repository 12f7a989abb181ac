import type { Driver } from 'neo4j-driver';
import { ownPartsTypes } from '../../graph/instance-fields.js';

/** What a test (or a recording script) made in the graph, by id, to delete afterwards. */
export interface MadeInGraph {
  instances: Set<string>;
  parties: Set<string>;
  expectations: Set<string>;
}

export const nothingMade = (): MadeInGraph => ({ instances: new Set(), parties: new Set(), expectations: new Set() });

/** Deletes only what was made: instances with their own parts, events and edges, parties, places, expectations. */
export async function deleteMade(driver: Driver, database: string, made: MadeInGraph): Promise<void> {
  // events outlive their instance (a deleted instance's events stay under its id)
  await driver.executeQuery(
    'MATCH (e:Event) WHERE e.instanceId IN $instances DETACH DELETE e',
    { instances: [...made.instances] },
    { database },
  );
  await driver.executeQuery(
    `MATCH (i:Instance) WHERE i.id IN $instances
     OPTIONAL MATCH (i)-[:${ownPartsTypes}|HAS_EVENT]->(part)
     OPTIONAL MATCH (part)-[:HAS_CHARACTERISTIC]->(inner)
     DETACH DELETE inner, part, i`,
    { instances: [...made.instances] },
    { database },
  );
  await driver.executeQuery(
    'MATCH (p) WHERE (p:Party OR p:Place) AND p.id IN $ids DETACH DELETE p',
    { ids: [...made.parties] },
    { database },
  );
  await driver.executeQuery(
    // with what they waited for (graph/waits-for-repository.ts)
    `MATCH (e:Expectation) WHERE e.id IN $ids
     CALL (e) { MATCH (w:WaitsFor {expectationId: e.id}) DELETE w }
     DETACH DELETE e`,
    { ids: [...made.expectations] },
    { database },
  );
  await driver.executeQuery(
    'MATCH (d:ExpectationDeletion) WHERE d.id IN $ids DELETE d',
    { ids: [...made.expectations] },
    { database },
  );
}
