import { describe, expect, it } from 'vitest';
import { Broadband, BroadbandV2 } from '../../examples/nbn/index.js';
import { exampleKinds } from '../../examples/index.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import { kindsMeeting, specificationAimOf } from '../../expectations/specification-aim.js';
import { createRegistry } from '../../model/registry.js';

/** The specification an expectation aims at: what deleting a specification counts, and what a deleted one refuses. */
describe('specificationAimOf', () => {
  const registry = createRegistry(exampleKinds);
  const aim = (body: unknown) => specificationAimOf(parseExpectation(body, registry), registry);
  const [v1, v2] = [Broadband.specification.id, BroadbandV2.specification.id];

  it("is the kind's own specification when the body asks for no other major version", () => {
    expect(aim({ kind: 'Broadband' })).toBe(v1);
    expect(aim({ kind: 'BroadbandV2', name: 'x' })).toBe(v2);
    expect(aim({ kind: 'GPU' })).toBe('ad50073f-17e0-45cb-b9b1-aa4296876156');
    expect(aim({ kind: 'Broadband', specification: { major: 1 } })).toBe(v1);
    expect(aim({ kind: 'Broadband', specification: { major: { $range: { min: 1 } } } })).toBe(v1);
  });

  it('is the highest registered major that meets `specification.major` when the kind’s own does not', () => {
    expect(aim({ kind: 'Broadband', specification: { major: 2 } })).toBe(v2);
    expect(aim({ kind: 'Broadband', specification: { major: { $range: { min: 2 } } } })).toBe(v2);
    expect(aim({ kind: 'BroadbandV2', specification: { major: { $anyOf: [1, 3] } } })).toBe(v1);
  });

  it('is none for exists: false, or when no registered major meets it', () => {
    expect(aim({ kind: 'Broadband', exists: false })).toBeUndefined();
    expect(aim({ kind: 'Broadband', specification: { major: 3 } })).toBeUndefined();
  });

  it('kindsMeeting lists the kinds of a name meeting a major, highest first', () => {
    expect(kindsMeeting(registry, 'broadband', undefined).map(({ name }) => name)).toEqual([
      'BroadbandV2',
      'Broadband',
    ]);
    expect(kindsMeeting(registry, 'broadband', { $range: { max: 1 } }).map(({ name }) => name)).toEqual(['Broadband']);
    expect(kindsMeeting(registry, 'nothing', 1)).toEqual([]);
  });
});
