import { describe, expect, it } from 'vitest';
import { bodyPaths, tmfPaths } from '../../web/outstanding-paths.js';
import { problemsOf } from '../../web/submit-page.js';

/** Where the live view highlights what is outstanding, and how it reads the API's problems. */
describe('outstanding paths in the live view', () => {
  const body = {
    kind: 'Cluster',
    characteristics: { cluster: { gpuCores: 4, name: 'c' } },
    assignments: [
      { alias: 'core1', pool: 'cores', from: 'gpu-1' },
      { alias: 'core2', pool: 'cores', from: 'gpu-1' },
    ],
    parties: [{ role: 'operator', id: 'acme' }],
    state: 'installed',
  };

  it('marks the body by its own shape: leaves, operators, keyed list elements whole', () => {
    const outstanding = {
      characteristics: { cluster: { gpuCores: 4 } },
      assignments: [{ alias: 'core2', pool: 'cores', from: 'gpu-1' }],
      state: 'installed',
    };
    expect([...bodyPaths(outstanding, body)].sort()).toEqual([
      '/assignments/1',
      '/characteristics/cluster/gpuCores',
      '/state',
    ]);
    expect(bodyPaths(null, body).size).toBe(0);
    expect([...bodyPaths({ size: { $range: { min: 2 } } }, { size: { $range: { min: 2 } } })]).toEqual(['/size']);
  });

  it('marks the TMF JSON where each section shows', () => {
    const tmf = {
      name: 'c',
      resourceStatus: 'reserved',
      resourceCharacteristic: [
        { name: 'cluster', value: { gpuCores: 2 } },
        { name: 'other', value: 1 },
      ],
      relatedParty: [{ id: 'acme', role: 'operator' }],
      resourceRelationship: [
        { id: 'x', relationshipType: 'uses', resourceRelationshipCharacteristic: [{ name: 'alias', value: 'up' }] },
      ],
      resourceSpecification: { id: 's' },
    };
    const outstanding = {
      state: 'installed',
      characteristics: { cluster: { gpuCores: 4 } },
      parties: [{ role: 'operator', id: 'acme' }],
      relationships: [{ alias: 'up', type: 'uses', target: 'x' }],
      specification: { major: 2 },
    };
    expect([...tmfPaths(outstanding, tmf)].sort()).toEqual([
      '/relatedParty/0',
      '/resourceCharacteristic/0',
      '/resourceRelationship/0',
      '/resourceSpecification',
      '/resourceStatus',
    ]);
    expect(tmfPaths(outstanding, undefined).size).toBe(0);
  });

  it('reads an invalid expectation message as problems with their field paths', () => {
    expect(
      problemsOf('invalid expectation: state: Invalid option; characteristics.cluster.gpuCores: expected number'),
    ).toEqual([
      { path: 'state', text: 'Invalid option' },
      { path: 'characteristics.cluster.gpuCores', text: 'expected number' },
    ]);
    expect(problemsOf('no expectation with id x')).toEqual([{ text: 'no expectation with id x' }]);
  });
});
