import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { computeKinds } from '../../../examples/compute/index.js';
import { exampleKinds } from '../../../examples/index.js';
import { nbnKinds } from '../../../examples/nbn/index.js';
import { createRegistry, type Kind, type RegisteredInstanceKind } from '../../../model/registry.js';
import { specCharacteristicsOf } from '../../../model/tmf/spec-characteristic.js';
import { catalogEntries, kindsOfType, specificationJson } from '../../../model/tmf/specification-json.js';
import { validateSpecification } from '../../support/official-specification.js';

/** The catalog's view of a kind: its characteristics' zod schemas as TMF characteristic specifications, and the rest it declares. */
describe('specCharacteristicsOf', () => {
  const required = (name: string, valueType: string, values: string[]) => ({
    name,
    valueType,
    configurable: true,
    minCardinality: 1,
    maxCardinality: 1,
    values: values.map((value) => ({ value, valueType })),
  });

  it('derives value types, allowed values and cardinality from the schemas, object fields by dotted name', () => {
    const found = specCharacteristicsOf({
      line: z.strictObject({
        technology: z.enum(['fttp', 'fw']).optional(),
        lanes: z.number().int(),
        speed: z.number(),
        shared: z.boolean().nullable(),
        tags: z.array(z.string()).optional(),
        tier: z.union([z.literal('gold'), z.literal('silver')]),
      }),
      note: z.string().optional(),
    });
    expect(found).toEqual([
      { name: 'line', valueType: 'object', configurable: true, minCardinality: 1, maxCardinality: 1 },
      { ...required('line.technology', 'string', ['fttp', 'fw']), minCardinality: 0 },
      { name: 'line.lanes', valueType: 'integer', configurable: true, minCardinality: 1, maxCardinality: 1 },
      { name: 'line.speed', valueType: 'number', configurable: true, minCardinality: 1, maxCardinality: 1 },
      { name: 'line.shared', valueType: 'boolean', configurable: true, minCardinality: 1, maxCardinality: 1 },
      { name: 'line.tags', valueType: 'array', configurable: true, minCardinality: 0 },
      required('line.tier', 'string', ['gold', 'silver']),
      { name: 'note', valueType: 'string', configurable: true, minCardinality: 0, maxCardinality: 1 },
    ]);
  });
});

const instanceKindsOf = (kinds: Kind[]) =>
  createRegistry(kinds)
    .all()
    .flatMap((kind) => (kind.category === 'instance' ? [kind] : []));

describe('specificationJson', () => {
  const registry = createRegistry([...computeKinds, ...nbnKinds]);
  const kinds = instanceKindsOf([...computeKinds, ...nbnKinds]);
  const entryOf = (kind: RegisteredInstanceKind) =>
    catalogEntries(
      kinds,
      [],
      new Set(),
      kind.specification.type === 'serviceSpecification' ? 'service' : 'resource',
    ).find((entry) => entry.kind?.name === kind.name)!;
  const json = (kind: RegisteredInstanceKind, version: 'v4' | 'v5' = 'v5') =>
    specificationJson(entryOf(kind), { baseUrl: 'http://x' }, version) as Record<string, unknown>;
  type Characteristic = { name: string } & Record<string, unknown>;
  const characteristic = (spec: Record<string, unknown>, field: string, name: string) =>
    (spec[field] as Characteristic[]).find((found) => found.name === name);

  it("shows a GPU's characteristics, pools, roles and relationships", () => {
    const gpu = json(registry.instanceKind('GPU'));
    expect(gpu).toMatchObject({
      id: 'ad50073f-17e0-45cb-b9b1-aa4296876156',
      href: 'http://x/tmf-api/resourceCatalog/v5/resourceSpecification/ad50073f-17e0-45cb-b9b1-aa4296876156',
      name: 'gpu',
      version: '1.0.0',
      isBundle: false,
      lifecycleStatus: 'Active',
      poolSpecification: [{ name: 'cores', thing: 'core' }],
      partyRole: [{ role: 'operator', kind: 'Tenant', cardinality: 'single' }],
      placeRole: [{ role: 'dataCentre', kind: 'DataCentre', cardinality: 'single' }],
      '@type': 'ResourceSpecification',
    });
    expect(characteristic(gpu, 'resourceSpecCharacteristic', 'gpu.family')).toEqual({
      name: 'gpu.family',
      valueType: 'string',
      configurable: true,
      minCardinality: 0,
      maxCardinality: 1,
      characteristicValueSpecification: ['nvidia', 'amd', 'intel'].map((value) => ({
        value,
        valueType: 'string',
        '@type': 'StringCharacteristicValueSpecification',
      })),
      '@type': 'CharacteristicSpecification',
    });
  });

  it("shows the values a kind lets a pool hold: a CVC's S-VLANs are 1..4094", () => {
    const cvc = catalogEntries(instanceKindsOf(exampleKinds), [], new Set(), 'resource').find(
      (entry) => entry.kind?.name === 'CVC',
    )!;
    expect((specificationJson(cvc, { baseUrl: '' }, 'v5') as Record<string, unknown>).poolSpecification).toEqual([
      { name: 'svlans', thing: 'svlan', min: 1, max: 4094 },
    ]);
  });

  it('names the allowed values as each API version does', () => {
    const gpu = registry.instanceKind('GPU');
    const broadband = registry.instanceKind('BroadbandV2');
    const values = (spec: Record<string, unknown>, field: string, name: string, list: string) =>
      Object.keys(characteristic(spec, field, name) ?? {}).includes(list);
    expect(values(json(gpu, 'v4'), 'resourceSpecCharacteristic', 'gpu.family', 'resourceSpecCharacteristicValue')).toBe(
      true,
    );
    const technology = 'broadband.technology';
    expect(values(json(broadband, 'v4'), 'specCharacteristic', technology, 'characteristicValueSpecification')).toBe(
      true,
    );
    expect(values(json(broadband, 'v5'), 'specCharacteristic', technology, 'characteristicValueSpecification')).toBe(
      true,
    );
    expect(json(gpu, 'v4').href).toBe(
      'http://x/tmf-api/resourceCatalog/v4/resourceSpecification/ad50073f-17e0-45cb-b9b1-aa4296876156',
    );
  });

  it('calls a lower major version of a registered name Retired, the highest Active', () => {
    const [v1, v2] = ['Broadband', 'BroadbandV2'].map((name) => json(registry.instanceKind(name)));
    expect([v1?.lifecycleStatus, v2?.lifecycleStatus]).toEqual(['Retired', 'Active']);
    const technology = (spec: Record<string, unknown> | undefined) =>
      (characteristic(spec ?? {}, 'specCharacteristic', 'broadband.technology')?.characteristicValueSpecification as [])
        .length;
    expect([technology(v1), technology(v2)]).toEqual([5, 4]);
    expect(kindsOfType(kinds, 'service').map(({ name }) => name)).toEqual(['Broadband', 'BroadbandV2']);
  });
});

