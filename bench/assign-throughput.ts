import { Cluster, GPU } from '../examples/compute/index.js';
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
  } finally {
    await cleanup();
  }
}
