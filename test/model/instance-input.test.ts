import { describe, expect, it } from 'vitest';
import { computeKinds } from '../../examples/compute/index.js';
import { buildInputSchema, defineInputSchema } from '../../model/instance-input.js';
import { parseInput } from '../../model/inventory-error.js';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { definePartyKind } from '../../model/party-kind.js';
import { createRegistry } from '../../model/registry.js';

const Crew = definePartyKind({ name: 'Crew', type: 'Individual' });
const Job = defineInstanceKind({
  name: 'Job',
  specification: { id: 'c3f4b0d2-3f5e-4c8e-9a61-1d2e3f4a5b6c', name: 'job', type: 'serviceSpecification' },
  parties: {
    lead: { kind: 'Crew' },
    installers: { kind: 'Crew', cardinality: 'plural', min: 1, max: 2 },
    owner: { kind: 'Crew', cardinality: 'reference' },
  },
});
const registry = createRegistry([...computeKinds, Crew, Job]);

const problems = (schema: Parameters<typeof parseInput>[0], input: unknown) => {
  try {
    parseInput(schema, input, 'input');
    return [];
  } catch (error) {
    return (error as { fields: string[]; message: string }).message;
  }
};

describe('inputs derived from a kind', () => {
  it("checks characteristic values with the kind's own zod schema and names the field", () => {
    const message = problems(buildInputSchema(registry.instanceKind('Cluster')), {
      characteristics: { cluster: { gpuCores: -1 } },
    });
    expect(message).toContain('characteristics.cluster.gpuCores: Too small');
  });

  it('refuses undeclared characteristics, roles and unknown fields', () => {
    const message = problems(buildInputSchema(registry.instanceKind('GPU')), {
      characteristics: { colour: 'red' },
      parties: [{ role: 'janitor', id: 'x' }],
      extra: true,
    });
    expect(message).toContain('characteristics: Unrecognized key: "colour"');
    expect(message).toContain('parties.0.role: role "janitor" is not declared (declared: operator)');
    expect(message).toContain('Unrecognized key: "extra"');
  });

  it('enforces singular, plural min/max and reference-only roles', () => {
    const schema = buildInputSchema(registry.instanceKind('Job'));
    const message = problems(schema, {
      parties: [
        { role: 'lead', id: 'a' },
        { role: 'lead', id: 'b' },
        { role: 'installers', id: 'c' },
        { role: 'installers', id: 'd' },
        { role: 'installers', id: 'e' },
        { role: 'owner', id: 'f' },
      ],
    });
    expect(message).toContain('role "lead" holds at most one, got 2');
    expect(message).toContain('role "installers" holds at most 2, got 3');
    expect(message).toContain('parties.5.role: role "owner" is reference-only');
    expect(problems(schema, { parties: [] })).toContain('role "installers" needs at least 1, got 0');
    expect(problems(schema, { parties: [{ role: 'installers', id: 'c' }] })).toEqual([]);
  });

  it('refuses ids and aliases that could smuggle anything into a query', () => {
    const message = problems(buildInputSchema(registry.instanceKind('Cluster')), {
      id: 'a b/../c',
      relationships: [{ type: 'x`]->() DETACH DELETE n//', target: 't', alias: 'bad alias' }],
    });
    expect(message).toContain('id: must not contain spaces, /, ? or #');
    expect(message).toContain('relationships.0.type: must start with a letter');
    expect(message).toContain('relationships.0.alias: must start with a letter');
  });

  it('validates pool bounds: first ≤ last, known algorithm', () => {
    const schema = defineInputSchema(registry.instanceKind('GPU'));
    expect(problems(schema, { pools: { cores: { first: 10, last: 1 } } })).toContain(
      'pools.cores.first: first must be ≤ last',
    );
    expect(problems(schema, { pools: { cores: { first: 1, last: 9, algorithm: 'fastest' } } })).toContain(
      'pools.cores.algorithm',
    );
    expect(problems(schema, { pools: { threads: { first: 1, last: 9 } } })).toContain('Unrecognized key: "threads"');
  });
});
