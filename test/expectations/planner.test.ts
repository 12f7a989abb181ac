import { describe, expect, it } from 'vitest';
import { computeKinds } from '../../examples/compute/index.js';
import { nbnKinds } from '../../examples/nbn/index.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import { expectedDocument, plan, planWithOutstanding } from '../../expectations/planner.js';
import { nextStateToward } from '../../expectations/state-path.js';
import { createRegistry } from '../../model/registry.js';
import type { InstanceSnapshot } from '../../model/tmf-json.js';
import { instanceSnapshot } from '../support/snapshots.js';

const registry = createRegistry([...computeKinds, ...nbnKinds]);
const clusterSpec = registry.instanceKind('Cluster').specification;

function cluster(overrides: Partial<InstanceSnapshot> = {}): InstanceSnapshot {
  return instanceSnapshot({
    id: 'e1',
    kind: 'Cluster',
    type: 'resource',
    name: 'c1',
    specification: clusterSpec,
    states: { lifecycleState: 'planned' },
    characteristics: [{ name: 'cluster', value: { name: 'c1', gpuCores: 0, npuCores: 0 } }],
    ...overrides,
  });
}

const planFor = (body: unknown, actual: InstanceSnapshot | null, generation = 3) =>
  plan({ expectationId: 'e1', generation, expectation: parseExpectation(body, registry), actual, registry });

