import { z } from 'zod';
import { defineInstanceKind } from '../model/instance-kind.js';
import { renderTmf } from '../model/tmf-json.js';
import { benchInventory } from './bench-inventory.js';
import { format, latencies, summarise, type Summary } from './measure.js';

/**
 * Full-instance TMF JSON read latency (one Cypher round trip + rendering) against a raw
 * `MATCH (n {id: $id}) RETURN n` on the same server, for instances with 10 and with 100
 * characteristics and relationships.
 */
const wideKind = (width: number, id: string) =>
  defineInstanceKind({
    name: `Wide${width}`,
    specification: { id, name: `wide${width}`, type: 'resourceSpecification' },
    characteristics: Object.fromEntries(Array.from({ length: width }, (_, index) => [`c${index}`, z.number()])),
    relationships: { source: 'all', target: 'all' },
  });

const kinds = {
  10: wideKind(10, '1f0e2d3c-4b5a-4697-8877-665544332210'),
  100: wideKind(100, '1f0e2d3c-4b5a-4697-8877-665544332100'),
};

export async function readLatency(samples = 200): Promise<void> {
  const { inventory, driver, database, tag, cleanup } = await benchInventory(Object.values(kinds));
  try {
    for (const [width, kind] of Object.entries(kinds)) {
      const count = Number(width);
      const targets = [];
      for (let index = 0; index < count; index += 1)
        targets.push((await inventory.instances.build(kind, { name: `${tag}-target-${index}` })).id);
      const instance = await inventory.instances.build(kind, {
        name: `${tag}-wide`,
        characteristics: Object.fromEntries(Array.from({ length: count }, (_, index) => [`c${index}`, index])),
        relationships: targets.map((target, index) => ({ type: 'uses', target, alias: `r${index}` })),
      });
      const raw: number[] = [];
      const indexed: number[] = [];
      const full: number[] = [];
      for (let round = 0; round < samples; round += 1) {
        raw.push(
          ...(await latencies(1, () =>
            driver.executeQuery('MATCH (n {id: $id}) RETURN n', { id: instance.id }, { database }),
          )),
        );
        indexed.push(
          ...(await latencies(1, () =>
            driver.executeQuery('MATCH (n:Instance {id: $id}) RETURN n', { id: instance.id }, { database }),
          )),
        );
        full.push(...(await latencies(1, async () => renderTmf(await inventory.instances.get(instance.id)))));
      }
      const [rawSummary, indexedSummary, fullSummary] = [raw, indexed, full].map(summarise) as [
        Summary,
        Summary,
        Summary,
      ];
      console.log(`${width} characteristics + ${width} relationships:`);
      console.log(`  raw MATCH (n {id})           ${format(rawSummary, 'ms')}`);
      console.log(`  raw MATCH (n:Instance {id})  ${format(indexedSummary, 'ms')}`);
      console.log(`  full TMF read                ${format(fullSummary, 'ms')}`);
      console.log(
        `  ratio full/raw (median) ${(fullSummary.median / rawSummary.median).toFixed(2)}; full/indexed ${(fullSummary.median / indexedSummary.median).toFixed(2)}`,
      );
    }
  } finally {
    await cleanup();
  }
}
