import { describe, expect, it } from 'vitest';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import { ExpectationRepository } from '../../graph/expectation-repository.js';
import { Cluster } from '../../examples/compute/index.js';
import { uniqueId } from '../support/graph.js';
import { graphCounts, testInventory } from '../support/inventory.js';

describe('expectations stored beside the actuals', () => {
  const { inventory, track } = testInventory();
  const expectations = new ExpectationRepository(inventory.store, (body) => parseExpectation(body, inventory.registry));

  it('creates, reads, lists, updates (bumping the generation) and deletes — the actual stays', async () => {
    const id = track.expectationId(uniqueId('exp'));
    const created = await expectations.create(
      { kind: 'Cluster', name: 'cluster_9', characteristics: { cluster: { gpuCores: { $range: { min: 2 } } } } },
      id,
    );
    expect(created).toMatchObject({
      id,
      kind: 'Cluster',
      name: 'cluster_9',
      generation: 1,
      observedGeneration: 0,
      status: 'pending',
      outstanding: null,
    });
    expect(created.body).toEqual({
      kind: 'Cluster',
      name: 'cluster_9',
      characteristics: { cluster: { gpuCores: { $range: { min: 2 } } } },
    });
    expect(
      (await expectations.list({ kind: 'Cluster', status: 'pending' })).map((expectation) => expectation.id),
    ).toContain(id);

    const updated = await expectations.update(id, { kind: 'Cluster', name: 'cluster_9', state: 'installed' });
    expect(updated).toMatchObject({ generation: 2, status: 'pending', body: { state: 'installed' } });
    // the same body again (a client retrying) is no new generation
    const again = await expectations.update(id, { kind: 'Cluster', name: 'cluster_9', state: 'installed' });
    expect(again).toMatchObject({ generation: 2, updatedAt: updated.updatedAt });

    await inventory.instances.build(Cluster, { id, name: 'cluster_9' });
    const observed = await expectations.recordObservation(id, {
      status: 'progressing',
      outstanding: { state: 'installed' },
      observedGeneration: 2,
      actualId: id,
    });
    expect(observed).toMatchObject({
      status: 'progressing',
      outstanding: { state: 'installed' },
      observedGeneration: 2,
      actualId: id,
    });
    const blocked = await expectations.recordObservation(id, {
      status: 'blocked',
      outstanding: { state: 'installed' },
      observedGeneration: 2,
      reason: 'no way there',
      actualId: id,
    });
    expect(blocked).toMatchObject({ status: 'blocked', reason: 'no way there' });
    expect((await expectations.list({ status: 'blocked' })).map((expectation) => expectation.id)).toContain(id);
    // the same body again while blocked is a try again: a new generation, pending, not the old blocked answer
    const retried = await expectations.update(id, { kind: 'Cluster', name: 'cluster_9', state: 'installed' });
    expect(retried).toMatchObject({ generation: 3, status: 'pending', observedGeneration: 2 });
    const met = await expectations.recordObservation(id, {
      status: 'met',
      outstanding: null,
      observedGeneration: 3,
      actualId: id,
    });
    expect(met.reason).toBeUndefined();

    await expectations.delete(id);
    await expect(expectations.get(id)).rejects.toMatchObject({ code: 'notFound' });
    expect((await inventory.instances.get(id)).name).toBe('cluster_9');
  });

  it('upserts by id: a new id is created with its body checked once, in one statement; then it is an update', async () => {
    let checks = 0;
    const counting = new ExpectationRepository(inventory.store, (body) => {
      checks += 1;
      return parseExpectation(body, inventory.registry);
    });
    const id = track.expectationId(uniqueId('upsert'));
    const body = { kind: 'Cluster', name: id };
    const queriesBefore = inventory.store.queriesRun;
    // two submissions of the new id at once make one expectation
    const [first, second] = await Promise.all([counting.upsert(id, body), counting.upsert(id, body)]);
    expect(checks).toBe(2);
    expect(inventory.store.queriesRun - queriesBefore).toBe(2);
    for (const created of [first, second])
      expect(created).toMatchObject({
        id,
        kind: 'Cluster',
        name: id,
        body,
        generation: 1,
        observedGeneration: 0,
        status: 'pending',
      });
    expect((await expectations.list({ kind: 'Cluster' })).filter((expectation) => expectation.id === id)).toHaveLength(
      1,
    );
    expect(await counting.upsert(id, { ...body, state: 'installed' })).toMatchObject({
      generation: 2,
      status: 'pending',
    });
    await expect(counting.upsert('has spaces', body)).rejects.toMatchObject({ code: 'invalidInput', fields: ['id'] });
  });

  it('refuses invalid expectations with every problem and its path, storing nothing', async () => {
    const before = await graphCounts(inventory);
    const error = await expectations
      .create({
        kind: 'Cluster',
        characteristics: { cluster: { gpuCores: 'lots', colour: 'red' }, size: 3 },
        parties: [{ role: 'janitor', id: 'x' }],
        state: 'active',
        assignments: [{ alias: 'core1', pool: 'cores', from: { $between: [1, 2] } }],
      })
      .catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({ code: 'invalidInput' });
    const message = (error as Error).message;
    for (const expected of [
      'assignments.0.from.$between: unknown operator',
      'state: Invalid option',
      'characteristics.cluster.gpuCores: Invalid input: expected number',
      'characteristics.cluster.colour: not a field of this value',
      'characteristics.size: Cluster declares no such characteristic',
      'parties.0.role: Cluster declares no role "janitor"',
    ])
      expect(message).toContain(expected);
    await expect(expectations.create({ kind: 'Nope' })).rejects.toThrow(
      'kind: no instance kind named "Nope" is registered',
    );
    await expect(expectations.update(uniqueId('missing'), { kind: 'Cluster' })).rejects.toMatchObject({
      code: 'notFound',
    });
    expect(await graphCounts(inventory)).toEqual(before);
  });
});