describe('catalogEntries', () => {
  const kinds = instanceKindsOf(nbnKinds);
  const [v1, v2] = kindsOfType(kinds, 'service').map((kind) => kind.specification);

  it('leaves out deleted specifications; the highest major left is Active', () => {
    const entries = catalogEntries(kinds, [], new Set([v2!.id]), 'service');
    expect(entries.map(({ specification, lifecycleStatus }) => [specification.id, lifecycleStatus])).toEqual([
      [v1!.id, 'Active'],
    ]);
  });

  it('lists a stored specification no registered kind declares as Obsolete, with what the node holds', () => {
    const gone = { ...v1!, id: '0d7b7a61-1f2e-4c3d-9b8a-7f6e5d4c3b2a', name: 'oldLine', minor: 3 };
    const entries = catalogEntries(kinds, [gone, { ...v2!, patch: 7 }], new Set(), 'service');
    expect(entries.map(({ specification, lifecycleStatus }) => [specification.name, lifecycleStatus])).toEqual([
      ['broadband', 'Retired'],
      ['broadband', 'Active'],
      ['oldLine', 'Obsolete'],
    ]);
    const [, current, obsolete] = entries.map((entry) => specificationJson(entry, { baseUrl: '' }, 'v4'));
    expect(current?.version).toBe('2.0.7');
    expect(obsolete).toEqual({
      id: gone.id,
      href: `/tmf-api/serviceCatalogManagement/v4/serviceSpecification/${gone.id}`,
      name: 'oldLine',
      version: '1.3.0',
      ...(gone.description === undefined ? {} : { description: gone.description }),
      ...(gone.category === undefined ? {} : { category: gone.category }),
      isBundle: false,
      lifecycleStatus: 'Obsolete',
      '@type': 'ServiceSpecification',
    });
    expect(catalogEntries(kinds, [gone], new Set([gone.id]), 'service')).toHaveLength(2);
    expect(catalogEntries(kinds, [gone], new Set(), 'resource')).toEqual([]);
  });
});

describe('every example kind’s specification meets the official TMF633/TMF634 schemas', () => {
  const kinds = instanceKindsOf(exampleKinds);
  const stored = [{ ...kinds[0]!.specification, id: 'a3c1e2d4-5b6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'goneKind' }];
  const versions = ['v4', 'v5'] as const;
  const types = ['service', 'resource'] as const;

  it.each(versions.flatMap((version) => types.map((type) => [version, type] as const)))(
    '%s %s specifications, registered and Obsolete',
    (version, type) => {
      const entries = catalogEntries(kinds, stored, new Set(), type);
      expect(entries.length).toBeGreaterThan(1);
      for (const entry of entries) {
        const json = specificationJson(entry, { baseUrl: 'https://diffo.example' }, version);
        expect(validateSpecification(version, type, json), json.name).toEqual({ valid: true, errors: [] });
      }
    },
  );

  it('the validation bites: a wrong value type, a v5 entry without @type, a list where an item is', () => {
    const gpu = catalogEntries(kinds, [], new Set(), 'resource').find(({ kind }) => kind?.name === 'GPU')!;
    const v5 = specificationJson(gpu, { baseUrl: '' }, 'v5') as Record<string, unknown>;
    const [first, ...rest] = v5.resourceSpecCharacteristic as Record<string, unknown>[];
    const { '@type': _type, ...untyped } = first!;
    expect(validateSpecification('v5', 'resource', { ...v5, resourceSpecCharacteristic: [untyped, ...rest] })).toEqual({
      valid: false,
      errors: ["/resourceSpecCharacteristic/0: must have required property '@type'"],
    });
    const v4 = specificationJson(gpu, { baseUrl: '' }, 'v4');
    expect(validateSpecification('v4', 'resource', { ...v4, isBundle: 'no' }).errors).toEqual([
      '/isBundle: must be boolean',
    ]);
    expect(validateSpecification('v4', 'resource', { ...v4, resourceSpecCharacteristic: {} }).errors).toEqual([
      '/resourceSpecCharacteristic: must be array',
    ]);
    const service = catalogEntries(kinds, [], new Set(), 'service')[0]!;
    const v5Service = specificationJson(service, { baseUrl: '' }, 'v5');
    expect(validateSpecification('v5', 'service', { ...v5Service, specCharacteristic: [{ name: 1 }] }).errors).toEqual([
      "/specCharacteristic/0: must have required property '@type'",
      '/specCharacteristic/0/name: must be string',
    ]);
  });
});
