import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Cluster, computeKinds, GPU } from '../../examples/compute/index.js';
import { bootstrapSchema, schemaStatements } from '../../graph/schema.js';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { renderTmf } from '../../model/tmf-json.js';
import { graphConnection, uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

const Voice = defineInstanceKind({
  name: 'Voice',
  specification: {
    id: '9e4c7a10-2b3d-4f5e-8a6b-1c2d3e4f5a6b',
    name: 'voice',
    type: 'serviceSpecification',
    category: 'Voice',
    description: 'A voice service',
  },
  characteristics: { numbers: z.array(z.string().regex(/^\+\d+$/)) },
  features: {
    staticIp: { enabled: false, characteristics: { address: z.ipv4() } },
    callerId: { enabled: true },
  },
  relationships: { source: 'all', target: 'all' },
});

describe('instance operations', () => {
  const { inventory, track, driver } = testInventory([...computeKinds, Voice]);

  it('builds every declared characteristic and feature, and renders features and relationships as TMF JSON', async () => {
    const cluster = track.instance(await inventory.instances.build(Cluster, { name: 'voice cluster' }));
    const access = track.instance(await inventory.instances.build(Voice, { name: 'access' }));
    const voice = track.instance(
      await inventory.instances.build(Voice, {
        name: 'voice 1',
        characteristics: { numbers: ['+61300000000'] },
        features: { staticIp: { isEnabled: true, characteristics: { address: '10.0.0.1' } } },
        relationships: [
          { type: 'reliesOn', target: access.id, alias: 'access', characteristics: { priority: 1 } },
          { type: 'uses', target: cluster.id },
        ],
      }),
    );
    const json = renderTmf(voice);
    expect(Object.keys(json)).toEqual([
      'id',
      'href',
      'name',
      'category',
      'description',
      'state',
      'operatingStatus',
      'serviceSpecification',
      'serviceCharacteristic',
      'feature',
      'serviceRelationship',
      'resourceRelationship',
      'supportingService',
      'supportingResource',
      '@type',
      '@baseType',
    ]);
    expect(json).toMatchObject({
      state: 'initial',
      operatingStatus: 'pending',
      serviceSpecification: { name: 'voice', version: '1.0.0', '@referredType': 'ServiceSpecification' },
    });
    expect(json.serviceCharacteristic).toEqual([{ name: 'numbers', value: ['+61300000000'] }]);
    expect(json.feature).toEqual([
      { name: 'callerId', isEnabled: true },
      { name: 'staticIp', isEnabled: true, featureCharacteristic: [{ name: 'address', value: '10.0.0.1' }] },
    ]);
    // each related instance is the same TMF ref in its relationship and among the supporting ones
    const ref = (path: string, id: string, kind: string) => ({ id, href: `${path}/${id}`, '@referredType': kind });
    const accessRef = ref('serviceInventoryManagement/v4/service', access.id, 'Voice');
    const clusterRef = ref('resourceInventoryManagement/v4/resource', cluster.id, 'Cluster');
    expect(json.serviceRelationship).toEqual([
      {
        relationshipType: 'reliesOn',
        service: accessRef,
        serviceRelationshipCharacteristic: [
          { name: 'alias', value: 'access' },
          { name: 'priority', value: 1 },
        ],
      },
    ]);
    expect(json.resourceRelationship).toEqual([{ relationshipType: 'uses', resource: clusterRef }]);
    expect(json.supportingService).toEqual([accessRef]);
    expect(json.supportingResource).toEqual([clusterRef]);

    expect(await inventory.instances.unrelate(voice.id, { alias: 'access' })).toBe(1);
    expect(await inventory.instances.unrelate(voice.id, { type: 'uses', target: cluster.id })).toBe(1);
    expect(renderTmf(await inventory.instances.get(voice.id)).serviceRelationship).toBeUndefined();
  });

  it('build returns the instance as a read does, from the one statement that creates it', async () => {
    const dc = track.party(await inventory.places.create('DataCentre', { id: uniqueId('dc-build') }));
    const before = inventory.store.queriesRun;
    const built = track.instance(
      await inventory.instances.build(GPU, {
        name: 'read-back GPU',
        characteristics: { gpu: { family: 'nvidia', model: 'H100' } },
        places: [{ role: 'dataCentre', id: dc.id }],
      }),
    );
    expect(inventory.store.queriesRun - before).toBe(1);
    expect(built).toEqual(await inventory.instances.get(built.id));
    expect(built.places).toEqual([expect.objectContaining({ role: 'dataCentre', id: dc.id })]);
    const voice = track.instance(
      await inventory.instances.build(Voice, {
        name: 'read-back voice',
        features: { staticIp: { isEnabled: true, characteristics: { address: '10.0.0.2' } } },
      }),
    );
    // the order of a snapshot's lists is the graph's; its TMF JSON orders them
    expect(renderTmf(voice)).toEqual(renderTmf(await inventory.instances.get(voice.id)));
  });

  it('defines feature switches and values, keeping what was not mentioned', async () => {
    const voice = track.instance(
      await inventory.instances.build(Voice, { name: 'voice 2', characteristics: { numbers: ['+61311111111'] } }),
    );
    const defined = await inventory.instances.define(Voice, voice.id, {
      features: { callerId: { isEnabled: false }, staticIp: { characteristics: { address: '192.0.2.7' } } },
    });
    expect(renderTmf(defined).feature).toEqual([
      { name: 'callerId', isEnabled: false },
      { name: 'staticIp', isEnabled: false, featureCharacteristic: [{ name: 'address', value: '192.0.2.7' }] },
    ]);
    expect(renderTmf(defined).serviceCharacteristic).toEqual([{ name: 'numbers', value: ['+61311111111'] }]);
  });

  it('walks the TMF638 lifecycle with operatingStatus and dates', async () => {
    const voice = track.instance(await inventory.instances.build(Voice, { name: 'voice 3' }));
    await inventory.instances.transition(voice.id, 'reserved');
    const active = renderTmf(await inventory.instances.transition(voice.id, 'active'));
    expect(active).toMatchObject({ state: 'active', operatingStatus: 'running' });
    expect(typeof active.startDate).toBe('string');
    const terminated = renderTmf(await inventory.instances.transition(voice.id, 'terminated'));
    expect(terminated).toMatchObject({ state: 'terminated', operatingStatus: 'stopped', startDate: active.startDate });
    expect(typeof terminated.endDate).toBe('string');
    await expect(inventory.instances.transition(voice.id, 'active')).rejects.toThrow('final state');
  });

  it('lists by kind and name; a delete gives back what the instance holds, and is refused while others depend on it unless with cascade', async () => {
    const name = uniqueId('listed');
    const gpu = track.instance(await inventory.instances.build(GPU, { name }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 2 } } });
    const voice = track.instance(await inventory.instances.build(Voice, { name }));
    await inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee: voice.id });
    expect((await inventory.instances.list({ name })).map((found) => found.kind).sort()).toEqual(['GPU', 'Voice']);
    expect((await inventory.instances.list({ name, kind: 'Voice' })).map((found) => found.id)).toEqual([voice.id]);
    expect(await inventory.instances.list({ name, type: 'resource' })).toHaveLength(1);

    await expect(inventory.instances.delete(gpu.id)).rejects.toMatchObject({
      code: 'conflict',
      message: `cannot delete ${gpu.id}: ${voice.id} holds core 1 of its pool cores; remove them or delete with cascade`,
    });
    await inventory.instances.delete(voice.id);
    await expect(inventory.instances.get(voice.id)).rejects.toMatchObject({ code: 'notFound' });
    expect(await inventory.assignments.list({ owner: gpu.id })).toEqual([]);
    expect((await inventory.instances.get(gpu.id)).pools[0]).toMatchObject({ assigned: 0 });
    const leftovers = await driver.executeQuery(
      'MATCH (c) WHERE c.key STARTS WITH $prefix RETURN count(c) AS n',
      { prefix: `${voice.id}/` },
      { database: graphConnection().database },
    );
    expect(leftovers.records[0]!.get('n')).toBe(0);

    const holder = track.instance(await inventory.instances.build(Voice, { name }));
    await inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee: holder.id });
    await inventory.instances.delete(gpu.id, { cascade: true });
    await expect(inventory.instances.get(gpu.id)).rejects.toMatchObject({ code: 'notFound' });
    expect(await inventory.instances.get(holder.id)).toMatchObject({ id: holder.id, assignments: [] });
  });

  it('bootstraps the schema idempotently, with the uniqueness constraints in the database', async () => {
    await bootstrapSchema(driver, graphConnection().database);
    const result = await driver.executeQuery(
      'SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names',
      {},
      { database: graphConnection().database },
    );
    const names = result.records[0]!.get('names') as string[];
    for (const expected of [
      'assignment_value',
      'assignment_slot',
      'relationship_alias',
      'instance_id',
      'specification_id',
    ])
      expect(names).toContain(expected);
    expect(schemaStatements.length).toBeGreaterThan(10);
  });
});
