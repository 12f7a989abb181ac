import { describe, expect, it } from 'vitest';
import { wholesaleKinds } from '../../examples/wholesale/index.js';
import { inheritedFactsExpression } from '../../graph/inherited-query.js';
import type { InheritedFactsDeclaration } from '../../model/inherited-facts.js';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { createRegistry, KindRegistrationError } from '../../model/registry.js';

const problemsOf = (
  declared: InheritedFactsDeclaration,
  own: { places?: Record<string, { kind: string }>; characteristics?: Record<string, never> } = {},
): string[] => {
  const kind = defineInstanceKind({
    name: 'Leaf',
    specification: { id: '5d0c8f1e-3b2a-4c6d-9e8f-7a1b2c3d4e5f', name: 'leaf', type: 'resourceSpecification' },
    pools: { slots: 'slot' },
    ...own,
    ...declared,
  });
  try {
    createRegistry([...wholesaleKinds, kind]);
  } catch (error) {
    if (error instanceof KindRegistrationError) return error.problems;
    throw error;
  }
  return [];
};

describe('inherited facts at registration', () => {
  it('fills in the defaults: a bare alias is a reverse assignment hop; via defaults to the role name', () => {
    const avc = createRegistry(wholesaleKinds).instanceKind('AVC');
    expect(avc.inheritedFacts.find((fact) => fact.name === 'exchange')).toEqual({
      name: 'exchange',
      category: 'place',
      collapse: 'first',
      read: { role: 'exchange' },
      hops: [
        { over: 'assignment', direction: 'reverse', alias: 'svlan' },
        { over: 'relationship', direction: 'reverse', type: 'carries' },
      ],
    });
    expect(avc.inheritedFacts.find((fact) => fact.name === 'svlanId')).toEqual({
      name: 'svlanId',
      category: 'field',
      collapse: 'first',
      read: { assignmentField: 'value' },
      hops: [{ over: 'assignment', direction: 'reverse', alias: 'svlan' }],
    });
    const registry = createRegistry(
      wholesaleKinds
        .filter((kind) => kind.name !== 'AVC')
        .concat(
          defineInstanceKind({
            name: 'Leaf',
            specification: { id: '5d0c8f1e-3b2a-4c6d-9e8f-7a1b2c3d4e5f', name: 'leaf', type: 'resourceSpecification' },
            inherited: { parties: { provider: { sourceRole: 'provider' } } },
          }),
        ),
    );
    expect(registry.instanceKind('Leaf').inheritedFacts[0]!.hops).toEqual([
      { over: 'assignment', direction: 'reverse', alias: 'provider' },
    ]);
  });

  it('rejects names that could reach Cypher unsafely, naming the field', () => {
    expect(
      problemsOf({ inherited: { places: { site: { via: ["x'}) DETACH DELETE n //"], sourceRole: 'site' } } } }),
    ).toEqual(['Leaf.inherited.places.site.via.0: must start with a letter and hold only letters, digits and _']);
    expect(problemsOf({ inherited: { parties: { owner: { sourceRole: 'provider`]->(x) DELETE x' } } } })).toEqual([
      'Leaf.inherited.parties.owner.sourceRole: must start with a letter and hold only letters, digits and _',
    ]);
    expect(
      problemsOf({
        inherited: {
          characteristics: { bw: { via: [{ over: 'relationship', type: 'a b' }], characteristic: 'bandwidthMbps' } },
        },
      }),
    ).toEqual([
      'Leaf.inherited.characteristics.bw.via.0.type: must start with a letter and hold only letters, digits and _',
    ]);
    expect(problemsOf({ inherited: { places: { 'bad name': { sourceRole: 'site' } } } })[0]).toMatch(
      /^Leaf\.inherited\.places\.bad name: /,
    );
    expect(problemsOf({ fields: { secret: { via: ['svlan'], field: 'password' as never } } })[0]).toMatch(
      /^Leaf\.fields\.secret\.field: /,
    );
  });

  it('rejects malformed paths and unknown options', () => {
    expect(
      problemsOf({ inherited: { characteristics: { bw: { via: [], characteristic: 'bandwidthMbps' } } } }),
    ).toEqual(['Leaf.inherited.characteristics.bw.via: a path needs at least one hop']);
    expect(problemsOf({ inherited: { places: { site: { via: Array(7).fill('uni'), sourceRole: 'site' } } } })).toEqual([
      'Leaf.inherited.places.site.via: a path may have at most 6 hops',
    ]);
    expect(
      problemsOf({ inherited: { places: { site: { sourceRole: 'site', collapse: 'middle' as never } } } })[0],
    ).toMatch(/^Leaf\.inherited\.places\.site\.collapse: /);
    expect(problemsOf({ inherited: { places: { site: { sourceRole: 'site', hops: ['uni'] } as never } } })[0]).toMatch(
      /^Leaf\.inherited\.places\.site: .*hops/,
    );
    expect(
      problemsOf({ inherited: { places: { site: { via: [{ over: 'wormhole' } as never], sourceRole: 'site' } } } })[0],
    ).toMatch(/^Leaf\.inherited\.places\.site\.via\.0/);
  });

  it('rejects an inherited fact that takes the name of an own fact or of another inherited fact', () => {
    expect(
      problemsOf(
        { inherited: { places: { site: { sourceRole: 'site' } } } },
        { places: { site: { kind: 'Premises' } } },
      ),
    ).toContain('Leaf.inherited.places.site: Leaf already has an own place role with this name');
    expect(problemsOf({ fields: { slots: { via: ['uni'], field: 'name' } } })).toEqual([
      'Leaf.fields.slots: Leaf already has a pool with this name',
    ]);
    expect(
      problemsOf({
        inherited: { places: { where: { sourceRole: 'site' } } },
        fields: { where: { via: ['uni'], field: 'name' } },
      }),
    ).toEqual(['Leaf.fields.where: the name is already used by Leaf.inherited.places.where']);
  });

  it('builds one CASE branch per kind that inherits facts; every name it compares goes in as a parameter', () => {
    const { expression, params } = inheritedFactsExpression(createRegistry(wholesaleKinds));
    expect(expression).toMatch(/^CASE i\.kind\n {2}WHEN \$inheritedNames\.n0 THEN COLLECT/);
    expect(expression.match(/WHEN \$/g)).toHaveLength(1);
    expect(params.inheritedNames.n0).toBe('AVC');
    const carries = Object.entries(params.inheritedNames).find(([, value]) => value === 'carries')![0];
    expect(expression).toContain(
      `MATCH (d_m)<-[d_e:RELATES_TO]-(d_n:Instance) WHERE d_e.type = $inheritedNames.${carries}`,
    );
    for (const name of ['uni', 'svlan', 'site', 'exchange', 'provider', 'bandwidthMbps'])
      expect(expression).not.toContain(`'${name}'`);
    expect(inheritedFactsExpression(createRegistry(wholesaleKinds.filter((kind) => kind.name !== 'AVC')))).toEqual({
      expression: '[]',
      params: { inheritedNames: {} },
    });
  });
});
