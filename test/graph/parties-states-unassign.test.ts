import { describe, expect, it } from 'vitest';
import { Cluster, DataCentre, Engineer, GPU, Tenant } from '../../examples/compute/index.js';
import { renderTmf } from '../../model/tmf-json.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

describe('parties among themselves, resource states, unassign, and typed values', () => {
  const { inventory, track } = testInventory();

  it('relates an engineer to the tenant that employs them, only in a declared role', async () => {
    const tenant = track.party(await inventory.parties.create(Tenant.name, { id: uniqueId('abn'), name: 'Acme' }));
    const engineer = track.party(await inventory.parties.create(Engineer.name, { name: 'Alice' }));
    const dc = track.party(await inventory.places.create(DataCentre.name, { id: uniqueId('dc') }));
    await inventory.parties.relate(engineer.id, 'employer', { section: 'parties', id: tenant.id });
    await inventory.parties.relate(engineer.id, 'employer', { section: 'parties', id: tenant.id }); // idempotent
    expect(await inventory.parties.related(engineer.id)).toEqual([{ role: 'employer', id: tenant.id, kind: 'Tenant' }]);
    await expect(
      inventory.parties.relate(engineer.id, 'friend', { section: 'parties', id: tenant.id }),
    ).rejects.toThrow('declares no role "friend" towards parties (declared: employer)');
    await expect(
      inventory.parties.relate(engineer.id, 'employer', { section: 'parties', id: engineer.id }),
    ).rejects.toThrow('role "employer" takes Tenant');
    await expect(inventory.parties.relate(tenant.id, 'employer', { section: 'places', id: dc.id })).rejects.toThrow(
      'declares no role "employer" towards places',
    );
  });

  it('sets administrative, operational and usage states of resources only, with valid values', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'stateful GPU' }));
    const json = renderTmf(
      await inventory.instances.setResourceStates(gpu.id, { administrativeState: 'locked', usageState: 'busy' }),
    );
    expect(json).toMatchObject({
      lifecycleState: 'planned',
      administrativeState: 'locked',
      operationalState: 'enable',
      usageState: 'busy',
    });
    await expect(inventory.instances.setResourceStates(gpu.id, { usageState: 'asleep' as 'idle' })).rejects.toThrow(
      'usageState',
    );
  });

  it('unassigns by value or by alias slot, freeing the value for the next auto-assign', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'unassign GPU' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 3 } } });
    const cluster = track.instance(await inventory.instances.build(Cluster, { name: 'unassign cluster' }));
    const first = await inventory.assignments.assign({
      owner: gpu.id,
      pool: 'cores',
      assignee: cluster.id,
      alias: 'core1',
    });
    const second = await inventory.assignments.assign({
      owner: gpu.id,
      pool: 'cores',
      assignee: cluster.id,
      alias: 'core2',
    });
    expect([first.value, second.value]).toEqual([1, 2]);
    expect(await inventory.assignments.unassign({ assignee: cluster.id, alias: 'core1' })).toBe(true);
    expect(await inventory.assignments.unassign({ owner: gpu.id, pool: 'cores', value: 2 })).toBe(true);
    expect(await inventory.assignments.unassign({ owner: gpu.id, pool: 'cores', value: 2 })).toBe(false);
    expect(
      (await inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee: cluster.id, alias: 'core1' }))
        .value,
    ).toBe(1);
  });

  it('type-checks characteristic values against the kind at compile time (tsc runs in npm test)', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'typed GPU' }));
    const defined = await inventory.instances.define(GPU, gpu.id, {
      characteristics: { gpu: { family: 'amd', model: 'MI300' } },
    });
    expect(defined.characteristics).toContainEqual({ name: 'gpu', value: { family: 'amd', model: 'MI300' } });
    // @ts-expect-error — 'acme' is not a GPU family in the kind's zod schema
    const wrongFamily = () => inventory.instances.define(GPU, gpu.id, { characteristics: { gpu: { family: 'acme' } } });
    // @ts-expect-error — GPU declares no characteristic named colour
    const unknownCharacteristic = () => inventory.instances.define(GPU, gpu.id, { characteristics: { colour: 'red' } });
    await expect(wrongFamily()).rejects.toMatchObject({ code: 'invalidInput' });
    await expect(unknownCharacteristic()).rejects.toMatchObject({ code: 'invalidInput' });
  });
});
