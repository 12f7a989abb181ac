import { beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/http-api.js';
import { runDemo } from '../../cli/demo.js';
import { wholesaleIds } from '../../cli/demo-wholesale.js';
import type { InstanceType } from '../../model/instance-ref.js';
import type { TmfVersion } from '../../model/tmf/state-vocabulary.js';
import { collectionPath, legacyServiceInventoryBasePath } from '../../model/tmf/tmf-paths.js';
import { uniqueId } from '../support/graph.js';
import { validateAgainstOfficial } from '../support/official-schemas.js';
import { apiServer } from '../support/api-server.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * The TMF638/TMF639 read APIs, v4 and v5, over the real stack after the demo scenarios (under
 * this run's ids) plus notes and external identifiers: every item valid against its version's
 * official schema, every href answering with the same id, and the TMF630 rules.
 */
type Json = Record<string, unknown>;

const versions = ['v4', 'v5'] as const;
const officialSchema = { service: 'Service', resource: 'Resource' } as const;
const apiOf = { service: 'TMF638', resource: 'TMF639' } as const;

/** Every `href` in an item, with the `id` beside it. */
function hrefsIn(value: unknown, found: Array<{ href: string; id: unknown }> = []) {
  if (Array.isArray(value)) for (const element of value) hrefsIn(element, found);
  else if (typeof value === 'object' && value !== null) {
    const object = value as Json;
    if (typeof object.href === 'string') found.push({ href: object.href, id: object.id });
    for (const inner of Object.values(object)) hrefsIn(inner, found);
  }
  return found;
}

describe('TMF638/TMF639 read APIs, v4 and v5', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  const prefix = uniqueId('read');
  const wholesale = wholesaleIds(prefix);
  const ids: Record<InstanceType, string[]> = {
    service: [`${prefix}-broadband-1`, `${prefix}-broadband-2`, wholesale.avc, wholesale.secondAvc],
    resource: [
      ...['cluster-1', 'gpu-1', 'gpu-2'].map((suffix) => `${prefix}-${suffix}`),
      wholesale.cvc,
      wholesale.nni,
      wholesale.uni,
    ],
  };
  for (const id of [...ids.service, ...ids.resource]) track.expectationId(id);
  for (const id of [wholesale.exchange, wholesale.premises, wholesale.seeker]) track.party({ id });
  const server = apiServer(harness);
  let base: string;

  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  const list = (version: TmfVersion, type: InstanceType, query = '') =>
    call(`${collectionPath(version, type)}?id=${ids[type].join(',')}${query ? `&${query}` : ''}`);

  beforeAll(async () => {
    base = server.base;
    const narrated: string[] = [];
    if (!(await runDemo({ ...harness.deps(), inventory }, (line) => narrated.push(line), { baseUrl: base, prefix }))) {
      throw new Error(`the demo did not end met:\n${narrated.join('\n')}`);
    }
    const author = track.party(await inventory.parties.create('RSP', { id: uniqueId('rsp'), name: 'Acme Retail' }));
    for (const id of [ids.service[0]!, ids.resource[0]!]) {
      await inventory.annotations.addNote(id, {
        text: 'installed',
        author: author.id,
        date: '2026-11-01T09:00:00.000Z',
      });
      await inventory.annotations.addNote(id, { text: 'checked by a script' });
      await inventory.annotations.setExternalIdentifier(id, {
        type: 'crmOrder',
        id: `ORD-${prefix}`,
        owner: author.id,
      });
    }
  }, 300_000);

  const cases = versions.flatMap((version) => (['service', 'resource'] as const).map((type) => ({ version, type })));

  it.each(cases)('lists and gets every $version $type valid against the official schema', async ({ version, type }) => {
    const schema = version === 'v5' && type === 'resource' ? 'Resource_RES' : officialSchema[type];
    const listed = await list(version, type);
    expect(listed.status).toBe(200);
    expect(listed.json.map((item: Json) => item.id).sort()).toEqual([...ids[type]].sort());
    const whole = await call(`${collectionPath(version, type)}?limit=1000`);
    for (const item of [...listed.json, ...whole.json]) {
      expect(validateAgainstOfficial(apiOf[type], version, schema, item), item.id).toEqual({ valid: true, errors: [] });
    }
    for (const id of ids[type]) {
      const fetched = await call(`${collectionPath(version, type)}/${id}`);
      expect(fetched.status).toBe(200);
      expect(validateAgainstOfficial(apiOf[type], version, schema, fetched.json), id).toEqual({
        valid: true,
        errors: [],
      });
    }
  });

  it.each(cases)(
    'follows every href of every $version $type: each answers 200 with the same id',
    async ({ version, type }) => {
      const answered = new Map<string, unknown>();
      for (const item of (await list(version, type)).json as Json[]) {
        for (const { href, id } of hrefsIn(item)) {
          expect(href.startsWith(`${base}/tmf-api/`), href).toBe(true);
          if (!answered.has(href)) {
            const { status, json } = await call(href);
            expect(status, href).toBe(200);
            answered.set(href, json.id);
          }
          expect(answered.get(href), href).toBe(id);
        }
      }
      expect(answered.size).toBeGreaterThan(10);
    },
  );

  it("shows the demo's parts: features, pools, relationships, assignments, inherited facts, notes, external identifiers", async () => {
    const broadband = (await call(`${collectionPath('v5', 'service')}/${ids.service[0]}`)).json;
    expect(broadband).toMatchObject({
      state: 'suspended',
      feature: [{ id: 'staticIp', isEnabled: false }],
      serviceRelationship: [{ relationshipType: 'reliesOn', service: { id: wholesale.avc } }],
      supportingResource: [{ id: wholesale.uni, '@type': 'ResourceRef' }],
      place: [{ role: 'installationSite', place: { id: wholesale.premises }, inheritedFrom: [{ id: wholesale.uni }] }],
      note: [
        { text: 'installed', author: 'Acme Retail' },
        { text: 'checked by a script', author: 'unknown' },
      ],
      externalIdentifier: [{ externalIdentifierType: 'crmOrder', '@type': 'ExternalIdentifier' }],
    });
    const uni = (await call(`${collectionPath('v4', 'resource')}/${wholesale.uni}`)).json;
    expect(uni.resourceCharacteristic).toContainEqual({
      name: 'ports',
      valueType: 'object',
      value: expect.objectContaining({ assigned: 2 }),
    });
    expect(uni.serviceRelationship.map((relationship: { service: Json }) => relationship.service.id)).toEqual([
      wholesale.avc,
      wholesale.secondAvc,
    ]);
    expect(uni.place).toMatchObject({ id: wholesale.premises, role: 'site' });
  });

  it("speaks each version's state vocabulary, in items and in filters", async () => {
    const suspended = ids.service[0]!;
    expect((await call(`${collectionPath('v4', 'service')}/${suspended}`)).json.state).toBe('inactive');
    expect((await list('v4', 'service', 'state=inactive')).json.map((item: Json) => item.id)).toEqual([suspended]);
    expect((await list('v4', 'service', 'state=suspended')).json).toEqual([]);
    expect((await list('v5', 'service', 'state=suspended')).json.map((item: Json) => item.id)).toEqual([suspended]);
    const v4Resources = (await list('v4', 'resource', 'resourceStatus=available')).json.map((item: Json) => item.id);
    expect(v4Resources).toContain(ids.resource[0]);
    expect((await list('v5', 'resource', 'lifecycleState=installed')).json.map((item: Json) => item.id)).toEqual(
      v4Resources,
    );
    expect((await list('v4', 'resource', 'lifecycleState=installed')).json).toEqual([]);
    expect((await list('v5', 'resource', 'operationalState=enabled')).json).toHaveLength(ids.resource.length);
  });

  it('filters on attributes inside arrays, any dotted path', async () => {
    const idsOf = async (version: TmfVersion, type: InstanceType, query: string) =>
      (await list(version, type, query)).json.map((item: Json) => item.id).sort();
    const broadbands = ids.service.slice(0, 2).sort();
    expect(await idsOf('v4', 'service', 'relatedParty.role=provider')).toEqual([...ids.service].sort());
    expect(await idsOf('v4', 'service', 'relatedParty.id=acme-retail')).toEqual(broadbands);
    expect(await idsOf('v5', 'service', 'relatedParty.partyOrPartyRole.id=acme-retail')).toEqual(broadbands);
    expect(await idsOf('v4', 'service', `place.id=${wholesale.premises}`)).toEqual([...ids.service].sort());
    expect(await idsOf('v4', 'service', 'serviceCharacteristic.name=broadband&feature.isEnabled=true')).toEqual([
      ids.service[1],
    ]);
    expect(await idsOf('v4', 'resource', 'place.id=NXTM2')).toEqual(ids.resource.slice(0, 3).sort());
  });

  it('selects dotted fields, keeping id, href and @type', async () => {
    const { json } = await list('v4', 'service', 'fields=relatedParty.role,serviceSpecification.id&limit=1');
    expect(json).toEqual([
      {
        id: ids.service[0],
        href: `${base}${collectionPath('v4', 'service')}/${ids.service[0]}`,
        '@type': 'BroadbandV2',
        serviceSpecification: {
          id: 'f6e5d4c3-b2a1-4f0e-9d8c-7b6a5f4e3d2c',
          href: expect.any(String),
          '@referredType': 'ServiceSpecification',
        },
        relatedParty: [
          { id: 'acme-retail', href: expect.any(String), '@referredType': 'Organization', role: 'provider' },
        ],
      },
    ]);
  });

  it('pages: limit=0 and an offset past the end answer 200 [] with the counts; a partial page 206 with absolute links', async () => {
    for (const query of ['limit=0', 'offset=99']) {
      const { status, json, headers } = await list('v4', 'service', query);
      expect({ status, json, total: headers.get('x-total-count'), result: headers.get('x-result-count') }).toEqual({
        status: 200,
        json: [],
        total: '4',
        result: '0',
      });
    }
    const partial = await list('v5', 'service', 'limit=3');
    expect([partial.status, partial.headers.get('x-total-count'), partial.headers.get('x-result-count')]).toEqual([
      206,
      '4',
      '3',
    ]);
    expect(partial.headers.get('link')).toContain(`<${base}${collectionPath('v5', 'service')}?id=`);
    expect((await list('v5', 'service')).status).toBe(200);
  });

  it('serves trailing and duplicate slashes, and a GET with a JSON content type and no body, like the plain path', async () => {
    const plain = await list('v4', 'service');
    const slashed = await call(`${collectionPath('v4', 'service')}/?id=${ids.service.join(',')}`, {
      headers: { 'content-type': 'application/json;charset=utf-8', accept: 'application/json;charset=utf-8' },
    });
    expect(slashed).toMatchObject({ status: 200, json: plain.json });
    expect((await call(`/tmf-api/serviceInventory/v4//service/${ids.service[0]}/`)).json).toEqual(plain.json[0]);
  });

  it('answers a method a path does not offer with 405, a TMF Error and Allow', async () => {
    for (const [method, path, allowed] of [
      ['PUT', `${collectionPath('v4', 'service')}/${ids.service[0]}`, 'DELETE, GET, HEAD, PATCH'],
      ['DELETE', collectionPath('v5', 'resource'), 'GET, HEAD, POST'],
      ['POST', `/tmf-api/serviceCatalogManagement/v4/serviceSpecification/x`, 'DELETE, GET, HEAD'],
    ] as const) {
      const { status, json, headers } = await call(path, { method });
      expect(status, `${method} ${path}`).toBe(405);
      expect(headers.get('allow')).toBe(allowed);
      expect(json).toMatchObject({
        '@type': 'Error',
        code: 'methodNotAllowed',
        status: '405',
        reason: 'Method Not Allowed',
      });
    }
    expect((await call('/tmf-api/serviceInventory/v4/nothing', { method: 'PUT' })).status).toBe(404);
  });

  it('serves the old TMF638 path as an alias, the inherited facts on every base path, and 404 for the other type', async () => {
    const old = await call(`${legacyServiceInventoryBasePath}/service/${ids.service[0]}`);
    expect(old.json).toEqual((await call(`${collectionPath('v4', 'service')}/${ids.service[0]}`)).json);
    for (const path of [
      collectionPath('v4', 'service'),
      collectionPath('v5', 'service'),
      `${legacyServiceInventoryBasePath}/service`,
    ]) {
      const inherited = await call(`${path}/${ids.service[0]}/inherited`);
      expect(inherited.json).toContainEqual({
        name: 'installationSite',
        category: 'place',
        status: 'known',
        value: wholesale.premises,
        from: [wholesale.uni],
      });
    }
    expect((await call(`${collectionPath('v5', 'resource')}/${ids.service[0]}`)).status).toBe(404);
    expect(
      (await call(`/tmf-api/resourceCatalog/v4/resourceSpecification/f6e5d4c3-b2a1-4f0e-9d8c-7b6a5f4e3d2c`)).status,
    ).toBe(404);
    expect((await call(`/tmf-api/partyManagement/v4/individual/acme-retail`)).status).toBe(404);
  });

  it('names an instance without a name by its id, and finds it by that name', async () => {
    const unnamed = track.instance(await inventory.instances.build('Cluster', {}));
    const listed = await call(`${collectionPath('v4', 'resource')}?name=${unnamed.id}`);
    expect(listed.json.map((item: Json) => [item.id, item.name])).toEqual([[unnamed.id, unnamed.id]]);
  });

  it('starts every href with the configured public URL', async () => {
    const behindProxy = await buildApi({
      inventory,
      expectations: harness.expectations,
      client: harness.env().client,
      taskQueue: harness.taskQueue,
      publicUrl: 'https://inventory.example.com/diffo',
    });
    try {
      const item = (await behindProxy.inject(`${collectionPath('v4', 'service')}/${ids.service[0]}`)).json();
      const hrefs = hrefsIn(item).map(({ href }) => href);
      expect(hrefs.length).toBeGreaterThan(5);
      for (const href of hrefs) expect(href).toMatch(/^https:\/\/inventory\.example\.com\/diffo\/tmf-api\//);
    } finally {
      await behindProxy.close();
    }
  });
});
