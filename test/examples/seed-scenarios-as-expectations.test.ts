import { describe, expect, it } from 'vitest';
import { DataCentre, Engineer, GPU, Tenant } from '../../examples/compute/index.js';
import { Broadband, BroadbandV2, RSP } from '../../examples/nbn/index.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import { outstanding } from '../../expectations/outstanding.js';
import { actualDocument } from '../../expectations/actual-document.js';
import { expectedDocument } from '../../expectations/planner.js';
import { renderTmf } from '../../model/tmf-json.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';
import { reconcileUntilMet } from '../support/reconcile-loop.js';

/** The reference scenarios expressed as expectations, planned and carried out against real Neo4j until met. */
describe('seed scenarios as expectations', () => {
  const { inventory, track } = testInventory();

  it('Compute: a cluster in NXTM2 for Acme, with cores from two GPUs, installed', async () => {
    const tenant = track.party(
      await inventory.parties.create(Tenant.name, { id: uniqueId('abn'), name: 'Acme Compute Pty Ltd' }),
    );
    const engineer = track.party(await inventory.parties.create(Engineer.name, { name: 'Alice Zhang' }));
    const dc = track.party(
      await inventory.places.create(DataCentre.name, { id: uniqueId('NXTM2'), name: 'NextDC M2' }),
    );
    const gpus = [];
    for (const name of ['GPU 1', 'GPU 2']) {
      const gpu = track.instance(await inventory.instances.build(GPU, { name }));
      await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 680 } } });
      gpus.push(gpu.id);
    }
    const expectationId = track.expectationId(uniqueId('exp-cluster'));
    const expectation = parseExpectation(
      {
        kind: 'Cluster',
        name: 'cluster_1',
        characteristics: { cluster: { name: 'cluster_1', gpuCores: 4 } },
        parties: [
          { role: 'operator', id: tenant.id },
          { role: 'manager', id: engineer.id },
        ],
        places: [{ role: 'dataCentre', id: dc.id }],
        assignments: [
          { alias: 'core1', pool: 'cores', from: gpus[0] },
          { alias: 'core2', pool: 'cores', from: gpus[0] },
          { alias: 'core3', pool: 'cores', from: gpus[0] },
          { alias: 'core4', pool: 'cores', from: { $anyOf: [gpus[1]] } },
        ],
        state: 'installed',
      },
      inventory.registry,
    );

    const tasks = await reconcileUntilMet(inventory, expectationId, expectation);
    expect(tasks.map((task) => task.type)).toEqual(['build', 'assign', 'assign', 'assign', 'assign', 'transition']);
    expect(tasks[0]).toMatchObject({
      type: 'build',
      parties: [
        { role: 'operator', id: tenant.id },
        { role: 'manager', id: engineer.id },
      ],
    });

    const cluster = await inventory.instances.get(expectationId);
    expect(outstanding(expectedDocument(expectation), actualDocument(cluster))).toBeNull();
    expect(
      cluster.assignments.map((assignment) => [assignment.alias, assignment.owner.id, assignment.value]).sort(),
    ).toEqual([
      ['core1', gpus[0], 1],
      ['core2', gpus[0], 2],
      ['core3', gpus[0], 3],
      ['core4', gpus[1], 1],
    ]);
    expect(renderTmf(cluster)).toMatchObject({ name: 'cluster_1', lifecycleState: 'installed' });

    // drift: a core unassigned by hand is outstanding again, and one more task repairs it
    await inventory.assignments.unassign({ assignee: expectationId, alias: 'core2' });
    const repair = await reconcileUntilMet(inventory, expectationId, expectation);
    expect(repair.map((task) => [task.type, 'alias' in task ? task.alias : undefined])).toEqual([['assign', 'core2']]);

    // running a task twice does what running it once does
    const again = await reconcileUntilMet(inventory, expectationId, expectation);
    expect(again).toEqual([]);
  });

  it('Compute: cores "from any GPU in data centre NXTM2" come from GPUs there with free cores, never elsewhere', async () => {
    const nxtm2 = track.party(await inventory.places.create(DataCentre.name, { id: uniqueId('NXTM2') }));
    const syd1 = track.party(await inventory.places.create(DataCentre.name, { id: uniqueId('SYD1') }));
    const run = uniqueId('gpus');
    // ids sort in this order, and owners are chosen first by id: the small GPU is drained first
    const gpuAt = async (name: string, place: string, cores: number) => {
      const gpu = track.instance(
        await inventory.instances.build(GPU, {
          id: `${run}-${name.replaceAll(' ', '-')}`,
          name,
          places: [{ role: 'dataCentre', id: place }],
        }),
      );
      await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: cores } } });
      return gpu.id;
    };
    const elsewhere = await gpuAt('a sydney GPU', syd1.id, 100);
    const small = await gpuAt('b small NXTM2 GPU', nxtm2.id, 1);
    const big = await gpuAt('c big NXTM2 GPU', nxtm2.id, 100);
    const anyGpuInNxtm2 = { kind: 'GPU', places: [{ role: 'dataCentre', id: nxtm2.id }] };
    const expectationId = track.expectationId(uniqueId('exp-anywhere'));
    const expectation = parseExpectation(
      {
        kind: 'Cluster',
        name: 'anywhere in NXTM2',
        assignments: ['core1', 'core2', 'core3'].map((alias) => ({ alias, pool: 'cores', from: anyGpuInNxtm2 })),
      },
      inventory.registry,
    );
    const tasks = await reconcileUntilMet(inventory, expectationId, expectation);
    expect(tasks.map((task) => task.type)).toEqual(['build', 'assign', 'assign', 'assign']);
    const owners = (await inventory.instances.get(expectationId)).assignments.map((assignment) => assignment.owner.id);
    expect(owners).not.toContain(elsewhere);
    expect(owners.filter((owner) => owner === small)).toHaveLength(1);
    expect(owners.filter((owner) => owner === big)).toHaveLength(2);

    const nowhere = parseExpectation(
      {
        kind: 'Cluster',
        name: 'nowhere',
        assignments: [
          {
            alias: 'core1',
            pool: 'cores',
            from: { kind: 'GPU', places: [{ role: 'dataCentre', id: uniqueId('empty-dc') }] },
          },
        ],
      },
      inventory.registry,
    );
    await expect(reconcileUntilMet(inventory, track.expectationId(uniqueId('exp-nowhere')), nowhere)).rejects.toThrow(
      /no GPU at dataCentre .* has a free value in pool "cores"/,
    );
  });

  it('NBN: an expectation for V2 moves a V1 service across with respecify, then activates it', async () => {
    const rsp = track.party(await inventory.parties.create(RSP.name, { id: uniqueId('acme-rsp') }));
    const expectationId = track.expectationId(uniqueId('exp-bb'));
    const v1 = parseExpectation(
      {
        kind: 'Broadband',
        name: 'acme-broadband-001',
        characteristics: { broadband: { technology: 'fttp' } },
        parties: [{ role: 'provider', id: rsp.id }],
      },
      inventory.registry,
    );
    expect((await reconcileUntilMet(inventory, expectationId, v1)).map((task) => task.type)).toEqual(['build']);
    expect((await inventory.instances.get(expectationId)).specification.id).toBe(Broadband.specification.id);

    const v2 = parseExpectation(
      { ...v1, specification: { name: 'broadband', major: 2 }, state: 'active' },
      inventory.registry,
    );
    const tasks = await reconcileUntilMet(inventory, expectationId, v2, 2);
    expect(tasks.map((task) => (task.type === 'transition' ? `transition:${task.to}` : task.type))).toEqual([
      'respecify',
      'transition:active',
    ]);
    const migrated = await inventory.instances.get(expectationId);
    expect(migrated).toMatchObject({
      kind: 'BroadbandV2',
      specification: { id: BroadbandV2.specification.id },
      states: { state: 'active', operatingStatus: 'running' },
    });
    expect(tasks[0]!.key).toBe(`${expectationId}/g2/respecify/${BroadbandV2.specification.id}`);
  });
});

