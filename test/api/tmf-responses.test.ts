import type { FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildApi } from '../../api/http-api.js';
import { tmfItems } from '../../api/tmf-schemas.js';
import { selectFields } from '../../api/tmf-query.js';
import { AVC, CVC, NNI, UNI, AccessSeeker, Exchange, Premises } from '../../examples/wholesale/index.js';
import { collectionPath } from '../../model/tmf/tmf-paths.js';
import { renderTmfV4 } from '../../model/tmf/v4-json.js';
import { renderTmfV5 } from '../../model/tmf/v5-json.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { sampleSnapshot } from '../support/sample-snapshot.js';

const render = { v4: renderTmfV4, v5: renderTmfV5 } as const;
const versionCases = (['v4', 'v5'] as const).flatMap((version) =>
  (['service', 'resource'] as const).map((type) => ({ version, type, schema: tmfItems[version][type] })),
);

describe('TMF response schemas (pure)', () => {
  const context = { baseUrl: 'http://api.test' };

  it.each(versionCases)(
    'describe every key the $version renderer writes for a $type, in its order',
    ({ version, type, schema }) => {
      const rendered = render[version](sampleSnapshot(type), context);
      expect(Object.keys(rendered)).toEqual(Object.keys(schema.shape).filter((key) => key in rendered));
      expect(Object.keys(rendered).length).toBe(Object.keys(schema.shape).length - (type === 'service' ? 1 : 0)); // no endDate
    },
  );

  /** What the route's response serializer writes for a body. */
  const serialize = (schema: z.ZodType, body: unknown) =>
    serializerCompiler({ schema, method: 'GET', url: '/', httpStatus: '200' })(body);

  it.each(versionCases)(
    'serialize a whole $version $type to exactly the JSON the renderer made',
    ({ version, type, schema }) => {
      const rendered = render[version](sampleSnapshot(type), context);
      expect(serialize(schema, rendered)).toBe(JSON.stringify(rendered));
    },
  );

  it.each(versionCases)(
    'accept a $version $type trimmed by fields=, also dotted; refuse one without id',
    ({ version, type, schema }) => {
      const rendered = render[version](sampleSnapshot(type), context);
      const trimmed = selectFields(rendered, `name,relatedParty.role,place.role,${type}Characteristic.name`);
      expect(serialize(schema, trimmed)).toBe(JSON.stringify(trimmed));
      expect(() => serialize(schema, { href: 'h', '@type': 'UNI' })).toThrow();
    },
  );

  it("refuse a v5 characteristic whose value is not of its @type, and a state outside the version's enumeration", () => {
    const service = render.v5(sampleSnapshot('service'), context);
    const wrong = {
      ...service,
      serviceCharacteristic: [{ name: 'n', value: 'text', '@type': 'IntegerCharacteristic' }],
    };
    expect(() => serialize(tmfItems.v5.service, wrong)).toThrow();
    expect(() =>
      serialize(tmfItems.v4.service, { ...render.v4(sampleSnapshot('service'), context), state: 'suspended' }),
    ).toThrow();
  });
});

/** The routes' responses over the real stack: what the API sends is what renderTmf made. */
describe('TMF responses over HTTP', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  let app: FastifyInstance;
  const run = uniqueId('tmf-responses').slice(-8);
  const publicUrl = 'https://inventory.example.com';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { expectations, taskQueue } = harness;
    app = await buildApi({ inventory, expectations, client: harness.env().client, taskQueue, publicUrl });
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

  const withVersions = (['v4', 'v5'] as const).flatMap((version) =>
    instances.map((instance) => ({ ...instance, version })),
  );

  it.each(withVersions)(
    "GET $version $name: the body is the renderer's JSON, every field and in order",
    async ({ version, type, id }) => {
      const response = await app.inject(`${collectionPath(version, type)}/${id()}`);
      expect(response.statusCode).toBe(200);
      const rendered = render[version](await inventory.instances.get(id()), { baseUrl: publicUrl });
      expect(response.json()).toEqual(rendered);
      expect(response.body).toBe(JSON.stringify(rendered));
    },
  );

  it.each(['v4', 'v5'] as const)('lists render each instance the same way (%s)', async (version) => {
    const response = await app.inject(`${collectionPath(version, 'resource')}?name=NNI-${run},CVC-${run},UNI-${run}`);
    expect(response.statusCode).toBe(200);
    const rendered = await Promise.all(
      [ids.nni!, ids.cvc!, ids.uni!].map(async (id) =>
        render[version](await inventory.instances.get(id), { baseUrl: publicUrl }),
      ),
    );
    expect(response.json()).toHaveLength(3);
    expect(response.json()).toEqual(expect.arrayContaining(rendered));
  });

  it('documents the TMF Service and Resource responses of both versions with typed schemas in the OpenAPI document', async () => {
    const document = (await app.inject('/openapi.json')).json();
    const responseSchema = (path: string, status: string) =>
      document.paths[path].get.responses[status].content['application/json'].schema;
    for (const { version, type } of versionCases) {
      const one = responseSchema(`${collectionPath(version, type)}/{id}`, '200');
      const properties = [
        'id',
        'href',
        'name',
        `${type}Specification`,
        `${type}Characteristic`,
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
      expect(specification.required).toEqual(
        version === 'v5' ? ['id', 'href', '@referredType', '@type'] : ['id', 'href', '@referredType'],
      );
      for (const status of ['200', '206']) {
        expect(responseSchema(collectionPath(version, type), status)).toEqual({ type: 'array', items: one });
      }
    }
    const v5Service = responseSchema(`${collectionPath('v5', 'service')}/{id}`, '200');
    expect(v5Service.properties.state.enum).toContain('suspended');
    expect(v5Service.properties.serviceCharacteristic.items.oneOf.length).toBe(11);
    expect(v5Service.properties.relatedParty.items.properties.partyOrPartyRole.properties['@type']).toMatchObject({
      enum: ['PartyRef'],
    });
    expect(responseSchema(`${collectionPath('v4', 'service')}/{id}`, '200').properties.state.enum).not.toContain(
      'suspended',
    );
    expect(responseSchema(`${collectionPath('v4', 'resource')}/{id}`, '200').properties.resourceStatus.enum).toContain(
      'available',
    );
    expect(responseSchema(`${collectionPath('v4', 'resource')}/{id}`, '200').properties.place.type).toBe('object');
  });
});
