import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import {
  createReconcileActivities,
  type ObservationOrDeleted,
  type TasksOutcome,
} from '../../activities/reconcile-activities.js';
import { GPU } from '../../examples/compute/index.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import type { Task } from '../../expectations/tasks.js';
import { ExpectationRepository } from '../../graph/expectation-repository.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

/** The batch activity on the real Neo4j, without Temporal: what two attempts of one batch at once leave. */
describe('runTasks: a batch of tasks in one transaction', () => {
  const { inventory, track } = testInventory();
  const expectations = new ExpectationRepository(inventory.store, (body) => parseExpectation(body, inventory.registry));
  const activities = createReconcileActivities({ inventory, expectations });
  const env = new MockActivityEnvironment();
  const runTasks = (tasks: Task[], expectationId: string) =>
    env.run<[Task[], string], TasksOutcome, (tasks: Task[], id: string) => Promise<TasksOutcome>>(
      activities.runTasks,
      tasks,
      expectationId,
    );

  it('two attempts of one batch at once (Temporal ran it again while the first was slow): the work is done once, neither fails', async () => {
    const gpu = track.instance(await inventory.instances.build(GPU, { name: 'twice-at-once gpu' }));
    await inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 8 } } });
    const id = track.expectationId(uniqueId('exp-twice-at-once'));
    const cores = [1, 2, 3, 4].map((core) => ({ alias: `core${core}`, pool: 'cores', from: gpu.id }));
    await expectations.create({ kind: 'Cluster', name: 'at once', assignments: cores, state: 'installed' }, id);
    const observed = (await activities.observe(id)) as Extract<ObservationOrDeleted, { deleted: false }>;
    if (observed.plan.outcome !== 'task') throw new Error(`not a task: ${JSON.stringify(observed.plan)}`);
    const tasks = observed.plan.tasks ?? [];
    expect(tasks.map((task) => task.type)).toEqual(['build', 'assign', 'assign', 'assign', 'assign', 'transition']);

    const attempts = await Promise.all([runTasks(tasks, id), runTasks(tasks, id)]);
    // whichever committed first did every task; the other found them done (or ran after it)
    expect(attempts.map((attempt) => attempt.done.length).sort()).toEqual([0, 6]);
    for (const { observation } of attempts) expect(observation).toMatchObject({ deleted: false, status: 'met' });
    expect((await inventory.events.list(id)).map((event) => event.key)).toEqual(tasks.map((task) => task.key));
    expect((await inventory.instances.get(gpu.id)).givenAssignments).toHaveLength(4);
    expect((await inventory.instances.get(id)).assignments.map((held) => held.value).sort()).toEqual([1, 2, 3, 4]);
  });

  it('two attempts of one respecify at once: the instance ends with one specification, one event', async () => {
    const id = track.expectationId(uniqueId('exp-respecify-twice'));
    const settle = async () => {
      for (let step = 0; step < 10; step += 1) {
        const observed = (await activities.observe(id)) as Extract<ObservationOrDeleted, { deleted: false }>;
        if (observed.plan.outcome !== 'task') return observed;
        await runTasks(observed.plan.tasks ?? [], id);
      }
      throw new Error(`${id} did not settle in 10 batches`);
    };
    await expectations.create({ kind: 'Broadband', name: 'respecified twice' }, id);
    expect(await settle()).toMatchObject({ status: 'met' });
    await expectations.update(id, { kind: 'Broadband', name: 'respecified twice', specification: { major: 2 } });
    const observed = (await activities.observe(id)) as Extract<ObservationOrDeleted, { deleted: false }>;
    if (observed.plan.outcome !== 'task') throw new Error(`not a task: ${JSON.stringify(observed.plan)}`);
    const tasks = observed.plan.tasks ?? [];
    expect(tasks[0]?.type).toBe('respecify');

    const attempts = await Promise.all([runTasks(tasks, id), runTasks(tasks, id)]);
    expect(attempts.map((attempt) => attempt.done.length).sort()).toEqual([0, tasks.length]);
    const { records } = await inventory.store.read((tx) =>
      tx.run('MATCH (:Instance {id: $id})-[:SPECIFIED_BY]->(s:Specification) RETURN s.name + s.major AS spec', { id }),
    );
    expect(records.map((record) => record.get('spec') as string)).toEqual(['broadband2']);
    const respecified = (await inventory.events.list(id)).filter((event) => event.key === tasks[0]!.key);
    expect(respecified).toHaveLength(1);
  });
});
