import { describe, expect, it } from 'vitest';
import {
  officialDocument,
  officialOperationSchemas,
  validateAgainstOfficial,
  type TmfApi,
} from '../support/official-schemas.js';

/** The validator against the official TMF638/TMF639 (inventory) and TMF633/TMF634 (catalog) files in api/tmf/official/ (server-free). */

/** `components.examples.<name>.value` of an official v5 file. */
const officialExample = (api: TmfApi, name: string): Record<string, unknown> => {
  const components = officialDocument(api, 'v5').raw.components as Record<string, Record<string, { value: unknown }>>;
  const example = components.examples?.[name];
  if (!example) throw new Error(`${api} v5 has no example ${name}`);
  return structuredClone(example.value) as Record<string, unknown>;
};

const valid = { valid: true, errors: [] };

const v5ServiceWith = (characteristic: unknown) => ({ '@type': 'Service', serviceCharacteristic: [characteristic] });

const v4Service = {
  id: 'svc-1',
  href: 'https://host/tmf-api/serviceInventory/v4/service/svc-1',
  name: 'broadband',
  state: 'active',
  serviceSpecification: {
    id: 'spec-1',
    href: 'https://host/tmf-api/serviceCatalogManagement/v4/serviceSpecification/spec-1',
  },
  serviceCharacteristic: [{ name: 'speed', valueType: 'string', value: '100M' }],
  relatedParty: [{ id: 'p1', role: 'owner', '@referredType': 'Individual' }],
  place: [{ id: 'pl1', role: 'InstallationAddress' }],
};

const v4Resource = {
  id: 'res-1',
  href: 'https://host/tmf-api/resourceInventoryManagement/v4/resource/res-1',
  name: 'RouterXX',
  '@type': 'Resource',
  resourceStatus: 'available',
  place: { id: 'pl1', href: 'https://host/place/pl1', role: 'site' },
  resourceCharacteristic: [{ name: 'ports', value: 24 }],
};