describe('planner', () => {
  it('builds a fresh expectation in one task with everything that can go in at build time', () => {
    const result = planFor(
      {
        kind: 'Cluster',
        name: 'c1',
        characteristics: { cluster: { gpuCores: 4, npuCores: { $range: { min: 1 } } } },
        parties: [{ role: 'operator', id: 'acme' }, { role: 'manager' }],
        places: [{ role: 'dataCentre', id: 'NXTM2' }],
      },
      null,
    );
    expect(result).toEqual({
      outcome: 'task',
      task: {
        type: 'build',
        key: 'e1/g3/build/e1',
        kind: 'Cluster',
        id: 'e1',
        name: 'c1',
        features: {},
        characteristics: {}, // the cluster value holds an operator: nothing literal to build with; define decides later
        parties: [{ role: 'operator', id: 'acme' }],
        places: [{ role: 'dataCentre', id: 'NXTM2' }],
      },
    });
  });

  it('says met when nothing is outstanding, and is deterministic', () => {
    const body = { kind: 'Cluster', name: 'c1', characteristics: { cluster: { gpuCores: 0 } } };
    expect(planFor(body, cluster())).toEqual({ outcome: 'met' });
    const changing = { kind: 'Cluster', characteristics: { cluster: { gpuCores: 2 } }, state: 'installed' };
    expect(planFor(changing, cluster())).toEqual(planFor(changing, cluster()));
  });

  it('defines characteristics by laying the expected literal over the actual value', () => {
    expect(
      planFor({ kind: 'Cluster', characteristics: { cluster: { gpuCores: { $anyOf: [4, 8] } } } }, cluster()),
    ).toMatchObject({
      outcome: 'task',
      task: { type: 'define', characteristics: { cluster: { name: 'c1', gpuCores: 4, npuCores: 0 } } },
    });
  });

  it('is blocked when an operator leaves no literal to set', () => {
    expect(
      planFor({ kind: 'Cluster', characteristics: { cluster: { gpuCores: { $range: { min: 4 } } } } }, cluster()),
    ).toEqual({
      outcome: 'blocked',
      reason:
        'characteristics.cluster: expected {"gpuCores":{"$range":{"min":4}}} is not met by {"name":"c1","gpuCores":0,"npuCores":0}, and there is no literal value to set',
    });
    expect(planFor({ kind: 'Cluster', name: 'other' }, cluster())).toMatchObject({
      outcome: 'blocked',
      reason: expect.stringContaining('names are set at build'),
    });
  });

  it('replaces a singular party held by someone else: remove first, then add', () => {
    const held = cluster({ parties: [{ role: 'operator', id: 'beta', kind: 'Tenant', type: 'Organization' }] });
    expect(planFor({ kind: 'Cluster', parties: [{ role: 'operator', id: 'acme' }] }, held)).toMatchObject({
      task: { type: 'removeRoles', section: 'parties', refs: [{ role: 'operator', id: 'beta' }] },
    });
    expect(planFor({ kind: 'Cluster', parties: [{ role: 'operator', id: 'acme' }] }, cluster())).toMatchObject({
      task: { type: 'addRoles', key: 'e1/g3/addRoles/parties/operator/acme', refs: [{ role: 'operator', id: 'acme' }] },
    });
    expect(planFor({ kind: 'Cluster', parties: [{ role: 'operator' }] }, cluster())).toMatchObject({
      outcome: 'blocked',
      reason: expect.stringContaining('give its id'),
    });
  });

  it('relates by alias, unrelating an alias bound to the wrong target first', () => {
    const body = { kind: 'Cluster', relationships: [{ alias: 'uplink', type: 'connectsTo', target: 'sw1' }] };
    expect(planFor(body, cluster())).toMatchObject({
      task: { type: 'relate', relationships: [{ alias: 'uplink', type: 'connectsTo', target: 'sw1' }] },
    });
    const wrong = cluster({
      relationships: [
        {
          type: 'connectsTo',
          alias: 'uplink',
          target: { id: 'sw2', type: 'resource', kind: 'Cluster' },
          characteristics: [],
        },
      ],
    });
    expect(planFor(body, wrong)).toMatchObject({ task: { type: 'unrelate', alias: 'uplink' } });
  });

  it('assigns slots (auto, specific, from the first candidate), emptying a slot that holds the wrong value', () => {
    expect(
      planFor(
        { kind: 'Cluster', assignments: [{ alias: 'core1', pool: 'cores', from: { $anyOf: ['g1', 'g2'] } }] },
        cluster(),
      ),
    ).toMatchObject({
      task: {
        type: 'assign',
        key: 'e1/g3/assign/core1',
        owner: 'g1',
        pool: 'cores',
        assignee: 'e1',
        alias: 'core1',
        value: 'auto',
      },
    });
    const holding = cluster({
      assignments: [
        { pool: 'cores', thing: 'core', value: 9, alias: 'core1', owner: { id: 'g1', type: 'resource', kind: 'GPU' } },
      ],
    });
    const specific = { kind: 'Cluster', assignments: [{ alias: 'core1', pool: 'cores', from: 'g1', value: 7 }] };
    expect(planFor(specific, holding)).toMatchObject({ task: { type: 'unassign', assignee: 'e1', alias: 'core1' } });
    expect(planFor(specific, cluster())).toMatchObject({ task: { type: 'assign', value: 7 } });
    expect(planFor({ kind: 'Cluster', assignments: [{ alias: 'core1', pool: 'cores', from: 'g1' }] }, holding)).toEqual(
      { outcome: 'met' },
    );
    const anyGpu = { kind: 'GPU', places: [{ role: 'dataCentre', id: 'NXTM2' }] };
    expect(
      planFor({ kind: 'Cluster', assignments: [{ alias: 'core1', pool: 'cores', from: anyGpu }] }, cluster()),
    ).toMatchObject({
      task: { type: 'assign', owner: anyGpu, alias: 'core1', value: 'auto' },
    });
    const heldInNxtm2 = cluster({
      assignments: [
        {
          pool: 'cores',
          thing: 'core',
          value: 9,
          alias: 'core1',
          owner: { id: 'g1', type: 'resource', kind: 'GPU', places: [{ role: 'dataCentre', id: 'NXTM2' }] },
        },
      ],
    });
    expect(
      planFor({ kind: 'Cluster', assignments: [{ alias: 'core1', pool: 'cores', from: anyGpu }] }, heldInNxtm2),
    ).toEqual({ outcome: 'met' });
    expect(() =>
      parseExpectation(
        {
          kind: 'Cluster',
          assignments: [{ alias: 'c', pool: 'threads', from: { kind: 'GPU', places: [{ role: 'room', id: 'x' }] } }],
        },
        registry,
      ),
    ).toThrow(
      'assignments.0.from.kind: GPU has no pool "threads" (pools: cores); assignments.0.from.places.0.role: GPU declares no place role "room"',
    );
  });

  it('walks the lifecycle one allowed step at a time, and is blocked when the state cannot be reached', () => {
    expect(planFor({ kind: 'Cluster', state: 'pendingRemoval' }, cluster())).toMatchObject({
      task: { type: 'transition', to: 'pendingRemoval' },
    });
    expect(
      planFor({ kind: 'Cluster', state: 'planned' }, cluster({ states: { lifecycleState: 'installed' } })),
    ).toEqual({
      outcome: 'blocked',
      reason: 'state: "planned" cannot be reached from installed',
    });
    expect(nextStateToward('service', 'initial', 'suspended')).toBe('active');
    expect(nextStateToward('service', 'terminated', 'active')).toBeUndefined();
    expect(nextStateToward('service', 'inactive', 'suspended')).toBe('active');
  });

  it('respecifies to the highest registered major meeting the expectation, or says why it cannot', () => {
    const broadband = {
      ...cluster(),
      kind: 'Broadband',
      type: 'service' as const,
      specification: registry.instanceKind('Broadband').specification,
      states: { state: 'initial' },
      characteristics: [],
    };
    expect(planFor({ kind: 'Broadband', specification: { major: { $range: { min: 2 } } } }, broadband)).toMatchObject({
      task: {
        type: 'respecify',
        specificationId: registry.instanceKind('BroadbandV2').specification.id,
        toKind: 'BroadbandV2',
      },
    });
    expect(planFor({ kind: 'Broadband', specification: { major: 3 } }, broadband)).toMatchObject({
      outcome: 'blocked',
      reason: expect.stringContaining('no registered kind declares broadband'),
    });
  });
});

