import type { Driver } from 'neo4j-driver';

/**
 * What a fault must never leave twice in the graph, counted over the whole database (a fault
 * test's own): instances with the same id, a pool value held twice, a slot filled twice, an
 * instance with two specifications, and the same change recorded by two events.
 */
export interface GraphDuplicates {
  instances: number;
  values: number;
  slots: number;
  specifications: number;
  events: number;
}

const queries: Record<keyof GraphDuplicates, string> = {
  instances: 'MATCH (i:Instance) WITH i.id AS id, count(*) AS n WHERE n > 1 RETURN count(*) AS duplicates',
  values: `MATCH (o)-[a:ASSIGNED_TO]->() WITH o, a.pool AS pool, a.value AS value, count(*) AS n WHERE n > 1
           RETURN count(*) AS duplicates`,
  slots: `MATCH ()-[a:ASSIGNED_TO]->(x) WITH x, a.alias AS alias, count(*) AS n WHERE n > 1
          RETURN count(*) AS duplicates`,
  specifications: `MATCH (i:Instance) WITH i, COUNT { (i)-[:SPECIFIED_BY]->(:Specification) } AS n WHERE n <> 1
                   RETURN count(*) AS duplicates`,
  events: `MATCH (e:Event) WITH e.instanceId AS id, e.eventType AS type, e.changesJson AS changes, count(*) AS n
           WHERE n > 1 RETURN count(*) AS duplicates`,
};

export async function graphDuplicates(driver: Driver, database: string): Promise<GraphDuplicates> {
  const counts = await Promise.all(
    Object.entries(queries).map(async ([name, query]) => {
      const { records } = await driver.executeQuery(query, {}, { database });
      return [name, Number(records[0]?.get('duplicates') ?? 0)] as const;
    }),
  );
  return Object.fromEntries(counts) as unknown as GraphDuplicates;
}
