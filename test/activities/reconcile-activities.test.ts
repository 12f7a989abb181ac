import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  createReconcileActivities,
  type ObservationOrDeleted,
  type TaskOutcome,
} from '../../activities/reconcile-activities.js';
import { Cluster, DataCentre, GPU, Tenant } from '../../examples/compute/index.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import type { Task } from '../../expectations/tasks.js';
import { ExpectationRepository } from '../../graph/expectation-repository.js';
import type { RoleRef } from '../../model/instance-input.js';
import { graphConnection, uniqueId } from '../support/graph.js';
import { graphCounts, testInventory } from '../support/inventory.js';

/** The task that builds Cluster `id`, keyed as a first build, holding nothing but `name` unless `more` gives it. */
const buildCluster = (id: string, name: string, more: Partial<Extract<Task, { type: 'build' }>> = {}): Task => ({
  type: 'build',
  key: `${id}/g1/build/${id}`,
  kind: 'Cluster',
  id,
  name,
  characteristics: {},
  features: {},
  parties: [],
  places: [],
  ...more,
});

/** The task that assigns `assignee` any free core of GPU `owner`, in slot `alias`. */
const assignCore = (key: string, owner: string, assignee: string, alias = 'core1'): Task => ({
  type: 'assign',
  key,
  owner,
  pool: 'cores',
  assignee,
  alias,
  value: 'auto',
});