describe('official TMF v4 schemas (Swagger 2.0)', () => {
  it('a minimal Service and a minimal Resource pass', () => {
    expect(validateAgainstOfficial('TMF638', 'v4', 'Service', {})).toEqual(valid);
    expect(validateAgainstOfficial('TMF638', 'v4', 'Service', v4Service)).toEqual(valid);
    expect(validateAgainstOfficial('TMF639', 'v4', 'Resource', { id: 'r', href: '/r' })).toEqual(valid);
    expect(validateAgainstOfficial('TMF639', 'v4', 'Resource', v4Resource)).toEqual(valid);
  });

  it('a Service in state "initial" fails: ServiceStateType v4 lacks it (and "suspended", which v5 adds)', () => {
    const result = validateAgainstOfficial('TMF638', 'v4', 'Service', { ...v4Service, state: 'initial' });
    expect(result).toEqual({
      valid: false,
      errors: [
        '/state: must be equal to one of the allowed values ' +
          '(feasibilityChecked, designed, reserved, inactive, active, terminated)',
      ],
    });
    expect(validateAgainstOfficial('TMF638', 'v4', 'Service', { state: 'suspended' }).valid).toBe(false);
    const suspended = { '@type': 'Service', state: 'suspended' };
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', suspended).valid).toBe(true);
  });

  it('a Resource with place as an array fails: v4 Resource.place is one RelatedPlaceRefOrValue', () => {
    const result = validateAgainstOfficial('TMF639', 'v4', 'Resource', { ...v4Resource, place: [v4Resource.place] });
    expect(result).toEqual({ valid: false, errors: ['/place: must be object'] });
  });

  it('Resource requires id and href; Resource_Create (hot-fixed 2020) requires only name', () => {
    expect(validateAgainstOfficial('TMF639', 'v4', 'Resource', { name: 'x' }).errors).toEqual([
      "/: must have required property 'href'",
      "/: must have required property 'id'",
    ]);
    expect(validateAgainstOfficial('TMF639', 'v4', 'Resource_Create', { name: 'x' }).valid).toBe(true);
    expect(validateAgainstOfficial('TMF639', 'v4', 'Resource_Create', {}).errors).toEqual([
      "/: must have required property 'name'",
    ]);
    expect(validateAgainstOfficial('TMF638', 'v4', 'Service_Create', { name: 'x' }).errors).toEqual([
      "/: must have required property 'state'",
      "/: must have required property 'serviceSpecification'",
    ]);
  });

  it('a characteristic of the wrong shape fails (Characteristic requires name and value)', () => {
    const noValue = validateAgainstOfficial('TMF639', 'v4', 'Resource', {
      ...v4Resource,
      resourceCharacteristic: [{ name: 'ports' }],
    });
    expect(noValue.errors).toEqual(["/resourceCharacteristic/0: must have required property 'value'"]);
    const notAnArray = validateAgainstOfficial('TMF638', 'v4', 'Service', {
      serviceCharacteristic: { speed: '100M' },
    });
    expect(notAnArray.errors).toEqual(['/serviceCharacteristic: must be array']);
    const nameNotString = validateAgainstOfficial('TMF638', 'v4', 'Service', {
      serviceCharacteristic: [{ name: 7, value: 'x' }],
    });
    expect(nameNotString.errors).toEqual(['/serviceCharacteristic/0/name: must be string']);
  });

  it('TMF638 v4 RelatedParty requires id and @referredType; its href must be an absolute URI', () => {
    const result = validateAgainstOfficial('TMF638', 'v4', 'Service', {
      relatedParty: [{ id: 'p1', href: '/tmf-api/partyManagement/v4/individual/p1' }],
    });
    expect(result.errors).toEqual([
      "/relatedParty/0: must have required property '@referredType'",
      '/relatedParty/0/href: must match format "uri"',
    ]);
  });

  it('the v4 Resource state enumerations are the v4 ones', () => {
    const states = { administrativeState: 'locked', operationalState: 'enable', usageState: 'busy' };
    expect(validateAgainstOfficial('TMF639', 'v4', 'Resource', { ...v4Resource, ...states }).valid).toBe(true);
    const v5Spelling = validateAgainstOfficial('TMF639', 'v4', 'Resource', {
      ...v4Resource,
      operationalState: 'enabled',
      administrativeState: 'shuttingDown',
    });
    expect(v5Spelling.errors).toEqual([
      '/administrativeState: must be equal to one of the allowed values (locked, unlocked, shutdown)',
      '/operationalState: must be equal to one of the allowed values (enable, disable)',
    ]);
  });
});

