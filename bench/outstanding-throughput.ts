import { performance } from 'node:perf_hooks';
import deepDiff from 'deep-diff';
import type { Json } from '../expectations/operators.js';
import { outstanding } from '../expectations/outstanding.js';
import { format, summarise } from './measure.js';

/**
 * outstanding() throughput on 10k realistic (expected, actual) pairs — clusters with
 * characteristics, parties, places, relationships and assignment slots, about a third
 * of them with something unmet — against deep-diff on the same pairs, in the same run.
 */
function pairs(count: number): Array<[Json, Json]> {
  const result: Array<[Json, Json]> = [];
  for (let index = 0; index < count; index += 1) {
    const cores = 2 + (index % 6);
    const slots = Array.from({ length: cores }, (_, slot) => ({
      alias: `core${slot + 1}`,
      pool: 'cores',
      from: `gpu-${(index + slot) % 40}`,
    }));
    const expected: Json = {
      name: `cluster-${index}`,
      state: 'installed',
      specification: { name: 'cluster', major: 1 },
      characteristics: { cluster: { name: `cluster-${index}`, gpuCores: cores } },
      parties: [
        { role: 'operator', id: `tenant-${index % 50}` },
        { role: 'manager', id: `engineer-${index % 20}` },
      ],
      places: [{ role: 'dataCentre', id: `dc-${index % 5}` }],
      relationships: [{ alias: 'uplink', type: 'connectsTo', target: `switch-${index % 30}` }],
      assignments: slots,
    };
    const drift = index % 3 === 0;
    const actual: Json = {
      id: `c-${index}`,
      kind: 'Cluster',
      name: `cluster-${index}`,
      state: drift ? 'planned' : 'installed',
      specification: { name: 'cluster', major: 1, version: '1.2.0' },
      characteristics: { cluster: { name: `cluster-${index}`, gpuCores: drift ? cores - 1 : cores, npuCores: 0 } },
      features: {},
      parties: [
        { role: 'manager', id: `engineer-${index % 20}` },
        { role: 'operator', id: `tenant-${index % 50}` },
      ],
      places: [{ role: 'dataCentre', id: `dc-${index % 5}` }],
      relationships: [{ alias: 'uplink', type: 'connectsTo', target: `switch-${index % 30}` }],
      assignments: slots
        .slice(0, drift ? cores - 1 : cores)
        .reverse()
        .map((slot, value) => ({ ...slot, value: value + 1 })),
    };
    result.push([expected, actual]);
  }
  return result;
}

function opsPerSecond(work: () => void, count: number): number {
  const started = performance.now();
  work();
  return count / ((performance.now() - started) / 1000);
}

export function outstandingThroughput(rounds = 7): void {
  const data = pairs(10_000);
  let unmet = 0;
  for (const [expected, actual] of data) if (outstanding(expected, actual) !== null) unmet += 1;
  console.log(`${data.length} pairs, ${unmet} with something outstanding`);
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round <= rounds; round += 1) {
    const a = opsPerSecond(() => data.forEach(([expected, actual]) => outstanding(expected, actual)), data.length);
    const b = opsPerSecond(() => data.forEach(([expected, actual]) => deepDiff.diff(expected, actual)), data.length);
    if (round === 0) continue; // warm-up
    ours.push(a);
    theirs.push(b);
    ratios.push(a / b);
  }
  console.log(`  outstanding  ${format(summarise(ours), 'pairs/s', 0)}`);
  console.log(`  deep-diff    ${format(summarise(theirs), 'pairs/s', 0)}`);
  console.log(`  ratio outstanding/deep-diff ${format(summarise(ratios), '', 2)}`);
}
