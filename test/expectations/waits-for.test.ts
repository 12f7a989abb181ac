import { describe, expect, it } from 'vitest';
import { computeKinds } from '../../examples/compute/index.js';
import { driftTouched } from '../../expectations/drift-touched.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import type { Task } from '../../expectations/tasks.js';
import { waitsForFailedTask } from '../../expectations/waits-for-task.js';
import { createRegistry } from '../../model/registry.js';
import { anchorOf, touchedBy } from '../../model/waits-for.js';
import { instanceSnapshot } from '../support/snapshots.js';

/** What a blocked expectation waits for, and what a change touches: pure, no servers. */
const registry = createRegistry(computeKinds);
const assign = (value: number | 'auto', owner: Extract<Task, { type: 'assign' }>['owner'] = 'gpu-1'): Task => ({
  type: 'assign',
  key: 'k',
  owner,
  pool: 'cores',
  assignee: 'c-1',
  alias: 'core1',
  value,
});

describe('waitsForFailedTask', () => {
  it('an assignment waits for its value, its pool, or any pool of the selector kind', () => {
    expect(waitsForFailedTask(assign(150), 'conflict: value: 150 of pool "cores" is already assigned')).toEqual([
      { cause: 'value', owner: 'gpu-1', pool: 'cores', value: 150 },
    ]);
    expect(waitsForFailedTask(assign('auto'), 'poolExhausted: pool: gpu-1\'s pool "cores" is exhausted')).toEqual([
      { cause: 'capacity', owner: 'gpu-1', pool: 'cores' },
    ]);
    expect(
      waitsForFailedTask(assign('auto', { kind: 'GPU', places: [] }), 'poolExhausted: assignments.core1.from: …'),
    ).toEqual([{ cause: 'capacityOfKind', kind: 'GPU', pool: 'cores' }]);
  });

  it("a pool's capacity counts the values its batch takes from that pool (all rolled back with the failure)", () => {
    const exhausted = 'poolExhausted: pool: gpu-1\'s pool "cores" is exhausted';
    const second = { ...assign('auto'), alias: 'core2' };
    const elsewhere = { ...assign('auto', 'gpu-2'), alias: 'core3' };
    expect(waitsForFailedTask(second, exhausted, [assign('auto'), second, elsewhere, assign(7)])).toEqual([
      { cause: 'capacity', owner: 'gpu-1', pool: 'cores', needed: 2 },
    ]);
    expect(waitsForFailedTask(second, exhausted, [elsewhere, second])).toEqual([
      { cause: 'capacity', owner: 'gpu-1', pool: 'cores' },
    ]);
  });

  it('a relationship or role waits for what its failure names, not for what it has not got to', () => {
    const build: Task = {
      type: 'build',
      key: 'k',
      kind: 'Cluster',
      id: 'c-1',
      parties: [{ role: 'operator', id: 'tenant-1' }],
      places: [{ role: 'dataCentre', id: 'dc-1' }],
    };
    expect(waitsForFailedTask(build, 'notFound: parties.0.id: no party with id tenant-1')).toEqual([
      { cause: 'party', id: 'tenant-1' },
    ]);
    const relate: Task = {
      type: 'relate',
      key: 'k',
      id: 'c-1',
      relationships: [{ alias: 'peer', type: 'uses', target: 'c-2' }],
    };
    expect(waitsForFailedTask(relate, 'notFound: relationships.0.target: no instance with id c-2')).toEqual([
      { cause: 'instance', id: 'c-2' },
    ]);
  });

  it('a failure nothing else can end waits for nothing (the back-off, or a new generation)', () => {
    expect(waitsForFailedTask(assign(150), 'invalidInput: value: 150 is outside the pool')).toEqual([]);
    expect(waitsForFailedTask(assign(150), 'a reason without a code')).toEqual([]);
    const transition: Task = { type: 'transition', key: 'k', id: 'c-1', to: 'installed' };
    expect(waitsForFailedTask(transition, 'notFound: no instance with id c-1')).toEqual([]);
  });
});

describe('touchedBy and driftTouched', () => {
  const gpu = { id: 'gpu-1', kind: 'GPU', type: 'resource' as const };
  const before = instanceSnapshot({
    id: 'c-1',
    kind: 'Cluster',
    type: 'resource',
    specification: registry.instanceKind('Cluster').specification,
    states: { lifecycleState: 'planned' },
    assignments: [{ pool: 'cores', thing: 'core', value: 150, alias: 'core1', owner: gpu }],
    relationships: [
      { type: 'uses', alias: 'peer', target: { id: 'c-2', kind: 'Cluster', type: 'resource' }, characteristics: [] },
    ],
  });

  it('a change touches its subject and kind, the owners it held values of, and its targets', () => {
    expect(touchedBy('c-1', before, null).sort()).toEqual(['c-1', 'c-2', 'gpu-1', 'kind:Cluster', 'kind:GPU']);
    expect(touchedBy('c-1', null, null)).toEqual(['c-1']);
  });

  it('drift touches the actual now and what its expectation names', () => {
    const body = parseExpectation(
      {
        kind: 'Cluster',
        assignments: [
          { alias: 'core1', pool: 'cores', from: 'gpu-9' },
          { alias: 'core2', pool: 'cores', from: { kind: 'GPU' } },
        ],
        relationships: [{ alias: 'peer', type: 'uses', target: 'c-3' }],
      },
      registry,
    );
    const emptied = { ...before, assignments: [], relationships: [] };
    expect(driftTouched('c-1', emptied, body).sort()).toEqual(['c-1', 'c-3', 'gpu-9', 'kind:Cluster', 'kind:GPU']);
  });

  it('a stored wait hangs on the node whose change may end it', () => {
    expect(anchorOf({ cause: 'value', owner: 'gpu-1', pool: 'cores', value: 1 })).toBe('gpu-1');
    expect(anchorOf({ cause: 'capacityOfKind', kind: 'GPU', pool: 'cores' })).toBe('kind:GPU');
    expect(anchorOf({ cause: 'place', id: 'dc-1' })).toBe('dc-1');
  });
});