describe('official TMF v5 schemas (OAS 3.0)', () => {
  const serviceOperations = ['Service_retrieve_example_response', 'Create_Service_response'];

  it('the official Service and Resource examples pass as Service, Service_FVO, Resource_RES and Resource_FVO', () => {
    for (const name of serviceOperations) {
      expect(validateAgainstOfficial('TMF638', 'v5', 'Service', officialExample('TMF638', name)), name).toEqual(valid);
    }
    const create = officialExample('TMF638', 'Create_Service_request');
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service_FVO', create).valid).toBe(true);
    const resource = officialExample('TMF639', 'Resource_retrieve_example_response');
    expect(validateAgainstOfficial('TMF639', 'v5', 'Resource_RES', resource)).toEqual(valid);
    const createResource = officialExample('TMF639', 'CreateResource_with_references_to_SubResource_request');
    expect(validateAgainstOfficial('TMF639', 'v5', 'Resource_FVO', createResource).valid).toBe(true);
    const list = officialExample('TMF639', 'Resource_list_example_response') as unknown as unknown[];
    for (const item of list) expect(validateAgainstOfficial('TMF639', 'v5', 'Resource_RES', item).valid).toBe(true);
  });

  it('a minimal Service and a minimal Resource pass', () => {
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', { '@type': 'Service' }).valid).toBe(true);
    const resource = { id: 'r1', href: '/resource/r1', '@type': 'LogicalResource', name: 'vlan 7' };
    expect(validateAgainstOfficial('TMF639', 'v5', 'Resource_RES', resource)).toEqual(valid);
  });

  it('an item without @type fails (Extensible requires it), and so does a Resource_RES without id or href', () => {
    const { '@type': _type, ...untyped } = officialExample('TMF638', 'Service_retrieve_example_response');
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', untyped).errors).toEqual([
      "/: must have required property '@type'",
    ]);
    expect(validateAgainstOfficial('TMF639', 'v5', 'Resource_RES', { '@type': 'Resource', name: 'x' }).errors).toEqual([
      "/: must have required property 'id'",
      "/: must have required property 'href'",
    ]);
  });

  it('a state outside the v5 enumerations fails', () => {
    const initial = { '@type': 'Service', state: 'initial' };
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', initial).errors).toEqual([
      '/state: must be equal to one of the allowed values ' +
        '(feasibilityChecked, designed, reserved, inactive, active, terminated, suspended)',
    ]);
    const v4Spelling = { id: 'r', href: '/r', '@type': 'Resource', operationalState: 'enable' };
    expect(validateAgainstOfficial('TMF639', 'v5', 'Resource_RES', v4Spelling).errors).toEqual([
      '/operationalState: must be equal to one of the allowed values (enabled, disabled)',
    ]);
  });

  it('characteristics are typed by @type: a StringCharacteristic with a number value fails', () => {
    const good = v5ServiceWith({ '@type': 'StringCharacteristic', name: 'speed', value: '100M' });
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', good).valid).toBe(true);
    const numberValue = v5ServiceWith({ '@type': 'StringCharacteristic', name: 'speed', value: 100 });
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', numberValue).errors).toEqual([
      '/serviceCharacteristic/0/value: must be string',
    ]);
    const stringForObject = v5ServiceWith({ '@type': 'ObjectCharacteristic', name: 'gpu', value: 'nvidia' });
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', stringForObject).errors).toEqual([
      '/serviceCharacteristic/0/value: must be object',
    ]);
    const untyped = v5ServiceWith({ name: 'speed', value: '100M' });
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', untyped).errors).toEqual([
      "/serviceCharacteristic/0: must have required property '@type'",
    ]);
    const resource = {
      id: 'r',
      href: '/r',
      '@type': 'Resource',
      resourceCharacteristic: [{ '@type': 'IntegerArrayCharacteristic', name: 'cores', value: [1, 'two'] }],
    };
    expect(validateAgainstOfficial('TMF639', 'v5', 'Resource_RES', resource).errors).toEqual([
      '/resourceCharacteristic/0/value/1: must be integer',
    ]);
  });

  it('an @type the mapping does not list is held to the base schema only (TMF extension by @type)', () => {
    const custom = { '@type': 'GpuCharacteristic', '@schemaLocation': 'https://x/gpu.json', name: 'gpu', value: 3 };
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', v5ServiceWith(custom))).toEqual(valid);
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', v5ServiceWith({ ...custom, name: 3 })).errors).toEqual([
      '/serviceCharacteristic/0/name: must be string',
    ]);
  });

  it('relatedParty is RelatedPartyRefOrPartyRoleRef: the party sits in partyOrPartyRole, itself typed by @type', () => {
    const party = (partyOrPartyRole: Record<string, unknown>) => ({
      '@type': 'Service',
      relatedParty: [{ '@type': 'RelatedPartyRefOrPartyRoleRef', role: 'owner', partyOrPartyRole }],
    });
    const partyRef = party({ '@type': 'PartyRef', id: 'p1' });
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', partyRef)).toEqual(valid);
    expect(validateAgainstOfficial('TMF638', 'v5', 'Service', party({ '@type': 'PartyRef', id: 7 })).errors).toEqual([
      '/relatedParty/0/partyOrPartyRole/id: must be string',
    ]);
    const untyped = validateAgainstOfficial('TMF638', 'v5', 'Service', party({ id: 'p1' }));
    expect(untyped.valid).toBe(false);
    expect(untyped.errors).toContain("/relatedParty/0/partyOrPartyRole: must have required property '@type'");
  });

  it('place is an array in v5 Resource (RelatedPlaceRef) and in both Service versions', () => {
    const place = { '@type': 'RelatedPlaceRef', role: 'site', place: { '@type': 'PlaceRef', id: 'pl1' } };
    const resource = { id: 'r', href: '/r', '@type': 'Resource', place: [place] };
    expect(validateAgainstOfficial('TMF639', 'v5', 'Resource_RES', resource).valid).toBe(true);
    expect(validateAgainstOfficial('TMF639', 'v5', 'Resource_RES', { ...resource, place }).errors).toEqual([
      '/place: must be array',
    ]);
  });
});

