import { describe, expect, it } from 'vitest';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { definePlaceKind } from '../../model/party-kind.js';
import type { InheritedValue } from '../../model/inherited-values.js';
import type { InstanceSnapshot } from '../../model/tmf-json.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

const Yard = definePlaceKind({ name: 'Yard', type: 'GeographicSite' });
const spec = (id: string, name: string) => ({ id, name, type: 'resourceSpecification' as const });
const Hub = defineInstanceKind({
  name: 'Hub',
  specification: spec('7e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b', 'hub'),
  pools: { slots: 'slot' },
  places: { site: { kind: 'Yard' } },
});
const Plain = defineInstanceKind({
  name: 'Plain',
  specification: spec('1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 'plain'),
  pools: { slots: 'slot' },
  relationships: { target: 'all' },
});
const Leaf = defineInstanceKind({
  name: 'Leaf',
  specification: spec('9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f', 'leaf'),
  relationships: { source: 'all' },
  inherited: { places: { hubSites: { via: [{ over: 'assignment' }], sourceRole: 'site' } } },
  fields: {
    ownerNames: { via: [{ over: 'assignment' }], field: 'name' },
    slotValues: { assignment: { pool: 'slots' }, field: 'value' },
    peerNames: { via: [{ over: 'relationship', alias: 'peer' }], field: 'name' },
  },
});

const factValue = (instance: InstanceSnapshot, name: string): InheritedValue =>
  instance.inherited!.find((value) => value.name === name)!;
const items = (value: InheritedValue) =>
  value.status === 'known'
    ? value.items.map((item) => ({ value: item.value, from: item.from.map((ref) => ref.id) }))
    : value.reason;

describe('inherited facts in the graph: fan-in, any-alias hops, relationships, undeclared roles', () => {
  const { inventory, track } = testInventory([Yard, Hub, Plain, Leaf]);
  const run = uniqueId('inherited').slice(-8);

  it('two slots from the same hub: the hub is reached once (fan-in de-duplicated), every slot value is listed', async () => {
    const yard = track.party(await inventory.places.create('Yard', { id: `YARD-${run}` }));
    const hub = track.instance(
      await inventory.instances.build(Hub, { name: `Hub ${run}`, places: [{ role: 'site', id: yard.id }] }),
    );
    await inventory.instances.define(Hub, hub.id, { pools: { slots: { first: 10, last: 20 } } });
    const leaf = track.instance(await inventory.instances.build(Leaf, { name: `Leaf ${run}` }));
    await inventory.assignments.assign({ owner: hub.id, pool: 'slots', assignee: leaf.id, alias: 'a' });
    await inventory.assignments.assign({ owner: hub.id, pool: 'slots', assignee: leaf.id, alias: 'b' });
    const read = await inventory.instances.get(leaf.id);
    expect(items(factValue(read, 'hubSites'))).toEqual([{ value: yard.id, from: [hub.id] }]);
    expect(items(factValue(read, 'ownerNames'))).toEqual([{ value: `Hub ${run}`, from: [hub.id] }]);
    expect(items(factValue(read, 'slotValues'))).toEqual([
      { value: 10, from: [hub.id] },
      { value: 11, from: [hub.id] },
    ]);
    expect(items(factValue(read, 'peerNames'))).toBe(
      'field "peerNames" is unknown: this instance has no outgoing relationship with alias "peer" yet',
    );

    const plain = track.instance(await inventory.instances.build(Plain, { name: `Plain ${run}` }));
    await inventory.instances.define(Plain, plain.id, { pools: { slots: { first: 1, last: 5 } } });
    await inventory.assignments.assign({ owner: plain.id, pool: 'slots', assignee: leaf.id, alias: 'c' });
    await inventory.instances.relate(leaf.id, [{ type: 'uses', alias: 'peer', target: plain.id }]);
    const after = await inventory.instances.get(leaf.id);
    expect(items(factValue(after, 'hubSites'))).toBe(
      `inherited place "hubSites" is unknown: ${plain.id} is a Plain, which declares no place role "site"`,
    );
    expect(items(factValue(after, 'ownerNames'))).toEqual(
      [
        { value: `Hub ${run}`, from: [hub.id] },
        { value: `Plain ${run}`, from: [plain.id] },
      ].sort((x, y) => x.from[0]!.localeCompare(y.from[0]!)),
    );
    expect(items(factValue(after, 'peerNames'))).toEqual([{ value: `Plain ${run}`, from: [plain.id] }]);
  });
});
