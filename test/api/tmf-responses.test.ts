import type { FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/http-api.js';
import { tmfResource, tmfService } from '../../api/tmf-schemas.js';
import { AVC, CVC, NNI, UNI, AccessSeeker, Exchange, Premises } from '../../examples/wholesale/index.js';
import { renderTmf, type InstanceSnapshot } from '../../model/tmf-json.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

const paths = {
  service: '/tmf-api/serviceInventoryManagement/v4/service',
  resource: '/tmf-api/resourceInventoryManagement/v4/resource',
} as const;

const specification = (type: 'serviceSpecification' | 'resourceSpecification') => ({
  id: '0b5e2f4a-9c1d-4e3f-8a7b-6c5d4e3f2a1b',
  name: 'sample',
  type,
  major: 2,
  minor: 1,
  patch: 0,
  description: 'every part renderTmf writes',
  category: 'Sample',
});

/** A snapshot with something in every part renderTmf renders, inherited values among them. */
function fullSnapshot(type: 'service' | 'resource', states: Record<string, string>): InstanceSnapshot {
  const from = [{ id: 'uni-1', kind: 'UNI', type: 'resource' as const }];
  const place = { id: 'loc-2', name: 'Darling St', kind: 'Premises', type: 'GeographicAddress' };
  return {
    id: `${type}-1`,
    kind: 'Sample',
    type,
    name: 'everything',
    states,
    specification: specification(type === 'service' ? 'serviceSpecification' : 'resourceSpecification'),
    characteristics: [
      { name: 'speed', value: { down: 100, up: 40 } },
      { name: 'unset', value: null },
    ],
    features: [
      { name: 'staticIp', isEnabled: true, characteristics: [{ name: 'address', value: '192.0.2.7' }] },
      { name: 'callerId', isEnabled: false, characteristics: [] },
    ],
    pools: [
      { name: 'ports', thing: 'port', first: 1, last: 4, algorithm: 'lowest', assignableType: 'AVC', assigned: 3 },
    ],
    parties: [{ role: 'provider', id: 'rsp-1', name: 'Acme', kind: 'RSP', type: 'Organization' }],
    places: [{ role: 'site', id: 'loc-1', kind: 'Premises', type: 'GeographicAddress' }],
    relationships: [
      {
        type: 'carries',
        alias: 'main',
        target: { id: 'cvc-1', type: 'resource', kind: 'CVC' },
        characteristics: [{ name: 'weight', value: 2 }],
      },
      { type: 'uses', target: { id: 'svc-2', type: 'service', kind: 'AVC' }, characteristics: [] },
    ],
    givenAssignments: [
      { pool: 'ports', thing: 'port', value: 1, alias: 'uni', assignee: { id: 'avc-1', type: 'service', kind: 'AVC' } },
    ],
    assignments: [],
    notes: [
      { id: 'n1', date: '2026-11-01T09:00:00.000Z', text: 'installed', author: 'Acme' },
      { id: 'n2', date: '2026-11-02T09:00:00.000Z', text: 'checked' },
    ],
    externalIdentifiers: [
      { type: 'crmOrder', id: 'ORD-1', owner: 'rsp-1' },
      { type: 'nbnAvcId', id: 'AVC0001' },
    ],
    inherited: [
      {
        name: 'installationSite',
        category: 'place',
        status: 'known',
        collapse: 'first',
        items: [{ value: 'loc-2', ref: place, from }],
      },
      {
        name: 'wholesaler',
        category: 'party',
        status: 'known',
        items: [{ value: 'as-1', ref: { id: 'as-1', kind: 'AccessSeeker', type: 'Organization' }, from }],
      },
      {
        name: 'cvcBandwidthMbps',
        category: 'characteristic',
        status: 'known',
        collapse: 'first',
        items: [{ value: 2000, from }],
      },
      {
        name: 'svlanIds',
        category: 'field',
        status: 'known',
        items: [
          { value: 7, from },
          { value: 9, from },
        ],
      },
      { name: 'exchange', category: 'place', status: 'unknown', reason: 'not yet' },
    ],
  };
}

describe('TMF response schemas (pure)', () => {
  const serviceStates = {
    state: 'terminated',
    operatingStatus: 'stopped',
    startDate: '2026-11-01T09:00:00Z',
    endDate: '2026-12-01T09:00:00Z',
  };
  const resourceStates = {
    lifecycleState: 'installed',
    administrativeState: 'locked',
    operationalState: 'enable',
    usageState: 'busy',
  };
  const cases = [
    { schema: tmfService, snapshot: fullSnapshot('service', serviceStates) },
    { schema: tmfResource, snapshot: fullSnapshot('resource', resourceStates) },
  ];

  it.each(cases)('describe every key renderTmf writes for a $snapshot.type, in its order', ({ schema, snapshot }) => {
    const rendered = renderTmf(snapshot);
    expect(Object.keys(rendered)).toEqual(Object.keys(schema.shape));
  });

  /** What the route's response serializer writes for a body. */
  const serialize = (schema: typeof tmfService | typeof tmfResource, body: unknown) =>
    serializerCompiler({ schema, method: 'GET', url: '/', httpStatus: '200' })(body);

  it.each(cases)('serialize a whole $snapshot.type to exactly the JSON renderTmf made', ({ schema, snapshot }) => {
    const rendered = renderTmf(snapshot);
    expect(serialize(schema, rendered)).toBe(JSON.stringify(rendered));
  });

  it('accept an item trimmed by fields= (id, href and @type stay), and refuse one without id', () => {
    const trimmed = { id: 's', href: 'h', state: 'active', '@type': 'AVC' };
    expect(serialize(tmfService, trimmed)).toBe(JSON.stringify(trimmed));
    expect(() => serialize(tmfResource, { href: 'h', '@type': 'UNI' })).toThrow();
  });
});

/** The routes' responses over the real stack: what the API sends is what renderTmf made. */
describe('TMF responses over HTTP', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  let app: FastifyInstance;
  const run = uniqueId('tmf-responses').slice(-8);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { expectations, taskQueue } = harness;
    app = await buildApi({ inventory, expectations, client: harness.env().client, taskQueue });
    const { places, parties } = inventory;
    const exchange = track.party(await places.create(Exchange.name, { id: `2BLT-${run}`, name: 'Balmain' }));
    const premises = track.party(await places.create(Premises.name, { id: `LOC-${run}`, name: '1 Darling St' }));
    const seeker = track.party(await parties.create(AccessSeeker.name, { id: `AS-${run}`, name: 'Fast Fibre' }));
    const cvc = track.instance(
      await inventory.instances.build(CVC, {
        name: `CVC-${run}`,
        characteristics: { bandwidthMbps: 2000 },
        parties: [{ role: 'provider', id: seeker.id }],
      }),
    );
    await inventory.instances.define(CVC, cvc.id, { pools: { svlans: { first: 2, last: 4000 } } });
    const nni = track.instance(
      await inventory.instances.build(NNI, {
        name: `NNI-${run}`,
        characteristics: { capacityGbps: 100 },
        places: [{ role: 'exchange', id: exchange.id }],
        relationships: [{ type: 'carries', target: cvc.id, alias: 'cvc', characteristics: { vlanRange: '2-4000' } }],
      }),
    );
    const uni = track.instance(
      await inventory.instances.build(UNI, {
        name: `UNI-${run}`,
        places: [{ role: 'site', id: premises.id }],
      }),
    );
    await inventory.instances.define(UNI, uni.id, { pools: { ports: { first: 1, last: 4 } } });
    const avc = track.instance(
      await inventory.instances.build(AVC, {
        name: `AVC-${run}`,
        characteristics: { speedTier: '100/40' },
      }),
    );
    await inventory.assignments.assign({ owner: uni.id, pool: 'ports', assignee: avc.id, alias: 'uni' });
    await inventory.assignments.assign({ owner: cvc.id, pool: 'svlans', assignee: avc.id, alias: 'svlan' });
    const { annotations } = inventory;
    await annotations.addNote(avc.id, { text: 'installed', author: seeker.id, date: '2026-11-01T09:00:00.000Z' });
    await annotations.setExternalIdentifier(avc.id, { type: 'crmOrder', id: `ORD-${run}`, owner: seeker.id });
    Object.assign(ids, { nni: nni.id, cvc: cvc.id, uni: uni.id, avc: avc.id });
  });
  afterAll(() => app?.close());

  const instances = [
    {
      name: 'an AVC service with inherited places, parties and fields, a note and an external identifier',
      type: 'service',
      id: () => ids.avc!,
    },
    { name: 'a UNI resource with a pool, a place and an assignment', type: 'resource', id: () => ids.uni! },
    { name: 'an NNI resource with a relationship and its characteristics', type: 'resource', id: () => ids.nni! },
    { name: 'a CVC resource with a party and a pool', type: 'resource', id: () => ids.cvc! },
  ] as const;

  it.each(instances)("GET $name: the body is renderTmf's JSON, every field and in order", async ({ type, id }) => {
    const response = await app.inject(`${paths[type]}/${id()}`);
    expect(response.statusCode).toBe(200);
    const rendered = renderTmf(await inventory.instances.get(id()));
    expect(response.json()).toEqual(rendered);
    expect(response.body).toBe(JSON.stringify(rendered));
  });

  it('lists render each instance the same way', async () => {
    const response = await app.inject(`${paths.resource}?name=NNI-${run},CVC-${run},UNI-${run}`);
    expect(response.statusCode).toBe(200);
    const rendered = await Promise.all(
      [ids.nni!, ids.cvc!, ids.uni!].map(async (id) => renderTmf(await inventory.instances.get(id))),
    );
    expect(response.json()).toHaveLength(3);
    expect(response.json()).toEqual(expect.arrayContaining(rendered));
  });

  it('documents the TMF Service and Resource responses with typed schemas in the OpenAPI document', async () => {
    const document = (await app.inject('/openapi.json')).json();
    const responseSchema = (path: string, status: string) =>
      document.paths[path].get.responses[status].content['application/json'].schema;
    for (const type of ['service', 'resource'] as const) {
      const one = responseSchema(`${paths[type]}/{id}`, '200');
      const properties = [
        'id',
        'href',
        'name',
        `${type}Specification`,
        `${type}Characteristic`,
        'feature',
        'serviceRelationship',
        'resourceRelationship',
        'supportingService',
        'supportingResource',
        'relatedParty',
        'note',
        'externalIdentifier',
        'place',
        '@type',
        '@baseType',
      ];
      expect(one.type).toBe('object');
      expect(Object.keys(one.properties)).toEqual(expect.arrayContaining(properties));
      expect(one.required).toEqual(['id', 'href', '@type']);
      const specification = one.properties[`${type}Specification`];
      expect(specification.required).toEqual(['id', 'href', 'name', 'version', '@referredType']);
      expect(one.properties[`${type}Characteristic`].items.properties).toHaveProperty('inheritedFrom');
      expect(one.properties.relatedParty.items.properties['@type']).toMatchObject({ enum: ['RelatedParty'] });
      for (const status of ['200', '206']) {
        expect(responseSchema(paths[type], status)).toEqual({ type: 'array', items: one });
      }
    }
    expect(responseSchema(`${paths.service}/{id}`, '200').properties.state.enum).toContain('active');
    expect(responseSchema(`${paths.resource}/{id}`, '200').properties.lifecycleState.enum).toContain('installed');
  });
});
