import neo4j, { type Driver } from 'neo4j-driver';
import { Cluster, GPU } from '../examples/compute/index.js';
import type { Inventory } from '../graph/inventory.js';
import { benchInventory } from './bench-inventory.js';
import { throughput } from './measure.js';

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
    const ratios: string[] = [];
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
        const gpu = await inventory.instances.build(GPU, { name: `${tag}-gpu-${round}-${algorithm}` });
        await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 100_000, algorithm } } });
        const assign = await throughput(callers, perCaller, () => inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee: cluster.id }));
        const ratio = assign / raw;
        if (round === 0) continue;
        ratios.push(`${algorithm} ${ratio.toFixed(2)}`);
        console.log(
          `round ${round}: raw CREATE ${raw.toFixed(0)} tx/s; auto-assign (${algorithm}) ${assign.toFixed(0)} /s; ratio ${ratio.toFixed(2)}`,
        );
      }
    }
    console.log(`assign/raw ratios (16 callers × ${perCaller}): ${ratios.join(', ')}`);
    await fullPoolAgainstEmpty({ inventory, driver, database, tag, clusterId: cluster.id, callers, perCaller });
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
  { inventory, driver, database, tag, clusterId, callers, perCaller }:
  { inventory: Inventory; driver: Driver; database: string; tag: string; clusterId: string; callers: number; perCaller: number },
  given = 20_000,
): Promise<void> {
  const poolOf = async (name: string) => {
    const gpu = await inventory.instances.build(GPU, { name: `${tag}-${name}` });
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 100_000 } } });
    return gpu.id;
  };
  const full = await poolOf('full-pool');
  await driver.executeQuery(
    `MATCH (o:Instance {id: $owner}), (x:Instance {id: $assignee})
     UNWIND range(1, $given) AS value
     CREATE (o)-[:ASSIGNED_TO {pool: 'cores', thing: 'core', value: value, valueKey: $owner + '/cores/' + toString(value)}]->(x)`,
    { owner: full, assignee: clusterId, given: neo4j.int(given) }, { database },
  );
  const rates: string[] = [];
  for (let round = 0; round <= 3; round += 1) {
    const empty = await poolOf(`empty-pool-${round}`);
    const fromEmpty = await throughput(callers, perCaller, () => inventory.assignments.assign({ owner: empty, pool: 'cores', assignee: clusterId }));
    const fromFull = await throughput(callers, perCaller, () => inventory.assignments.assign({ owner: full, pool: 'cores', assignee: clusterId }));
    if (round > 0) rates.push(`${(fromFull / fromEmpty).toFixed(2)} (${fromFull.toFixed(0)} vs ${fromEmpty.toFixed(0)} /s)`);
  }
  console.log(`auto-assign from a pool with ${given} values given out / from an empty pool, 3 rounds: ${rates.join(', ')}`);
}
