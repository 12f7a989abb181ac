import { beforeAll, describe, expect, it } from 'vitest';
import { Broadband, RSP } from '../../examples/nbn/index.js';
import { Cluster, GPU, Tenant } from '../../examples/compute/index.js';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { computeKinds } from '../../examples/compute/index.js';
import { nbnKinds } from '../../examples/nbn/index.js';
import { CVC, wholesaleKinds } from '../../examples/wholesale/index.js';
import { InventoryError } from '../../model/inventory-error.js';
import { graphCounts, testInventory } from '../support/inventory.js';
import { uniqueId } from '../support/graph.js';

/** A kind that may only take part in `uplink` relationships, to test permissions. */
const Switch = defineInstanceKind({
  name: 'Switch',
  specification: { id: '5d2e8f0a-7b3c-4e1d-9f6a-2c4b8e0d1a3f', name: 'switch', type: 'resourceSpecification' },
  relationships: { source: ['uplink'], target: ['uplink'] },
});

/** Every bad input gets an error naming the field, and the graph is unchanged afterwards. */
describe('bad input changes nothing', () => {
  const { inventory, track } = testInventory([...computeKinds, ...nbnKinds, ...wholesaleKinds, Switch]);
  let gpu: string;
  let cluster: string;
  let tenant: string;
  let rsp: string;

  beforeAll(async () => {
    gpu = track.instance(await inventory.instances.build(GPU, { name: 'bad-input GPU' })).id;
    await inventory.instances.define(GPU, gpu, { pools: { cores: { first: 1, last: 4 } } });
    cluster = track.instance(await inventory.instances.build(Cluster, { name: 'bad-input cluster' })).id;
    tenant = track.party(await inventory.parties.create(Tenant.name, { id: uniqueId('tenant') })).id;
    rsp = track.party(await inventory.parties.create(RSP.name, { id: uniqueId('rsp') })).id;
  });

  const refused = async (
    operation: () => Promise<unknown>,
    code: InventoryError['code'],
    field: string,
    text: string,
  ) => {
    const before = await graphCounts(inventory);
    const error = await operation().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InventoryError);
    expect(error).toMatchObject({ code });
    expect((error as InventoryError).fields).toContain(field);
    expect((error as Error).message).toContain(text);
    expect(await graphCounts(inventory)).toEqual(before);
  };

  it('wrong characteristic type at build and at define', async () => {
    await refused(
      () =>
        inventory.instances.build(Cluster, {
          name: 'x',
          characteristics: { cluster: { gpuCores: 'many' as unknown as number } },
        }),
      'invalidInput',
      'characteristics.cluster.gpuCores',
      'characteristics.cluster.gpuCores: Invalid input: expected number',
    );
    await refused(
      () => inventory.instances.define(GPU, gpu, { characteristics: { gpu: { family: 'acme' as 'nvidia' } } }),
      'invalidInput',
      'characteristics.gpu.family',
      'characteristics.gpu.family',
    );
  });

  it('undeclared role, too many parties, a party of the wrong kind', async () => {
    await refused(
      () => inventory.instances.build(Cluster, { parties: [{ role: 'janitor', id: tenant }] }),
      'invalidInput',
      'parties.0.role',
      'role "janitor" is not declared',
    );
    await refused(
      () =>
        inventory.instances.build(Cluster, {
          parties: [
            { role: 'operator', id: tenant },
            { role: 'operator', id: tenant },
          ],
        }),
      'invalidInput',
      'parties',
      'role "operator" holds at most one, got 2',
    );
    await refused(
      () => inventory.instances.build(Cluster, { id: uniqueId('c'), parties: [{ role: 'operator', id: rsp }] }),
      'invalidInput',
      'parties.0.id',
      'is a RSP, but role "operator" takes a Tenant',
    );
    await refused(
      () => inventory.instances.build(Broadband, { parties: [{ role: 'provider', id: 'nobody-here' }] }),
      'notFound',
      'parties.0.id',
      'no party with id nobody-here',
    );
    // a good party and a missing place, linked in the statement that creates the instance: nothing of it stays
    await refused(
      () =>
        inventory.instances.build(Cluster, {
          id: uniqueId('c'),
          parties: [{ role: 'operator', id: tenant }],
          places: [{ role: 'dataCentre', id: 'no-such-dc' }],
        }),
      'notFound',
      'places.0.id',
      'no place with id no-such-dc',
    );
    await refused(
      () => inventory.instances.addRoleRefs(cluster, 'places', [{ role: 'dataCentre', id: tenant }]),
      'notFound',
      'places.0.id',
      `no place with id ${tenant}`,
    );
    await refused(
      () =>
        inventory.instances.addRoleRefs(cluster, 'places', [
          { role: 'dataCentre', id: 'x' },
          { role: 'dataCentre', id: 'y' },
        ]),
      'invalidInput',
      'places',
      'role "dataCentre" holds at most one, got 2',
    );
  });

  it('forbidden relationship roles on either end', async () => {
    const a = track.instance(await inventory.instances.build(Switch, { name: 'switch a' })).id;
    const b = track.instance(await inventory.instances.build(Switch, { name: 'switch b' })).id;
    await refused(
      () => inventory.instances.relate(a, [{ type: 'connectsTo', target: b, alias: 'peer' }]),
      'notPermitted',
      'relationships.0.alias',
      'Switch may not be the source of a relationship with alias "peer"',
    );
    await refused(
      () => inventory.instances.relate(cluster, [{ type: 'uses', target: a, alias: 'storage' }]),
      'notPermitted',
      'relationships.0.alias',
      'Switch may not be the target of a relationship with alias "storage"',
    );
    await refused(
      () => inventory.instances.relate(gpu, [{ type: 'uses', target: cluster, alias: 'x' }]),
      'notPermitted',
      'relationships.0.alias',
      'GPU may not be the source',
    );
    await inventory.instances.relate(a, [{ type: 'connectsTo', target: b, alias: 'uplink' }]);
    await refused(
      () => inventory.instances.relate(a, [{ type: 'connectsTo', target: b, alias: 'uplink' }]),
      'conflict',
      'relationships',
      'already has a relationship with one of the aliases uplink',
    );
  });

  it('names with Cypher in them never reach a query', async () => {
    await refused(
      () => inventory.instances.build(Cluster, { id: "x'}) DETACH DELETE (n) //" }),
      'invalidInput',
      'id',
      'must not contain spaces',
    );
    await refused(
      () => inventory.instances.relate(cluster, [{ type: 'x]->(n) DETACH DELETE n //', target: gpu }]),
      'invalidInput',
      '0.type',
      'must start with a letter',
    );
    await refused(
      () => inventory.assignments.assign({ owner: gpu, pool: 'cores`) DELETE n', assignee: cluster }),
      'invalidInput',
      'pool',
      'must start with a letter',
    );
  });

  it('pool bounds and assignments out of range', async () => {
    await refused(
      () => inventory.instances.define(GPU, gpu, { pools: { cores: { first: 9, last: 1 } } }),
      'invalidInput',
      'pools.cores.first',
      'first must be ≤ last',
    );
    await refused(
      () => inventory.assignments.assign({ owner: gpu, pool: 'cores', assignee: cluster, value: 5 }),
      'invalidInput',
      'value',
      'outside',
    );
    await refused(
      () => inventory.assignments.assign({ owner: gpu, pool: 'threads', assignee: cluster }),
      'notFound',
      'pool',
      'has no pool "threads"',
    );
    await refused(
      () => inventory.assignments.assign({ owner: gpu, pool: 'cores', assignee: 'ghost' }),
      'notFound',
      'assignee',
      'no instance with id ghost',
    );
    await inventory.assignments.assign({ owner: gpu, pool: 'cores', assignee: cluster, value: 4 });
    await refused(
      () => inventory.instances.define(GPU, gpu, { pools: { cores: { first: 1, last: 3 } } }),
      'conflict',
      'pools.cores',
      '1 assigned value(s) lie outside 1..3',
    );
  });

  it("pool bounds outside the values the kind lets the pool hold (a VLAN is 1..4094): the write's last guard", async () => {
    const cvc = track.instance(await inventory.instances.build(CVC, { name: 'bad-input CVC' })).id;
    await refused(
      () => inventory.instances.define(CVC, cvc, { pools: { svlans: { first: 0, last: 4095 } } }),
      'invalidInput',
      'pools.svlans.first',
      'pools.svlans.last: 4095 is outside the values this pool may hold (1..4094)',
    );
  });

  it('transitions that are not allowed, and assigning from a pool whose owner is not assignable', async () => {
    await refused(
      () => inventory.instances.transition(gpu, 'planned'),
      'invalidState',
      'state',
      'cannot go from planned to planned',
    );
    await inventory.instances.transition(gpu, 'pendingRemoval');
    await refused(
      () => inventory.assignments.assign({ owner: gpu, pool: 'cores', assignee: cluster }),
      'invalidState',
      'owner',
      'is pendingRemoval, so its pools cannot assign',
    );
  });

  it('defining an instance as the wrong kind, deleting what others depend on', async () => {
    await refused(() => inventory.instances.define(Cluster, gpu, {}), 'invalidInput', 'id', 'is a GPU, not a Cluster');
    await refused(() => inventory.instances.delete(gpu), 'conflict', 'id', 'delete with cascade');
  });
});