/** Every activity in a mock activity context against the real Neo4j: result, graph afterwards, idempotency. */
describe('reconcile activities', () => {
  const { inventory, track, driver } = testInventory();
  const { database } = graphConnection();
  const expectations = new ExpectationRepository(inventory.store, (body) => parseExpectation(body, inventory.registry));
  const activities = createReconcileActivities({ inventory, expectations });
  const env = new MockActivityEnvironment();
  /** An expectation id nothing is stored under: a task for it ends with the observation "deleted". */
  const unexpected = uniqueId('exp-none');
  /** Runs a task's activity for an expectation (the mock environment cannot infer what it returns). */
  const act = (task: Task, expectationId: string) =>
    env.run<[Task, string], TaskOutcome, (task: Task, id: string) => Promise<TaskOutcome>>(
      activities[task.type],
      task,
      expectationId,
    );
  /** Runs a task twice: the second run leaves the graph as the first did; returns both outcomes. */
  const twice = async (task: Task) => {
    const first = await act(task, unexpected);
    const counts = await graphCounts(inventory);
    const second = await act(task, unexpected);
    expect(await graphCounts(inventory)).toEqual(counts);
    for (const { observation } of [first, second])
      expect(observation).toEqual({ deleted: true, expectationId: unexpected });
    return [first.outcome, second.outcome];
  };

  it('observe: reads expectation and actual, plans the next task, records what changed', async () => {
    const id = track.expectationId(uniqueId('exp-observe'));
    await expectations.create({ kind: 'Cluster', name: 'observed', state: 'installed' }, id);
    const queriesBefore = inventory.store.queriesRun;
    const first = await env.run(activities.observe, id);
    expect(first).toMatchObject({
      deleted: false,
      generation: 1,
      kind: 'Cluster',
      status: 'progressing',
      plan: { outcome: 'task', task: { type: 'build', id } },
      outstandingCount: 2,
    });
    // one statement reads the expectation with its actual (absent here, under the expectation's id)
    expect(inventory.store.queriesRun - queriesBefore).toBe(1);
    // the first step of a pending expectation is recorded by the task it plans, not here
    expect(await expectations.get(id)).toMatchObject({ status: 'pending', observedGeneration: 0 });
    // a met expectation that drifted is recorded as progressing at once
    await expectations.record(id, { status: 'met', outstanding: null, observedGeneration: 1 });
    await env.run(activities.observe, id);
    expect(await expectations.get(id)).toMatchObject({
      status: 'progressing',
      observedGeneration: 1,
      outstanding: { name: 'observed', state: 'installed' },
    });
    await expectations.delete(id);
    expect(await env.run(activities.observe, id)).toEqual({ deleted: true, expectationId: id });
  });

  it('observe: an expectation that names its actual by another id reads that instance', async () => {
    const existing = track.instance(await inventory.instances.build(Cluster, { name: 'adopted' }));
    const id = track.expectationId(uniqueId('exp-adopt'));
    await expectations.create({ kind: 'Cluster', actualId: existing.id, name: 'adopted' }, id);
    const queriesBefore = inventory.store.queriesRun;
    expect(await env.run(activities.observe, id)).toMatchObject({
      deleted: false,
      status: 'met',
      outstanding: null,
      actualId: existing.id,
      plan: { outcome: 'met' },
    });
    // the instance under the expectation's own id is read with it; the named one takes a second read, then the record
    expect(inventory.store.queriesRun - queriesBefore).toBe(3);
  });

  it('a task given the expectation id ends with the observation that follows it', async () => {
    const id = track.expectationId(uniqueId('exp-act-observe'));
    await expectations.create({ kind: 'Cluster', name: 'acted', state: 'installed' }, id);
    const dc = track.party(await inventory.places.create(DataCentre.name, { id: uniqueId('dc') }));
    const build = buildCluster(id, 'acted', { places: [{ role: 'dataCentre', id: dc.id }] });
    const queriesBefore = inventory.store.queriesRun;
    expect(await env.run(activities.build, build, id)).toMatchObject({
      outcome: `built Cluster ${id}`,
      observation: {
        deleted: false,
        status: 'progressing',
        outstanding: { state: 'installed' },
        plan: { outcome: 'task', task: { type: 'transition', to: 'installed' } },
      },
    });
    // one transaction of 3 statements: the expectation with the subject (absent yet); the build, its
    // specification and place, returning the instance built; the observation recorded with the change event
    expect(inventory.store.queriesRun - queriesBefore).toBe(3);
    expect((await inventory.events.list(id)).map((event) => event.key)).toEqual([build.key]);
    expect(await expectations.get(id)).toMatchObject({
      status: 'progressing',
      outstanding: { state: 'installed' },
      actualId: id,
    });
  });

  it('an assign task with its observation is 3 statements: the assignee read by the statement that assigns, the event recorded with the observation', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'assign-observe GPU' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 8 } } });
    const id = track.expectationId(uniqueId('exp-assign-observe'));
    await expectations.create(
      { kind: 'Cluster', name: 'assigned', assignments: [{ alias: 'core1', pool: 'cores', from: gpu.id }] },
      id,
    );
    let observation: ObservationOrDeleted = await env.run(activities.observe, id);
    if (observation.deleted || observation.plan.outcome !== 'task') throw new Error('expected a task');
    observation = (await act(observation.plan.task, id)).observation;
    if (observation.deleted || observation.plan.outcome !== 'task') throw new Error('expected a task');
    expect(observation.plan.task).toMatchObject({ type: 'assign', alias: 'core1' });
    const queriesBefore = inventory.store.queriesRun;
    expect(await env.run(activities.assign, observation.plan.task, id)).toMatchObject({
      outcome: `assigned core 1 of ${gpu.id} to slot core1`,
      observation: { status: 'met', outstanding: null, plan: { outcome: 'met' } },
    });
    // the expectation with the assignee; the assignment returning the assignee; the observation recorded with the change event
    expect(inventory.store.queriesRun - queriesBefore).toBe(3);
    expect((await inventory.events.list(id)).map((event) => event.changedPaths)).toContainEqual(['assignments']);
    expect(await expectations.get(id)).toMatchObject({ status: 'met', outstanding: null });
  });

  it('a task for an expectation deleted meanwhile still records its change event', async () => {
    const id = track.expectationId(uniqueId('exp-gone'));
    const build = buildCluster(id, 'orphan');
    expect(await env.run(activities.build, build, id)).toEqual({
      outcome: `built Cluster ${id}`,
      observation: { deleted: true, expectationId: id },
    });
    expect((await inventory.events.list(id)).map((event) => event.key)).toEqual([build.key]);
  });

  it('an expectation deleted between the read and the record: the observation says deleted, a task keeps its work and event', async () => {
    /** Deletes the expectation, in the graph, just before each record. */
    class DeletedBeforeRecord extends ExpectationRepository {
      override async recordIn(...[tx, id, ...rest]: Parameters<ExpectationRepository['recordIn']>): Promise<void> {
        await tx.run('MATCH (e:Expectation {id: $id}) DETACH DELETE e', { id });
        return super.recordIn(tx, id, ...rest);
      }
    }
    const racing = createReconcileActivities({
      inventory,
      expectations: new DeletedBeforeRecord(inventory.store, (body) => parseExpectation(body, inventory.registry)),
    });
    const observed = track.expectationId(uniqueId('exp-race-observe'));
    await expectations.create({ kind: 'Cluster', name: 'raced' }, observed);
    await expectations.record(observed, { status: 'met', outstanding: null, observedGeneration: 1 });
    expect(await env.run(racing.observe, observed)).toEqual({ deleted: true, expectationId: observed });

    const acted = track.expectationId(uniqueId('exp-race-task'));
    await expectations.create({ kind: 'Cluster', name: 'raced task' }, acted);
    const build = buildCluster(acted, 'raced task');
    expect(await env.run(racing.build, build, acted)).toEqual({
      outcome: `built Cluster ${acted}`,
      observation: { deleted: true, expectationId: acted },
    });
    expect(await inventory.instances.get(acted)).toMatchObject({ id: acted, kind: 'Cluster' });
    expect((await inventory.events.list(acted)).map((event) => event.key)).toEqual([build.key]);
    await expect(expectations.get(acted)).rejects.toThrow(/no expectation/);
  });

  it('build, define, addRoles, relate, assign, transition: each twice leaves the graph as once', async () => {
    const id = track.instanceId(uniqueId('act'));
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'activity gpu' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 4 } } });
    const other = track.instance(await inventory.instances.build(Cluster, { name: 'other' }));
    const tenant = track.party(await inventory.parties.create(Tenant.name, { id: uniqueId('abn') }));
    const dc = track.party(await inventory.places.create(DataCentre.name, { id: uniqueId('dc') }));
    const key = (type: string) => `${id}/g1/${type}/x`;
    /** The task, keyed `name`, that adds (or removes) `ref` in the cluster's `section`. */
    const roles = (type: 'addRoles' | 'removeRoles', name: string, section: 'parties' | 'places', ref: RoleRef) =>
      ({ type, key: key(name), id, section, refs: [ref] }) satisfies Task;

    expect(await twice(buildCluster(id, 'activity cluster', { key: key('build') }))).toEqual([
      `built Cluster ${id}`,
      `Cluster ${id} was already built`,
    ]);
    await twice({
      type: 'define',
      key: key('define'),
      kind: 'Cluster',
      id,
      characteristics: { cluster: { gpuCores: 1 } },
    });
    await twice(roles('addRoles', 'addRoles', 'parties', { role: 'operator', id: tenant.id }));
    await twice(roles('addRoles', 'addPlace', 'places', { role: 'dataCentre', id: dc.id }));
    await twice({
      type: 'relate',
      key: key('relate'),
      id,
      relationships: [{ alias: 'peer', type: 'uses', target: other.id }],
    });
    const [assigned, again] = await twice(assignCore(key('assign'), gpu.id, id));
    expect(assigned).toBe(`assigned core 1 of ${gpu.id} to slot core1`);
    expect(again).toBe(`slot core1 already holds core 1 of ${gpu.id}`);
    await twice({ type: 'transition', key: key('transition'), id, to: 'installed' });

    const cluster = await inventory.instances.get(id);
    expect(cluster).toMatchObject({
      states: { lifecycleState: 'installed' },
      parties: [{ role: 'operator', id: tenant.id }],
      places: [{ role: 'dataCentre', id: dc.id }],
    });
    expect(cluster.relationships).toHaveLength(1);
    expect(cluster.assignments).toHaveLength(1);

    await twice({ type: 'unassign', key: key('unassign'), assignee: id, alias: 'core1' });
    await twice({ type: 'unrelate', key: key('unrelate'), id, alias: 'peer' });
    await twice(roles('removeRoles', 'removeRoles', 'parties', { role: 'operator', id: tenant.id }));
    expect(await inventory.instances.get(id)).toMatchObject({ assignments: [], relationships: [], parties: [] });
  });

  it('a task and its change event commit together: when anything in the task fails, nothing of it stays', async () => {
    const id = track.instanceId(uniqueId('atomic'));
    const before = await graphCounts(inventory);
    const failed = inventory.store.transaction(async () => {
      await inventory.instances.build(Cluster, { id, name: 'rolled back' });
      await inventory.events.record(id, {
        key: `${id}/g1/build/x`,
        eventType: 'ResourceCreateEvent',
        changedPaths: [],
        changes: [],
      });
      throw new Error('the event store is gone');
    });
    await expect(failed).rejects.toThrow('the event store is gone');
    expect(await graphCounts(inventory)).toEqual(before);
    await expect(inventory.instances.get(id)).rejects.toThrow(`no instance with id ${id}`);
  });

  it('concurrent assign tasks on a random pool: races are retried whole, every slot gets a distinct value and one event', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'racy gpu' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 24, algorithm: 'random' } } });
    const clusters = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        inventory.instances.build(Cluster, { name: `racer ${index}` }).then(track.instance),
      ),
    );
    const results = await Promise.all(
      clusters.flatMap((cluster) =>
        ['core1', 'core2'].map((alias) =>
          act(assignCore(`${cluster.id}/g1/assign/${alias}`, gpu.id, cluster.id, alias), unexpected),
        ),
      ),
    );
    expect(results.every((result) => result.outcome.startsWith('assigned core'))).toBe(true);
    const values = (await inventory.assignments.list({ owner: gpu.id })).map((assignment) => assignment.value);
    expect(new Set(values).size).toBe(24);
    for (const cluster of clusters) expect((await inventory.events.list(cluster.id)).length).toBe(2);
  });

  it('respecify twice is once', async () => {
    const { Broadband, BroadbandV2 } = await import('../../examples/nbn/index.js');
    const service = track.instance(await inventory.instances.build(Broadband, { name: 'respecified' }));
    await twice({
      type: 'respecify',
      key: `${service.id}/g1/respecify`,
      id: service.id,
      specificationId: BroadbandV2.specification.id,
      toKind: 'BroadbandV2',
    });
    expect((await inventory.instances.get(service.id)).kind).toBe('BroadbandV2');
  });

  it('delete: the instance goes with its own parts, gives back what it holds, writes its DeleteEvent and keeps its events; twice is once', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'delete gpu' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 8 } } });
    const other = track.instance(await inventory.instances.build(Cluster, { name: 'delete other' }));
    const id = track.instanceId(uniqueId('doomed'));
    const key = (type: string) => `${id}/g1/${type}/x`;
    const doomed = { key: key('build'), characteristics: { cluster: { gpuCores: 1 } } };
    await act(buildCluster(id, 'doomed', doomed), unexpected);
    await act(assignCore(key('assign'), gpu.id, id), unexpected);
    await act(
      { type: 'relate', key: key('relate'), id, relationships: [{ alias: 'peer', type: 'uses', target: other.id }] },
      unexpected,
    );
    expect(await inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee: other.id })).toMatchObject({
      value: 2,
    });

    expect(await twice({ type: 'delete', key: key('delete'), id })).toEqual([
      `deleted Cluster ${id}`,
      `${id} was already deleted`,
    ]);
    await expect(inventory.instances.get(id)).rejects.toMatchObject({ code: 'notFound' });
    const parts = await driver.executeQuery(
      'MATCH (part) WHERE part.key STARTS WITH $prefix AND NOT part:Event RETURN count(part) AS n',
      { prefix: `${id}/` },
      { database },
    );
    expect(parts.records[0]!.get('n')).toBe(0);
    // the core it held went back to the GPU's pool, and the pool's hints say so: it is the next one given out
    expect((await inventory.assignments.list({ owner: gpu.id })).map((assignment) => assignment.assignee)).toEqual([
      other.id,
    ]);
    expect(await inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee: other.id })).toMatchObject({
      value: 1,
    });
    // what it related to stays
    expect(await inventory.instances.get(other.id)).toMatchObject({ id: other.id });
    const events = await inventory.events.list(id);
    expect(events.map((event) => [event.key, event.eventType])).toEqual([
      [key('build'), 'ResourceCreateEvent'],
      [key('assign'), 'ResourceAttributeValueChangeEvent'],
      [key('relate'), 'ResourceAttributeValueChangeEvent'],
      [key('delete'), 'ResourceDeleteEvent'],
    ]);
    expect(events.at(-1)?.changedPaths).toEqual(expect.arrayContaining(['id', 'resourceRelationship', 'assignments']));
    const kept = await driver.executeQuery(
      'MATCH (e:Event {key: $key}) RETURN e.instanceId AS id, e.instanceType AS type',
      { key: key('delete') },
      { database },
    );
    expect(kept.records.map((record) => record.toObject())).toEqual([{ id, type: 'resource' }]);
  });

  it('delete: refused while another instance relates to it or holds a value of its pool — a non-retryable failure naming them, nothing changed', async () => {
    const target = track.instance(await inventory.instances.build(Cluster, { name: 'related to' }));
    const source = track.instance(await inventory.instances.build(Cluster, { name: 'relating' }));
    await inventory.instances.relate(source.id, [{ alias: 'peer', type: 'uses', target: target.id }]);
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'held gpu' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 8 } } });
    await inventory.assignments.assign({ owner: gpu.id, pool: 'cores', assignee: source.id, alias: 'core7', value: 7 });

    const refused = async (id: string, reason: string) => {
      const before = await graphCounts(inventory);
      const task: Task = { type: 'delete', key: `${id}/g1/delete/${id}`, id };
      const failure = await act(task, unexpected).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'conflict', nonRetryable: true, message: reason });
      expect(await graphCounts(inventory)).toEqual(before);
      expect(await inventory.instances.get(id)).toMatchObject({ id });
    };
    await refused(
      target.id,
      `cannot delete ${target.id}: ${source.id} relates to it (relationship "uses", alias "peer")`,
    );
    await refused(gpu.id, `cannot delete ${gpu.id}: ${source.id} holds core 7 of its pool cores`);
  });

  it('domain errors are non-retryable failures whose type names the problem', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'empty gpu' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 1 } } });
    const a = track.instance(await inventory.instances.build(Cluster, { name: 'a' }));
    const b = track.instance(await inventory.instances.build(Cluster, { name: 'b' }));
    await env.run(activities.assign, assignCore('k1', gpu.id, a.id), unexpected);
    const failure = await env
      .run(activities.assign, assignCore('k2', gpu.id, b.id), unexpected)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'poolExhausted', nonRetryable: true });
    const transition: Task = { type: 'transition', key: 'k3', id: a.id, to: 'installed' };
    const wrong = await env.run(activities.build, transition, unexpected).catch((error: unknown) => error);
    expect(wrong).toMatchObject({ type: 'invalidInput', nonRetryable: true });
  });
});
