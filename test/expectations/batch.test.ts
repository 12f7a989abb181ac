import { describe, expect, it } from 'vitest';
import { computeKinds } from '../../examples/compute/index.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import { planWithOutstanding } from '../../expectations/planner.js';
import { predictedAfter } from '../../expectations/predicted-actual.js';
import type { Plan, Task } from '../../expectations/tasks.js';
import { createRegistry } from '../../model/registry.js';
import type { InstanceSnapshot } from '../../model/tmf-json.js';
import { instanceSnapshot } from '../support/snapshots.js';

const registry = createRegistry(computeKinds);
const clusterSpec = registry.instanceKind('Cluster').specification;

const planned = (body: unknown, actual: InstanceSnapshot | null): Plan =>
  planWithOutstanding({
    expectationId: 'e1',
    generation: 2,
    expectation: parseExpectation(body, registry),
    actual,
    registry,
  }).plan;
const batch = (body: unknown, actual: InstanceSnapshot | null): Task[] => {
  const plan = planned(body, actual);
  if (plan.outcome !== 'task') throw new Error(`not a task: ${JSON.stringify(plan)}`);
  expect(plan.tasks?.[0]).toEqual(plan.task);
  return plan.tasks ?? [];
};
const cores = (count: number, from: unknown = 'gpu1') =>
  Array.from({ length: count }, (_, index) => ({ alias: `core${index + 1}`, pool: 'cores', from }));

function cluster(overrides: Partial<InstanceSnapshot> = {}): InstanceSnapshot {
  return instanceSnapshot({
    id: 'e1',
    kind: 'Cluster',
    type: 'resource',
    name: 'c1',
    specification: clusterSpec,
    states: { lifecycleState: 'planned' },
    characteristics: [{ name: 'cluster', value: { gpuCores: 0, npuCores: 0 } }],
    ...overrides,
  });
}

describe('planner: the batch of tasks one activity carries out together', () => {
  it('a fresh cluster: its build, four assignments and its state, in the planner order, each keyed as on its own', () => {
    const tasks = batch({ kind: 'Cluster', name: 'c1', assignments: cores(4), state: 'installed' }, null);
    expect(tasks.map((task) => task.key)).toEqual([
      'e1/g2/build/e1',
      'e1/g2/assign/core1',
      'e1/g2/assign/core2',
      'e1/g2/assign/core3',
      'e1/g2/assign/core4',
      'e1/g2/transition/planned->installed',
    ]);
    expect(tasks[1]).toEqual({
      type: 'assign',
      key: 'e1/g2/assign/core1',
      owner: 'gpu1',
      pool: 'cores',
      assignee: 'e1',
      alias: 'core1',
      value: 'auto',
    });
  });

  it('an existing cluster: what is still outstanding, relationships before assignments before the state', () => {
    const actual = cluster({
      assignments: [
        {
          pool: 'cores',
          thing: 'core',
          value: 7,
          alias: 'core1',
          owner: { id: 'gpu1', type: 'resource', kind: 'GPU' },
        },
      ],
    });
    const body = {
      kind: 'Cluster',
      name: 'c1',
      relationships: [{ alias: 'peer', type: 'uses', target: 'other' }],
      assignments: cores(2),
      state: 'installed',
    };
    expect(batch(body, actual).map((task) => task.key)).toEqual([
      'e1/g2/relate/peer',
      'e1/g2/assign/core2',
      'e1/g2/transition/planned->installed',
    ]);
  });

  it('a slot held from the wrong owner is emptied, then assigned, in one batch', () => {
    const actual = cluster({
      assignments: [
        {
          pool: 'cores',
          thing: 'core',
          value: 3,
          alias: 'core1',
          owner: { id: 'gpu9', type: 'resource', kind: 'GPU' },
        },
      ],
    });
    expect(batch({ kind: 'Cluster', name: 'c1', assignments: cores(1) }, actual).map((task) => task.key)).toEqual([
      'e1/g2/unassign/core1',
      'e1/g2/assign/core1',
    ]);
  });

  it('ends at an assignment from an owner selector: its owner is picked only when it runs', () => {
    const selector = { kind: 'GPU', places: [{ role: 'dataCentre', id: 'NXTM2' }] };
    const tasks = batch({ kind: 'Cluster', name: 'c1', assignments: cores(2, selector) }, null);
    expect(tasks.map((task) => task.type)).toEqual(['build', 'assign']);
  });

  it('ends before what the planner would block on, and a delete is a batch of its own', () => {
    // no literal to set the characteristic to: the planner would block once it is built
    const blockedAfterBuild = {
      kind: 'Cluster',
      name: 'c1',
      characteristics: { cluster: { gpuCores: { $range: { min: 1 } } } },
    };
    expect(batch(blockedAfterBuild, null).map((task) => task.type)).toEqual(['build']);
    expect(batch({ kind: 'Cluster', exists: false }, cluster())).toEqual([
      { type: 'delete', key: 'e1/g2/delete/e1', id: 'e1' },
    ]);
  });

  it('is the same batch every time (the planner stays deterministic)', () => {
    const body = { kind: 'Cluster', name: 'c1', assignments: cores(3), state: 'installed' };
    expect(planned(body, null)).toEqual(planned(body, null));
  });

  it('predicts a build leaves the states a build writes (every one, as the graph reads them back)', () => {
    const [build] = batch({ kind: 'Cluster', name: 'c1' }, null);
    expect(predictedAfter(null, build!, registry)?.states).toEqual({
      lifecycleState: 'planned',
      administrativeState: 'unlocked',
      operationalState: 'enable',
      usageState: 'idle',
    });
  });
});
