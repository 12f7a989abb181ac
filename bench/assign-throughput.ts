import neo4j, { type Driver } from 'neo4j-driver';
import { Cluster, GPU } from '../examples/compute/index.js';
import type { AssignmentAlgorithm } from '../model/pool.js';
import { benchInventory } from './bench-inventory.js';
import { format, summarise, throughput } from './measure.js';

/**
 * Auto-assign throughput with 16 concurrent callers, against the raw rate of single-node
 * CREATE write transactions on the same Neo4j in the same run (goal: ratio ≥ 0.5).
 */
export async function assignThroughput(rounds = 4): Promise<void> {
  const { inventory, driver, database, tag, cleanup } = await benchInventory();
  const callers = 16;
  const perCaller = 25;
  try {
    const cluster = await inventory.instances.build(Cluster, { name: `${tag}-cluster` });
    /** A GPU whose pool of 100,000 cores gives them out by `algorithm`: its id. */
    const gpuWithCores = async (name: string, algorithm: AssignmentAlgorithm = 'lowest') => {
      const gpu = await inventory.instances.build(GPU, { name: `${tag}-${name}` });
      await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 100_000, algorithm } } });
      return gpu.id;
    };
    /** Auto-assigns per second from `owner`'s cores to the cluster. */
    const assignRate = (owner: string) =>
      throughput(callers, perCaller, () =>
        inventory.assignments.assign({ owner, pool: 'cores', assignee: cluster.id }),
      );
    const ratios = { lowest: [] as number[], random: [] as number[] };
    let duplicates = 0;
    // round 0 warms the JIT and the page cache; rounds 1.. are reported
    for (let round = 0; round <= rounds; round += 1) {
      const raw = await throughput(callers, perCaller, async () => {
        const session = driver.session({ database });
        try {
          await session.executeWrite((tx) => tx.run('CREATE (:BenchRaw {tag: $tag, at: timestamp()})', { tag }));
        } finally {
          await session.close();
        }
      });
      for (const algorithm of ['lowest', 'random'] as const) {
        const owner = await gpuWithCores(`gpu-${round}-${algorithm}`, algorithm);
        const assign = await assignRate(owner);
        duplicates += await duplicateValues(driver, database, owner);
        const ratio = assign / raw;
        if (round === 0) continue;
        ratios[algorithm].push(ratio);
        console.log(
          `round ${round}: raw CREATE ${raw.toFixed(0)} tx/s; auto-assign (${algorithm}) ${assign.toFixed(0)} /s; ratio ${ratio.toFixed(2)}`,
        );
      }
    }
    for (const [algorithm, samples] of Object.entries(ratios)) {
      console.log(
        `auto-assign (${algorithm}) / raw CREATE, ${callers} callers × ${perCaller}: ${format(summarise(samples), '× raw')}`,
      );
    }
    console.log(`values given twice in one pool: ${duplicates}`);
    await fullPoolAgainstEmpty({ driver, database, clusterId: cluster.id, gpuWithCores, assignRate });
  } finally {
    await cleanup();
  }
}

/**
 * Auto-assign (lowest) from a pool that has given out `given` values already against an
 * empty pool of the same size, in the same run: the ratio shows whether its cost grows with
 * a pool's fill. The given values are written straight into the graph, as if by hand, so the
 * pool has no hints yet: its first auto-assign takes the general path, which sets them.
 */
async function fullPoolAgainstEmpty(
  {
    driver,
    database,
    clusterId,
    gpuWithCores,
    assignRate,
  }: {
    driver: Driver;
    database: string;
    clusterId: string;
    gpuWithCores: (name: string) => Promise<string>;
    assignRate: (owner: string) => Promise<number>;
  },
  given = 20_000,
): Promise<void> {
  const full = await gpuWithCores('full-pool');
  await driver.executeQuery(
    `MATCH (o:Instance {id: $owner}), (x:Instance {id: $assignee})
     UNWIND range(1, $given) AS value
     CREATE (o)-[:ASSIGNED_TO {pool: 'cores', thing: 'core', value: value, valueKey: $owner + '/cores/' + toString(value)}]->(x)`,
    { owner: full, assignee: clusterId, given: neo4j.int(given) },
    { database },
  );
  const rates: string[] = [];
  for (let round = 0; round <= 3; round += 1) {
    const fromEmpty = await assignRate(await gpuWithCores(`empty-pool-${round}`));
    const fromFull = await assignRate(full);
    if (round > 0)
      rates.push(`${(fromFull / fromEmpty).toFixed(2)} (${fromFull.toFixed(0)} vs ${fromEmpty.toFixed(0)} /s)`);
  }
  console.log(
    `auto-assign from a pool with ${given} values given out / from an empty pool, 3 rounds: ${rates.join(', ')}`,
  );
}

/** How many values `owner`'s pool of cores has given more than once (by-hand writes aside, 0: the constraint). */
async function duplicateValues(driver: Driver, database: string, owner: string): Promise<number> {
  const { records } = await driver.executeQuery(
    `MATCH (:Instance {id: $owner})-[a:ASSIGNED_TO {pool: 'cores'}]->()
     RETURN count(a) - count(DISTINCT a.value) AS duplicates`,
    { owner },
    { database },
  );
  return records[0]!.get('duplicates') as number;
}