describe('planner: an expectation that the instance must not exist (exists: false)', () => {
  const withOutstanding = (body: unknown, actual: InstanceSnapshot | null) =>
    planWithOutstanding({
      expectationId: 'e1',
      generation: 4,
      expectation: parseExpectation(body, registry),
      actual,
      registry,
    });

  it('deletes the actual while it exists, with the outstanding document saying so', () => {
    expect(withOutstanding({ kind: 'Cluster', exists: false }, cluster())).toEqual({
      plan: {
        outcome: 'task',
        task: { type: 'delete', key: 'e1/g4/delete/e1', id: 'e1' },
        tasks: [{ type: 'delete', key: 'e1/g4/delete/e1', id: 'e1' }],
      },
      outstanding: { exists: false },
    });
  });

  it('is met when there is no actual, and compares nothing but existence (a name is a label)', () => {
    expect(withOutstanding({ kind: 'Cluster', exists: false, name: 'gone' }, null)).toEqual({
      plan: { outcome: 'met' },
      outstanding: null,
    });
    expect(withOutstanding({ kind: 'Cluster', exists: false, name: 'other' }, cluster())).toMatchObject({
      plan: { outcome: 'task', task: { type: 'delete' } },
      outstanding: { exists: false },
    });
    expect(expectedDocument(parseExpectation({ kind: 'Cluster', exists: false, name: 'gone' }, registry))).toEqual({
      exists: false,
    });
  });

  it('leaves an instance of another specification under that id alone: blocked, with both kinds named', () => {
    const gpu = cluster({
      kind: 'GPU',
      specification: registry.instanceKind('GPU').specification,
      characteristics: [],
    });
    expect(planFor({ kind: 'Cluster', exists: false }, gpu)).toEqual({
      outcome: 'blocked',
      reason: 'exists: e1 is a GPU (specification gpu), not a Cluster (specification cluster); it is not deleted',
    });
  });

  it('exists: true is the default: an actual meets it, no actual is a build', () => {
    expect(withOutstanding({ kind: 'Cluster', exists: true }, cluster())).toEqual({
      plan: { outcome: 'met' },
      outstanding: null,
    });
    expect(withOutstanding({ kind: 'Cluster', exists: true }, null)).toMatchObject({
      plan: { outcome: 'task', task: { type: 'build', id: 'e1' } },
      outstanding: { exists: true },
    });
  });
});
