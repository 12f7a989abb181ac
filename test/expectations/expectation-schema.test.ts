import { describe, expect, it } from 'vitest';
import { computeKinds } from '../../examples/compute/index.js';
import { expectationProblems, parseExpectation } from '../../expectations/expectation-schema.js';
import { createRegistry } from '../../model/registry.js';

const registry = createRegistry(computeKinds);

describe('expectation schema: exists', () => {
  it('admits exists: false with only kind, actualId and name (and the reconciler settings)', () => {
    const body = { kind: 'Cluster', actualId: 'c-1', name: 'old cluster', exists: false, driftSeconds: 60, blockedRetrySeconds: 5 };
    expect(expectationProblems(body, registry)).toEqual([]);
    expect(parseExpectation(body, registry)).toEqual(body);
    expect(expectationProblems({ kind: 'Cluster', exists: true, state: 'installed' }, registry)).toEqual([]);
  });

  it('refuses every other section beside exists: false, naming the field', () => {
    const body = {
      kind: 'Cluster', exists: false, state: 'installed', characteristics: { cluster: { gpuCores: 2 } },
      relationships: [{ alias: 'uplink', type: 'uses', target: 'sw-1' }],
    };
    const why = 'an expectation with exists: false says the instance must not exist, so it carries only kind, actualId and name';
    expect(expectationProblems(body, registry)).toEqual([
      `state: ${why}; remove state`,
      `characteristics: ${why}; remove characteristics`,
      `relationships: ${why}; remove relationships`,
    ]);
    expect(() => parseExpectation({ kind: 'Cluster', exists: false, inherited: {} }, registry)).toThrow(
      expect.objectContaining({ code: 'invalidInput', fields: ['inherited'] }),
    );
  });

  it('takes only a boolean', () => {
    expect(expectationProblems({ kind: 'Cluster', exists: 'no' }, registry)).toEqual(['exists: Invalid input: expected boolean, received string']);
  });
});
