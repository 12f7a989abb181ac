import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { computeKinds } from '../../../examples/compute/index.js';
import { nbnKinds } from '../../../examples/nbn/index.js';
import { createRegistry, type RegisteredInstanceKind } from '../../../model/registry.js';
import { specCharacteristicsOf } from '../../../model/tmf/spec-characteristic.js';
import { kindsOfType, specificationJson } from '../../../model/tmf/specification-json.js';

/** The catalog's view of a kind: its characteristics' zod schemas as TMF specCharacteristic, and the rest it declares. */
describe('specCharacteristicsOf', () => {
  const required = (name: string, valueType: string, values: string[]) => ({
    name,
    valueType,
    configurable: true,
    minCardinality: 1,
    maxCardinality: 1,
    specCharacteristicValue: values.map((value) => ({ value, valueType })),
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

describe('specificationJson', () => {
  const registry = createRegistry([...computeKinds, ...nbnKinds]);
  const kinds = registry.all().flatMap((kind) => (kind.category === 'instance' ? [kind] : []));
  const json = (kind: RegisteredInstanceKind) => specificationJson(kind, kinds, { baseUrl: 'http://x' }, 'v5');

  it("shows a GPU's characteristics, pools, roles and relationships", () => {
    const gpu = json(registry.instanceKind('GPU'));
    expect(gpu).toMatchObject({
      id: 'ad50073f-17e0-45cb-b9b1-aa4296876156',
      href: 'http://x/tmf-api/resourceCatalogManagement/v5/resourceSpecification/ad50073f-17e0-45cb-b9b1-aa4296876156',
      name: 'gpu',
      version: '1.0.0',
      lifecycleStatus: 'Active',
      poolSpecification: [{ name: 'cores', thing: 'core' }],
      partyRole: [{ role: 'operator', kind: 'Tenant', cardinality: 'single' }],
      placeRole: [{ role: 'dataCentre', kind: 'DataCentre', cardinality: 'single' }],
      '@type': 'ResourceSpecification',
    });
    expect(gpu.specCharacteristic.find(({ name }) => name === 'gpu.family')?.specCharacteristicValue).toEqual(
      ['nvidia', 'amd', 'intel'].map((value) => ({ value, valueType: 'string' })),
    );
  });

  it('calls a lower major version of a registered name Obsolete, the highest Active', () => {
    const [v1, v2] = ['Broadband', 'BroadbandV2'].map((name) => json(registry.instanceKind(name)));
    expect([v1?.lifecycleStatus, v2?.lifecycleStatus]).toEqual(['Obsolete', 'Active']);
    const technology = (spec: typeof v1) =>
      spec?.specCharacteristic.find(({ name }) => name === 'broadband.technology')?.specCharacteristicValue?.length;
    expect([technology(v1), technology(v2)]).toEqual([5, 4]);
    expect(kindsOfType(kinds, 'service').map(({ name }) => name)).toEqual(['Broadband', 'BroadbandV2']);
  });
});
