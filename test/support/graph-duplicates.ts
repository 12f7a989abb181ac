import type { Driver } from 'neo4j-driver';

/**
 * What a fault must never leave twice in the graph, counted over the whole database (a fault
 * test's own): instances with the same id, a pool value held twice, a slot filled twice, an
 * instance without exactly one specification, and the same change recorded by two events.
 */
export interface GraphDuplicates {
  instances: number;
  values: number;
  slots: number;
  specifications: number;
  events: number;
}

/** Each check: its matches (`n` how many, `example` what to print when there are any). */
const queries: Record<keyof GraphDuplicates, string> = {
  instances: 'MATCH (i:Instance) WITH i.id AS id, count(*) AS n WHERE n > 1 WITH n, id AS example',
  values: `MATCH (o)-[a:ASSIGNED_TO]->() WITH o, a.pool AS pool, a.value AS value, count(*) AS n WHERE n > 1
           WITH n, o.id + ' ' + pool + ' ' + toString(value) AS example`,
  slots: `MATCH ()-[a:ASSIGNED_TO]->(x) WITH x, a.alias AS alias, count(*) AS n WHERE n > 1
          WITH n, x.id + ' ' + alias AS example`,
  specifications: `MATCH (i:Instance) WITH i, [(i)-[r:SPECIFIED_BY]->(s:Specification) | s.id + ' @' + coalesce(r.createdAt, '?')] AS specs
                   WHERE size(specs) <> 1 WITH size(specs) AS n, i.id + ' (' + i.kind + ', updated ' + coalesce(i.updatedAt, '?') + '): ' + coalesce(reduce(all = '', s IN specs | all + ' ' + s), '') AS example`,
  events: `MATCH (e:Event) WITH e.instanceId AS id, e.eventType AS type, e.changesJson AS changes, count(*) AS n
           WHERE n > 1 WITH n, id + ' ' + type AS example`,
};

/** The counts of each kind of duplicate, and up to five examples of each kind found. */
export async function graphDuplicates(
  driver: Driver,
  database: string,
): Promise<GraphDuplicates & { examples: string[] }> {
  const found = await Promise.all(
    Object.entries(queries).map(async ([name, query]) => {
      const { records } = await driver.executeQuery(
        `${query} RETURN count(*) AS duplicates, collect(example)[..5] AS examples`,
        {},
        { database },
      );
      const examples = (records[0]?.get('examples') as string[] | undefined) ?? [];
      return {
        name,
        duplicates: Number(records[0]?.get('duplicates') ?? 0),
        examples: examples.map((e) => `${name}: ${e}`),
      };
    }),
  );
  return {
    ...(Object.fromEntries(found.map(({ name, duplicates }) => [name, duplicates])) as unknown as GraphDuplicates),
    examples: found.flatMap(({ examples }) => examples),
  };
}
