import { describe, expect, it } from 'vitest';
import { renderTmf } from '../../model/tmf-json.js';
import { characteristicTypeOf, valueTypeOf } from '../../model/tmf/characteristic-json.js';
import { renderTmfV4 } from '../../model/tmf/v4-json.js';
import { renderTmfV5 } from '../../model/tmf/v5-json.js';
import { validateAgainstOfficial } from '../support/official-schemas.js';
import { sampleSnapshot } from '../support/sample-snapshot.js';

/** The v4 and v5 renderers, pure: shapes, vocabulary and hrefs, checked against the official schemas. */
const context = { baseUrl: 'https://inventory.example.com' };
const base = context.baseUrl;

describe('TMF638/TMF639 items per version', () => {
  const cases = [
    { api: 'TMF638', version: 'v4', schema: 'Service', json: renderTmfV4(sampleSnapshot('service'), context) },
    { api: 'TMF639', version: 'v4', schema: 'Resource', json: renderTmfV4(sampleSnapshot('resource'), context) },
    { api: 'TMF638', version: 'v5', schema: 'Service', json: renderTmfV5(sampleSnapshot('service'), context) },
    { api: 'TMF639', version: 'v5', schema: 'Resource_RES', json: renderTmfV5(sampleSnapshot('resource'), context) },
  ] as const;

  it.each(cases)('a $api $version item with every part is a valid $schema', ({ api, version, schema, json }) => {
    expect(validateAgainstOfficial(api, version, schema, json)).toEqual({ valid: true, errors: [] });
  });

  it("gives every href the base URL and the version's path, the id encoded", () => {
    const v4 = renderTmfV4({ ...sampleSnapshot('service'), id: 'a:b%c' }, context);
    expect(v4.href).toBe(`${base}/tmf-api/serviceInventory/v4/service/a%3Ab%25c`);
    expect(v4.serviceSpecification).toMatchObject({
      href: `${base}/tmf-api/serviceCatalogManagement/v4/serviceSpecification/0b5e2f4a-9c1d-4e3f-8a7b-6c5d4e3f2a1b`,
    });
    expect(v4.supportingResource).toEqual([
      { id: 'cvc-1', href: `${base}/tmf-api/resourceInventoryManagement/v4/resource/cvc-1`, '@referredType': 'CVC' },
    ]);
    expect((v4.relatedParty as unknown[])[0]).toMatchObject({
      href: `${base}/tmf-api/partyManagement/v4/organization/rsp-1`,
    });
    const v5 = renderTmfV5(sampleSnapshot('resource'), context);
    expect(v5.href).toBe(`${base}/tmf-api/resourceInventoryManagement/v5/resource/resource-1`);
    expect((v5.place as Array<{ place: { href: string } }>).map((place) => place.place.href)).toEqual([
      `${base}/tmf-api/geographicSiteManagement/v4/geographicSite/dc-9`,
      `${base}/tmf-api/geographicAddressManagement/v4/geographicAddress/loc-1`,
      `${base}/tmf-api/geographicAddressManagement/v4/geographicAddress/loc-2`,
    ]);
  });

  it("shows v4 parties and places flat, and a v4 resource's first own place as its one place", () => {
    const service = renderTmfV4(sampleSnapshot('service'), context);
    expect(service.relatedParty).toEqual([
      {
        id: 'rsp-1',
        href: `${base}/tmf-api/partyManagement/v4/organization/rsp-1`,
        name: 'Acme',
        '@referredType': 'Organization',
        role: 'provider',
      },
      {
        id: 'as-1',
        href: `${base}/tmf-api/partyManagement/v4/organization/as-1`,
        '@referredType': 'Organization',
        role: 'wholesaler',
        inheritedFrom: [
          {
            id: 'uni-1',
            href: `${base}/tmf-api/resourceInventoryManagement/v4/resource/uni-1`,
            '@referredType': 'UNI',
          },
        ],
      },
    ]);
    expect((service.place as Array<{ id: string }>).map((place) => place.id)).toEqual(['dc-9', 'loc-1', 'loc-2']);
    expect(renderTmfV4(sampleSnapshot('resource'), context).place).toEqual({
      id: 'dc-9',
      href: `${base}/tmf-api/geographicSiteManagement/v4/geographicSite/dc-9`,
      '@referredType': 'GeographicSite',
      role: 'backup',
    });
  });

  it('nests v5 parties and places one level down, with @type on every object', () => {
    const service = renderTmfV5(sampleSnapshot('service'), context);
    expect((service.relatedParty as unknown[])[0]).toEqual({
      role: 'provider',
      partyOrPartyRole: {
        id: 'rsp-1',
        href: `${base}/tmf-api/partyManagement/v4/organization/rsp-1`,
        name: 'Acme',
        '@referredType': 'Organization',
        '@type': 'PartyRef',
      },
      '@type': 'RelatedPartyRefOrPartyRoleRef',
    });
    expect((service.place as Array<{ '@type': string }>)[0]!['@type']).toBe('RelatedPlaceRefOrValue');
    const resource = renderTmfV5(sampleSnapshot('resource'), context);
    expect((resource.place as Array<{ '@type': string }>)[0]!['@type']).toBe('RelatedPlaceRef');
    expect(resource.activationFeature).toHaveLength(2);
    expect(resource.feature).toBeUndefined();
    expect((resource.resourceRelationship as unknown[])[0]).toMatchObject({
      relationshipType: 'carries',
      resource: { id: 'cvc-1', '@type': 'ResourceRef' },
      '@type': 'ResourceRelationship',
    });
  });

  it('types each characteristic by its value', () => {
    const typed = [
      ['gold', 'StringCharacteristic', 'string'],
      [7, 'IntegerCharacteristic', 'integer'],
      [0.5, 'NumberCharacteristic', 'number'],
      [true, 'BooleanCharacteristic', 'boolean'],
      [{ a: 1 }, 'ObjectCharacteristic', 'object'],
      [['a'], 'StringArrayCharacteristic', 'stringArray'],
      [[1, 2], 'IntegerArrayCharacteristic', 'integerArray'],
      [[1, 2.5], 'NumberArrayCharacteristic', 'numberArray'],
      [[false], 'BooleanArrayCharacteristic', 'booleanArray'],
      [[{ a: 1 }], 'ObjectArrayCharacteristic', 'objectArray'],
      [[1, 'a'], 'Characteristic', 'array'],
    ] as const;
    for (const [value, type, valueType] of typed) {
      expect([characteristicTypeOf(value), valueTypeOf(value)]).toEqual([type, valueType]);
    }
  });

  it('shows the id as the name of an instance without one, and a note without author as by "unknown"', () => {
    const { name: _name, ...unnamed } = sampleSnapshot('service');
    expect(renderTmfV4(unnamed, context).name).toBe('service-1');
    expect(renderTmfV5(unnamed, context).name).toBe('service-1');
    expect((renderTmfV4(unnamed, context).note as Array<{ author: string }>).map((note) => note.author)).toEqual([
      'Acme',
      'unknown',
    ]);
  });

  it('gives a v4 feature without characteristics its isEnabled as one (TMF638 v4 requires one); v5 lists none', () => {
    const callerId = (json: Record<string, unknown>) =>
      (json.feature as Array<{ id: string }>).find((feature) => feature.id === 'callerId');
    expect(callerId(renderTmfV4(sampleSnapshot('service'), context))).toEqual({
      id: 'callerId',
      name: 'callerId',
      isEnabled: false,
      featureCharacteristic: [{ name: 'isEnabled', valueType: 'boolean', value: false }],
    });
    expect(callerId(renderTmfV5(sampleSnapshot('service'), context))).toMatchObject({
      featureCharacteristic: [],
      '@type': 'Feature',
    });
  });

  it("renders what change events diff in the inventory's own words, with hrefs from the server root", () => {
    const event = renderTmf(sampleSnapshot('service', { state: 'initial', operatingStatus: 'pending' }));
    expect(event).toMatchObject({
      href: '/tmf-api/serviceInventory/v4/service/service-1',
      state: 'initial',
      operatingStatus: 'pending',
    });
    expect(renderTmf(sampleSnapshot('resource'))).toMatchObject({
      lifecycleState: 'installed',
      administrativeState: 'shutdown',
    });
  });
});
