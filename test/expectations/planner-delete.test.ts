import { describe, expect, it } from 'vitest';
import { computeKinds } from '../../examples/compute/index.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import { expectedDocument, planWithOutstanding } from '../../expectations/planner.js';
import { createRegistry } from '../../model/registry.js';
import type { InstanceSnapshot } from '../../model/tmf-json.js';

const registry = createRegistry(computeKinds);

/** An actual of the kind, as read from the graph, with nothing but its identity. */
function actualOf(kind: 'Cluster' | 'GPU', id = 'x1'): InstanceSnapshot {
  return {
    id,
    kind,
    type: 'resource',
    name: id,
    specification: registry.instanceKind(kind).specification,
    states: { lifecycleState: 'installed' },
    characteristics: [],
    features: [],
    pools: [],
    parties: [],
    places: [],
    relationships: [],
    assignments: [],
    givenAssignments: [],
  };
}

const planFor = (body: unknown, actual: InstanceSnapshot | null) =>
  planWithOutstanding({
    expectationId: 'e1',
    generation: 4,
    expectation: parseExpectation(body, registry),
    actual,
    registry,
  });

describe('planner: an expectation that the instance must not exist', () => {
  it('deletes the actual while it exists, with the outstanding document saying so', () => {
    expect(planFor({ kind: 'Cluster', actualId: 'x1', exists: false }, actualOf('Cluster'))).toEqual({
      plan: { outcome: 'task', task: { type: 'delete', key: 'e1/g4/delete/x1', id: 'x1' } },
      outstanding: { exists: false },
    });
  });

  it('is met when there is no actual, and compares nothing but existence (a name is a label)', () => {
    expect(planFor({ kind: 'Cluster', exists: false, name: 'gone' }, null)).toEqual({
      plan: { outcome: 'met' },
      outstanding: null,
    });
    expect(
      planFor({ kind: 'Cluster', actualId: 'x1', exists: false, name: 'other' }, actualOf('Cluster')),
    ).toMatchObject({
      plan: { outcome: 'task', task: { type: 'delete' } },
      outstanding: { exists: false },
    });
    expect(expectedDocument(parseExpectation({ kind: 'Cluster', exists: false, name: 'gone' }, registry))).toEqual({
      exists: false,
    });
  });

  it('leaves an instance of another specification under that id alone: blocked, with both kinds named', () => {
    expect(planFor({ kind: 'Cluster', actualId: 'x1', exists: false }, actualOf('GPU')).plan).toEqual({
      outcome: 'blocked',
      reason: 'exists: x1 is a GPU (specification gpu), not a Cluster (specification cluster); it is not deleted',
    });
  });

  it('exists: true is the default: an actual meets it, no actual is a build', () => {
    expect(planFor({ kind: 'Cluster', actualId: 'x1', exists: true }, actualOf('Cluster'))).toEqual({
      plan: { outcome: 'met' },
      outstanding: null,
    });
    expect(planFor({ kind: 'Cluster', actualId: 'x1', exists: true }, null)).toMatchObject({
      plan: { outcome: 'task', task: { type: 'build', id: 'x1' } },
      outstanding: { exists: true },
    });
  });
});