describe('change sets', () => {
  const { inventory, track } = testInventory();

  it('records what each task changed as TMF events with the changed paths, once per task', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'evented GPU' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 8 } } });
    const expectationId = track.expectationId(uniqueId('exp-events'));
    const expectation = parseExpectation(
      {
        kind: 'Cluster',
        name: 'evented',
        characteristics: { cluster: { gpuCores: 1 } },
        assignments: [{ alias: 'core1', pool: 'cores', from: gpu.id }],
        state: 'installed',
      },
      inventory.registry,
    );
    const tasks = await reconcileUntilMet(inventory, expectationId, expectation);
    expect(tasks.map((task) => task.type)).toEqual(['build', 'assign', 'transition']);

    const events = await inventory.events.list(expectationId);
    expect(events.map((event) => event.eventType)).toEqual([
      'ResourceCreateEvent',
      'ResourceAttributeValueChangeEvent',
      'ResourceStateChangeEvent',
    ]);
    expect(events[0]!.changedPaths).toEqual(
      expect.arrayContaining(['id', 'name', 'lifecycleState', 'resourceCharacteristic']),
    );
    expect(events[1]).toMatchObject({ key: `${expectationId}/g1/assign/core1`, changedPaths: ['assignments'] });
    expect(events[1]!.changes).toEqual([
      { kind: 'new', path: 'assignments', after: [{ alias: 'core1', pool: 'cores', core: 1, from: gpu.id }] },
    ]);
    expect(events[2]).toMatchObject({
      key: `${expectationId}/g1/transition/planned->installed`,
      changedPaths: ['lifecycleState'],
    });
    expect(events[2]!.changes).toEqual([
      { kind: 'edited', path: 'lifecycleState', before: 'planned', after: 'installed' },
    ]);

    // the same task again: nothing changes, no second event
    const { runTask } = await import('../../activities/run-task.js');
    await runTask(inventory, tasks[2]!);
    expect(await inventory.events.list(expectationId)).toHaveLength(3);
  });
});
