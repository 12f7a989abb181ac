import { describe, expect, it } from 'vitest';
import { Cluster, DataCentre, Engineer, GPU, Tenant } from '../../examples/compute/index.js';
import { renderTmf } from '../../model/tmf-json.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

/** The instance-extension livebook, step by step: a cluster composed of GPU cores. */
describe('Compute livebook', () => {
  const { inventory, track } = testInventory();
  const run = uniqueId('livebook').slice(-8);
  let clusterId: string;
  let gpu1: string;
  let gpu2: string;

  it('creates the parties and the place with meaningful ids', async () => {
    const tenant = track.party(
      await inventory.parties.create(Tenant.name, { id: `51824753556-${run}`, name: 'Acme Compute Pty Ltd' }),
    );
    const engineer = track.party(await inventory.parties.create(Engineer.name, { name: 'Alice Zhang' }));
    const dc = track.party(await inventory.places.create(DataCentre.name, { id: `NXTM2-${run}`, name: 'NextDC M2' }));
    expect(tenant).toEqual({
      id: `51824753556-${run}`,
      name: 'Acme Compute Pty Ltd',
      kind: 'Tenant',
      type: 'Organization',
      attributes: {},
      characteristics: {},
      related: [],
    });
    expect(engineer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(dc.type).toBe('GeographicSite');

    const cluster = track.instance(
      await inventory.instances.build(Cluster, {
        name: 'cluster_1',
        places: [{ role: 'dataCentre', id: dc.id }],
        parties: [
          { role: 'operator', id: tenant.id },
          { role: 'manager', id: engineer.id },
        ],
      }),
    );
    clusterId = cluster.id;
    const json = renderTmf(cluster);
    expect(json).toMatchObject({
      id: cluster.id,
      href: `/tmf-api/resourceInventoryManagement/v4/resource/${cluster.id}`,
      name: 'cluster_1',
      category: 'Network Resource',
      lifecycleState: 'planned',
      resourceSpecification: { id: Cluster.specification.id, name: 'cluster', version: '1.0.0' },
      '@type': 'Cluster',
      '@baseType': 'Resource',
    });
    const party = (type: string, id: string) => `/tmf-api/partyManagement/v4/${type}/${id}`;
    expect(json.relatedParty).toEqual([
      {
        id: engineer.id,
        href: party('individual', engineer.id),
        name: 'Alice Zhang',
        '@referredType': 'Individual',
        role: 'manager',
      },
      {
        id: tenant.id,
        href: party('organization', tenant.id),
        name: 'Acme Compute Pty Ltd',
        '@referredType': 'Organization',
        role: 'operator',
      },
    ]);
    // TMF639 v4: one place
    expect(json.place).toEqual({
      id: dc.id,
      href: `/tmf-api/geographicSiteManagement/v4/geographicSite/${dc.id}`,
      name: 'NextDC M2',
      '@referredType': 'GeographicSite',
      role: 'dataCentre',
    });
  });

  it('builds and defines two GPUs with 680 cores each', async () => {
    gpu1 = track.instance(await inventory.instances.build(GPU, { name: 'GPU 1' })).id;
    gpu2 = track.instance(await inventory.instances.build(GPU, { name: 'GPU 2' })).id;
    for (const id of [gpu1, gpu2]) {
      const defined = await inventory.instances.define(GPU, id, {
        characteristics: { gpu: { family: 'nvidia', model: 'GeForce RTX5090', technology: 'blackwell' } },
        pools: { cores: { first: 1, last: 680, assignableType: 'tensor' } },
      });
      expect(renderTmf(defined).resourceCharacteristic).toEqual([
        {
          name: 'cores',
          valueType: 'object',
          value: {
            thing: 'core',
            first: 1,
            last: 680,
            free: 680,
            assigned: 0,
            algorithm: 'lowest',
            assignableType: 'tensor',
          },
        },
        {
          name: 'gpu',
          valueType: 'object',
          value: { family: 'nvidia', model: 'GeForce RTX5090', technology: 'blackwell' },
        },
      ]);
    }
  });

  it('auto-assigns 3 cores of gpu_1 and 1 of gpu_2 to the cluster as four assignedTo relationships', async () => {
    const values = [];
    for (const owner of [gpu1, gpu1, gpu1, gpu2]) {
      values.push(await inventory.assignments.assign({ owner, pool: 'cores', assignee: clusterId }));
    }
    expect(values.map((assignment) => [assignment.owner, assignment.value])).toEqual([
      [gpu1, 1],
      [gpu1, 2],
      [gpu1, 3],
      [gpu2, 1],
    ]);
    expect(await inventory.assignments.list({ assignee: clusterId })).toHaveLength(4);

    const gpu1Json = renderTmf(await inventory.instances.get(gpu1));
    expect(gpu1Json.resourceRelationship).toEqual(
      [1, 2, 3].map((core) => ({
        id: clusterId,
        href: `/tmf-api/resourceInventoryManagement/v4/resource/${clusterId}`,
        relationshipType: 'assignedTo',
        resourceRelationshipCharacteristic: [{ name: 'core', valueType: 'integer', value: core }],
        '@referredType': 'Cluster',
      })),
    );
    expect(
      (gpu1Json.resourceCharacteristic as Array<{ name: string; value: { free?: number } }>).find(
        (c) => c.name === 'cores',
      )?.value.free,
    ).toBe(677);
  });

  it('refuses a specific core that is already assigned', async () => {
    await expect(
      inventory.assignments.assign({ owner: gpu1, pool: 'cores', assignee: clusterId, value: 2 }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('value: 2 of pool "cores" is already assigned'),
    });
  });

  it('says when there are none left to assign', async () => {
    const small = track.instance(await inventory.instances.build(GPU, { name: 'tiny GPU' }));
    await inventory.instances.define(GPU, small.id, { pools: { cores: { first: 1, last: 2 } } });
    await inventory.assignments.assign({ owner: small.id, pool: 'cores', assignee: clusterId });
    await inventory.assignments.assign({ owner: small.id, pool: 'cores', assignee: clusterId });
    await expect(
      inventory.assignments.assign({ owner: small.id, pool: 'cores', assignee: clusterId }),
    ).rejects.toMatchObject({
      code: 'poolExhausted',
      message: expect.stringContaining('exhausted (1..2 all assigned)'),
    });
  });
});
