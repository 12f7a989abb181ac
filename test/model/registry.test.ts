import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { computeKinds, GPU } from '../../examples/compute/index.js';
import { nbnKinds } from '../../examples/nbn/index.js';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { definePartyKind } from '../../model/party-kind.js';
import { createRegistry, KindRegistrationError, Registry } from '../../model/registry.js';

const problemsOf = (register: () => unknown): string[] => {
  try {
    register();
  } catch (error) {
    if (error instanceof KindRegistrationError) return error.problems;
    throw error;
  }
  throw new Error('expected a KindRegistrationError');
};

const widget = (overrides: Partial<Parameters<typeof defineInstanceKind>[0]> = {}) =>
  defineInstanceKind({
    name: 'Widget',
    specification: { id: '0b7c4e52-9a54-4d0c-8f4b-2f1c7b6a9e10', name: 'widget', type: 'resourceSpecification' },
    ...overrides,
  });

describe('registry', () => {
  it('registers the example domains and answers labels from them', () => {
    const registry = createRegistry([...computeKinds, ...nbnKinds]);
    expect(registry.labelOf('GPU')).toBe('GPU');
    expect(registry.instanceKind('GPU').pools).toEqual({ cores: 'core' });
    expect(registry.instanceKind('Broadband').specification).toMatchObject({ major: 1, minor: 0, patch: 0 });
    expect(() => registry.instanceKind('Tenant')).toThrow('no instance kind named "Tenant"');
  });

  it('names the kind and the field of every problem', () => {
    const problems = problemsOf(() =>
      createRegistry([
        widget({
          specification: { id: 'not-a-uuid', name: 'Widget Spec', type: 'resourceSpecification' },
          characteristics: { 'bad name': z.string(), ok: 'not a schema' as unknown as z.ZodType, dup: z.string() },
          pools: { dup: 'thing' },
          parties: { owner: { kind: 'Nobody' }, many: { kind: 'Nobody', cardinality: 'single', min: 1 } },
          relationships: { source: [] as unknown as 'all' },
        }),
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'Widget.specification.id: must be a UUID',
        expect.stringMatching(/^Widget\.specification\.name: must be camelCase/),
        'Widget.characteristics.ok: must be a zod schema',
        expect.stringMatching(/^Widget\.characteristics\.bad name: name must start with a letter/),
        'Widget.pools.dup: a characteristic has the same name',
        'Widget.parties.many.cardinality: min/max apply only to plural roles',
        expect.stringMatching(/^Widget\.relationships\.source/),
        'Widget.parties.owner.kind: refers to kind "Nobody", which is not registered',
      ]),
    );
  });

  it('refuses two kinds with the same label, reserved labels and names that are not identifiers', () => {
    const problems = problemsOf(() =>
      createRegistry([
        widget(),
        widget({
          specification: {
            id: '6f1d3c2e-0a4b-4c5d-9e8f-7a6b5c4d3e2f',
            name: 'widgetTwo',
            type: 'resourceSpecification',
          },
        }),
        definePartyKind({ name: 'Instance', type: 'Organization' }),
        definePartyKind({ name: 'Bad`) DETACH DELETE n //', type: 'Organization' }),
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'Widget: a kind with this name (and so this Neo4j label) is already registered',
        "Instance: the label Instance is reserved for the graph's own nodes",
        expect.stringMatching(/^Bad`\) DETACH DELETE n \/\/: kind name must start with a letter/),
      ]),
    );
  });

  it('refuses a specification id or (name, major) declared twice', () => {
    const problems = problemsOf(() =>
      createRegistry([
        widget(),
        defineInstanceKind({
          name: 'Gadget',
          specification: { id: '0b7c4e52-9a54-4d0c-8f4b-2f1c7b6a9e10', name: 'widget', type: 'resourceSpecification' },
        }),
      ]),
    );
    expect(problems).toEqual([
      "Gadget.specification.id: 0b7c4e52-9a54-4d0c-8f4b-2f1c7b6a9e10 is already the id of Widget's specification",
      'Gadget.specification: widget major 1 is already declared by Widget (a new major version needs a new major number)',
    ]);
  });

  it('checks role kinds by category and that the party kind plays the role', () => {
    const problems = problemsOf(() =>
      createRegistry([
        ...computeKinds,
        widget({
          parties: { operator: { kind: 'Tenant' }, site: { kind: 'DataCentre' } },
          places: { home: { kind: 'Tenant' } },
        }),
      ]),
    );
    expect(problems).toEqual([
      'Widget.parties.operator.kind: Tenant does not declare the role "operator" towards Widget',
      'Widget.parties.site.kind: "DataCentre" is a place kind, not a party kind',
      'Widget.places.home.kind: "Tenant" is a party kind, not a place kind',
    ]);
  });

  it('registers nothing when any kind is wrong (all or nothing)', () => {
    const registry = new Registry();
    expect(() => registry.register([GPU])).toThrow(KindRegistrationError); // GPU refers to Tenant and DataCentre
    expect(registry.all()).toEqual([]);
  });
});
