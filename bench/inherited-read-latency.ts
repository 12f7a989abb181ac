import { z } from 'zod';
import { defineInstanceKind } from '../model/instance-kind.js';
import { definePartyKind, definePlaceKind } from '../model/party-kind.js';
import { renderTmf } from '../model/tmf-json.js';
import { benchInventory } from './bench-inventory.js';
import { format, latencies, summarise } from './measure.js';

/**
 * Read latency of an instance with 3 inherited facts (a place, a party, a characteristic),
 * each over a 2-hop assignment chain, against the same instance shape without them, in one
 * run and interleaved sample by sample. Both hold the same own data: a characteristic and
 * the value assigned by the middle instance.
 *
 *   Origin (site, owner, tier) ─slot→ Middle ─link→ Tail
 */
const BenchSite = definePlaceKind({ name: 'BenchSite', type: 'GeographicSite' });
const BenchOwner = definePartyKind({ name: 'BenchOwner', type: 'Organization' });
const spec = (id: string, name: string) => ({ id, name, type: 'resourceSpecification' as const });
const Origin = defineInstanceKind({
  name: 'BenchOrigin',
  specification: spec('0d1c2b3a-4958-4677-8695-a4b3c2d1e0f1', 'benchOrigin'),
  characteristics: { tier: z.string() },
  pools: { slots: 'slot' },
  places: { site: { kind: 'BenchSite' } },
  parties: { owner: { kind: 'BenchOwner' } },
});
const Middle = defineInstanceKind({
  name: 'BenchMiddle',
  specification: spec('1e2d3c4b-5a69-4788-97a6-b5c4d3e2f102', 'benchMiddle'),
  pools: { links: 'link' },
});
const tailShape = { characteristics: { speed: z.number() } };
const Tail = defineInstanceKind({
  name: 'BenchTail',
  specification: spec('2f3e4d5c-6b7a-4899-a8b7-c6d5e4f30213', 'benchTail'),
  ...tailShape,
  inherited: {
    places: { site: { via: ['link', 'slot'], sourceRole: 'site', collapse: 'first' } },
    parties: { owner: { via: ['link', 'slot'], sourceRole: 'owner', collapse: 'first' } },
    characteristics: { tier: { via: ['link', 'slot'], characteristic: 'tier', collapse: 'first' } },
  },
});
const PlainTail = defineInstanceKind({
  name: 'BenchPlainTail',
  specification: spec('3a4f5e6d-7c8b-49aa-b9c8-d7e6f5a40324', 'benchPlainTail'),
  ...tailShape,
});

export async function inheritedReadLatency(samples = 300, warmup = 30): Promise<void> {
  const { inventory, tag, cleanup } = await benchInventory([BenchSite, BenchOwner, Origin, Middle, Tail, PlainTail]);
  try {
    const site = await inventory.places.create('BenchSite', { id: `${tag}-site` });
    const owner = await inventory.parties.create('BenchOwner', { id: `${tag}-owner` });
    const origin = await inventory.instances.build(Origin, {
      name: `${tag}-origin`,
      characteristics: { tier: 'gold' },
      places: [{ role: 'site', id: site.id }],
      parties: [{ role: 'owner', id: owner.id }],
    });
    await inventory.instances.define(Origin, origin.id, { pools: { slots: { first: 1, last: 10 } } });
    const middle = await inventory.instances.build(Middle, { name: `${tag}-middle` });
    await inventory.instances.define(Middle, middle.id, { pools: { links: { first: 1, last: 10 } } });
    await inventory.assignments.assign({ owner: origin.id, pool: 'slots', assignee: middle.id, alias: 'slot' });
    const tail = await inventory.instances.build(Tail, { name: `${tag}-tail`, characteristics: { speed: 100 } });
    const plain = await inventory.instances.build(PlainTail, { name: `${tag}-plain`, characteristics: { speed: 100 } });
    for (const assignee of [tail.id, plain.id])
      await inventory.assignments.assign({ owner: middle.id, pool: 'links', assignee, alias: 'link' });

    const tailRead = await inventory.instances.get(tail.id);
    const inherited = renderTmf(tailRead);
    const known = tailRead.inherited!.filter((value) => value.status === 'known' && value.items.length === 1).length;
    console.log(
      `instance with inherited facts: ${known} of 3 known (place ${JSON.stringify((inherited.place as Array<{ id: string }>)[0]?.id)}, party ${JSON.stringify((inherited.relatedParty as Array<{ id: string }>)[0]?.id)})`,
    );

    const read = (id: string) => async () => renderTmf(await inventory.instances.get(id));
    await latencies(warmup, read(tail.id));
    await latencies(warmup, read(plain.id));
    const withFacts: number[] = [];
    const without: number[] = [];
    for (let round = 0; round < samples; round += 1) {
      without.push(...(await latencies(1, read(plain.id))));
      withFacts.push(...(await latencies(1, read(tail.id))));
    }
    const [a, b] = [summarise(without), summarise(withFacts)];
    console.log(`  without inherited facts          ${format(a, 'ms')}`);
    console.log(`  with 3 inherited (2-hop chains)  ${format(b, 'ms')}`);
    console.log(`  ratio with/without (median) ${(b.median / a.median).toFixed(2)}`);
  } finally {
    await cleanup();
  }
}