describe('officialOperationSchemas', () => {
  it('reads the request and response schemas of each operation from the official files', () => {
    // [item served by list, retrieve, create and patch; create body; patch body]
    const expected = {
      TMF638: { v4: ['Service', 'Service_Create', 'Service_Update'], v5: ['Service', 'Service_FVO', 'Service_MVO'] },
      TMF639: {
        v4: ['Resource', 'Resource_Create', 'Resource_Update'],
        v5: ['Resource_RES', 'Resource_FVO', 'Resource'],
      },
    } as const;
    for (const api of ['TMF638', 'TMF639'] as const) {
      for (const version of ['v4', 'v5'] as const) {
        const [item, create, patch] = expected[api][version];
        const schemas = (operation: 'list' | 'retrieve' | 'create' | 'patch') =>
          officialOperationSchemas(api, version, operation);
        expect(schemas('list'), `${api} ${version}`).toEqual({ response: item });
        expect(schemas('retrieve'), `${api} ${version}`).toEqual({ response: item });
        expect(schemas('create'), `${api} ${version}`).toEqual({ request: create, response: item });
        expect(schemas('patch'), `${api} ${version}`).toEqual({ request: patch, response: item });
      }
    }
  });

  it('an unknown schema name is an error that lists the names the file has', () => {
    const v5Name = () => validateAgainstOfficial('TMF639', 'v4', 'Resource_FVO', {});
    expect(v5Name).toThrow(/has no schema Resource_FVO; it has Any/);
  });
});

describe('official TMF633/TMF634 catalog schemas', () => {
  it('the official TMF634 v5 ResourceSpecification examples pass', () => {
    const one = officialExample('TMF634', 'ResourceSpecification_retrieve_example_response');
    expect(validateAgainstOfficial('TMF634', 'v5', 'ResourceSpecification', one)).toEqual(valid);
    const list = officialExample('TMF634', 'ResourceSpecification_list_example_response') as unknown as unknown[];
    expect(list.length).toBeGreaterThan(1);
    for (const item of list)
      expect(validateAgainstOfficial('TMF634', 'v5', 'ResourceSpecification', item)).toEqual(valid);
  });

  it('reads the specification operations of each catalog file; there is no TMF633 v5 file', () => {
    expect(officialOperationSchemas('TMF633', 'v4', 'retrieve')).toEqual({ response: 'ServiceSpecification' });
    expect(officialOperationSchemas('TMF634', 'v4', 'list')).toEqual({ response: 'ResourceSpecification' });
    expect(officialOperationSchemas('TMF634', 'v5', 'retrieve')).toEqual({ response: 'ResourceSpecification' });
    expect(() => officialDocument('TMF633', 'v5')).toThrow('there is no official TMF633 v5 file');
  });

  it('v4 names the allowed values per API: a TMF634 v4 value list of the wrong shape fails', () => {
    const characteristic = { name: 'speed', resourceSpecCharacteristicValue: [{ value: 1, valueType: 7 }] };
    expect(
      validateAgainstOfficial('TMF634', 'v4', 'ResourceSpecification', { resourceSpecCharacteristic: [characteristic] })
        .errors,
    ).toEqual(['/resourceSpecCharacteristic/0/resourceSpecCharacteristicValue/0/valueType: must be string']);
    const service = { specCharacteristic: [{ name: 'speed', characteristicValueSpecification: {} }] };
    expect(validateAgainstOfficial('TMF633', 'v4', 'ServiceSpecification', service).errors).toEqual([
      '/specCharacteristic/0/characteristicValueSpecification: must be array',
    ]);
  });
});
