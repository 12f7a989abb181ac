import { describe, expect, it } from 'vitest';
import type { TmfVersion } from '../../model/tmf/state-vocabulary.js';
import { partyOrPlacePaths } from '../../model/tmf/tmf-paths.js';
import { uniqueId } from '../support/graph.js';
import { apiServer } from '../support/api-server.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { validateAgainstOfficial } from '../support/official-schemas.js';

/**
 * Parties and places over HTTP (TMF632 organization and individual, TMF674 geographicSite, TMF673
 * geographicAddress, TMF675 geographicLocation; v4 and v5): create, get, list, patch and delete,
 * checked by the kinds (nothing written when refused), 409 while referred to, every href
 * answering, the items valid against the official files.
 */
type Json = Record<string, unknown>;

const versions = ['v4', 'v5'] as const;

/** Every `href` in a value. */
const hrefsIn = (value: unknown) => [...JSON.stringify(value).matchAll(/"href":"([^"]*)"/g)].map((match) => match[1]!);

describe('parties and places over HTTP, v4 and v5', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  const server = apiServer(harness);

  const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
    const response = await fetch(path.startsWith('http') ? path : `${server.base}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': type } }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : undefined) as Json };
  };
  const path = (version: TmfVersion, type: keyof (typeof partyOrPlacePaths)['v4']) => partyOrPlacePaths[version][type];
  /**
   * The nodes carrying the marker, and the parties and places with the ids and their relationships: the other helpers'
   * tests write to the same graph at the same time, so whole-graph counts would see their work.
   */
  const madeBy = async (marker: string, ids: string[]) => {
    const found = await inventory.store.read((tx) =>
      tx.run(
        `OPTIONAL MATCH (n) WHERE $marker IN [n.name, n.tradingName, n.givenName]
         WITH count(n) AS marked
         OPTIONAL MATCH (p) WHERE (p:Party OR p:Place) AND p.id IN $ids
         RETURN marked, count(p) AS nodes, sum(COUNT { (p)--() }) AS relationships`,
        { marker, ids },
      ),
    );
    return found.records[0]!.toObject() as { marked: number; nodes: number; relationships: number };
  };
  const expectHrefsAnswer = async (item: unknown) => {
    for (const href of hrefsIn(item)) expect((await call('GET', href)).status, href).toBe(200);
  };

  it.each(versions)('%s: an organization and an individual employed by it, created, read, listed', async (version) => {
    const tenantId = track.party({ id: uniqueId('tenant') }).id;
    const aliceId = track.party({ id: uniqueId('alice') }).id;
    const created = await call('POST', path(version, 'Organization'), {
      id: tenantId,
      kind: 'Tenant',
      name: 'Acme Compute Pty Ltd',
      tradingName: 'Acme Compute',
      organizationType: 'company',
      isLegalEntity: true,
      existsDuring: { startDateTime: '2020-01-01T00:00:00Z' },
      partyCharacteristic: [{ name: 'abn', value: '51824753556' }],
      '@type': 'Organization',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${server.base}${path(version, 'Organization')}/${tenantId}`);
    expect(created.json).toMatchObject({
      id: tenantId,
      href: created.headers.get('location'),
      name: 'Acme Compute Pty Ltd',
      tradingName: 'Acme Compute',
      isLegalEntity: true,
      kind: 'Tenant',
      '@type': 'Organization',
    });
    const alice = await call('POST', path(version, 'Individual'), {
      id: aliceId,
      givenName: 'Alice',
      familyName: 'Zhang',
      title: 'Dr',
      relatedParty:
        version === 'v4'
          ? [{ id: tenantId, role: 'employer', '@referredType': 'Organization' }]
          : [
              {
                role: 'employer',
                partyOrPartyRole: { id: tenantId, '@type': 'PartyRef' },
                '@type': 'RelatedPartyRefOrPartyRoleRef',
              },
            ],
    });
    expect(alice.status).toBe(201);
    expect(alice.json).toMatchObject({
      fullName: 'Alice Zhang',
      givenName: 'Alice',
      kind: 'Engineer',
      '@type': 'Individual',
    });
    expect(await inventory.parties.related(aliceId)).toEqual([{ role: 'employer', id: tenantId, kind: 'Tenant' }]);
    for (const [item, schema] of [
      [created.json, 'Organization'],
      [alice.json, 'Individual'],
    ] as const) {
      expect(validateAgainstOfficial('TMF632', version, schema, item)).toEqual({ valid: true, errors: [] });
      await expectHrefsAnswer(item);
      expect((await call('GET', item.href as string)).json).toEqual(item);
    }
    const listed = await call('GET', `${path(version, 'Organization')}?id=${tenantId}&fields=tradingName`);
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual([
      { id: tenantId, href: created.json.href, tradingName: 'Acme Compute', '@type': 'Organization' },
    ]);
    expect(listed.headers.get('X-Total-Count')).toBe('1');
  });

  it.each(versions)('%s: a data centre with its address and location point, on a campus polygon', async (version) => {
    const campusId = track.party({ id: uniqueId('campus') }).id;
    const dcId = track.party({ id: uniqueId('dc') }).id;
    const addressId = track.party({ id: uniqueId('premises') }).id;
    const ring = [
      [144.9, -37.8],
      [145.0, -37.8],
      [145.0, -37.7],
      [144.9, -37.7],
      [144.9, -37.8],
    ];
    const campus = await call('POST', path(version, 'GeographicLocation'), {
      id: campusId,
      name: 'Port Melbourne campus',
      '@type': 'GeoJsonPolygon',
      geoJson: { type: 'Polygon', coordinates: [ring] },
    });
    expect(campus.status).toBe(201);
    expect(campus.json).toMatchObject({ kind: 'Campus', '@type': 'GeoJsonPolygon', geoJson: { type: 'Polygon' } });
    const address = {
      '@type': 'GeographicAddress',
      streetNr: '826',
      streetName: 'Lorimer',
      streetType: 'Street',
      locality: 'Port Melbourne',
      stateOrProvince: 'VIC',
      postcode: '3207',
      country: 'Australia',
    };
    const point = { '@type': 'GeoJsonPoint', geoJson: { type: 'Point', coordinates: [144.9147, -37.8226] } };
    const site = await call('POST', path(version, 'GeographicSite'), {
      id: dcId,
      kind: 'DataCentre',
      name: 'NextDC M2',
      code: 'M2',
      status: 'active',
      place: [address, point, { id: campusId, role: 'campus', '@referredType': 'GeographicLocation' }],
      placeCharacteristic: [{ name: 'tier', value: 3 }],
    });
    expect(site.status).toBe(201);
    expect(site.json).toMatchObject({ code: 'M2', kind: 'DataCentre', '@type': 'GeographicSite' });
    expect(site.json.place).toEqual([
      address,
      point,
      expect.objectContaining({ id: campusId, role: 'campus', '@referredType': 'GeographicLocation' }),
    ]);
    const premises = await call('POST', path(version, 'GeographicAddress'), {
      id: addressId,
      name: '1 Darling St',
      streetNr: '1',
      streetName: 'Darling',
      streetType: 'Street',
      city: 'Sydney',
      geographicLocation: { '@type': 'GeoJsonPoint', geoJson: { type: 'Point', coordinates: [151.18, -33.86] } },
    });
    expect(premises.status).toBe(201);
    expect(premises.json).toMatchObject({ kind: 'Premises', '@type': 'GeographicAddress', city: 'Sydney' });
    const stored = await inventory.store.read((tx) =>
      tx.run(
        'MATCH (p:Place) WHERE p.id IN $ids RETURN p.id AS id, p.location.longitude AS lon, p.location.latitude AS lat, p.location.srid AS srid, p.geometry AS geometry',
        { ids: [campusId, dcId, addressId] },
      ),
    );
    const rows = Object.fromEntries(stored.records.map((record) => [record.get('id'), record.toObject()]));
    expect(rows[campusId]).toMatchObject({ lon: 144.95, lat: -37.75, srid: 4326 });
    expect(JSON.parse(rows[campusId]!.geometry as string)).toEqual({ type: 'Polygon', coordinates: [ring] });
    expect(rows[dcId]).toMatchObject({ lon: 144.9147, lat: -37.8226, srid: 4326, geometry: null });
    expect(rows[addressId]).toMatchObject({ lon: 151.18, lat: -33.86 });
    if (version === 'v4') {
      expect(validateAgainstOfficial('TMF674', 'v4', 'GeographicSite', site.json)).toEqual({ valid: true, errors: [] });
      expect(validateAgainstOfficial('TMF673', 'v4', 'GeographicAddress', premises.json)).toEqual({
        valid: true,
        errors: [],
      });
      expect(validateAgainstOfficial('TMF675', 'v4', 'GeographicLocation', campus.json)).toEqual({
        valid: true,
        errors: [],
      });
    }
    for (const item of [campus.json, site.json, premises.json]) {
      await expectHrefsAnswer(item);
      expect((await call('GET', item.href as string)).json).toEqual(item);
    }

    // the place lists take the spatial parameters of GET /places: only places in the area, nearest first
    const idsOf = (json: Json) => (json as unknown as Array<{ id: string }>).map((item) => item.id);
    const sites = path(version, 'GeographicSite');
    const near = await call('GET', `${sites}?near=144.9147,-37.8226,1`);
    expect(near.status).toBe(200);
    expect(idsOf(near.json)).toContain(dcId);
    expect(idsOf((await call('GET', `${sites}?near=151.18,-33.86,50`)).json)).not.toContain(dcId);
    const box = '144.9,-37.83;144.93,-37.83;144.93,-37.81;144.9,-37.81';
    expect(idsOf((await call('GET', `${sites}?within=${box}`)).json)).toContain(dcId);
    const addresses = path(version, 'GeographicAddress');
    expect(idsOf((await call('GET', `${addresses}?near=151.18,-33.86,1`)).json)).toContain(addressId);
    expect(idsOf((await call('GET', `${addresses}?near=151.18,-33.86,1`)).json)).not.toContain(dcId);
    const bad = await call('GET', `${sites}?near=144.9,north,1`);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('near');
  });

  it.each(versions)(
    '%s: patches merge into the item as GET shows it, and are checked like a create',
    async (version) => {
      const id = track.party({ id: uniqueId('tenant-patch') }).id;
      await call('POST', path(version, 'Organization'), { id, kind: 'Tenant', name: 'Old', tradingName: 'Old Co' });
      const patched = await call(
        'PATCH',
        `${path(version, 'Organization')}/${id}`,
        { tradingName: 'New Co', name: null, partyCharacteristic: [{ name: 'abn', value: '12345678901' }] },
        'application/merge-patch+json',
      );
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ id, tradingName: 'New Co', kind: 'Tenant' });
      expect(patched.json.name).toBeUndefined();
      expect(patched.json.partyCharacteristic).toEqual([
        expect.objectContaining({ name: 'abn', value: '12345678901', valueType: 'string' }),
      ]);
      const before = await call('GET', `${path(version, 'Organization')}/${id}`);
      for (const [patch, message] of [
        [{ colour: 'red' }, 'colour: not an attribute of this type'],
        [{ kind: 'RSP' }, 'kind: '],
        [{ partyCharacteristic: [{ name: 'abn', value: 'nope' }] }, 'partyCharacteristic.abn: an ABN is 11 digits'],
        [{ isLegalEntity: 'yes' }, 'isLegalEntity'],
      ] as const) {
        const refused = await call(
          'PATCH',
          `${path(version, 'Organization')}/${id}`,
          patch,
          'application/merge-patch+json',
        );
        expect(refused.status, JSON.stringify(patch)).toBe(422);
        expect(refused.json.message).toContain(message);
      }
      expect((await call('GET', `${path(version, 'Organization')}/${id}`)).json).toEqual(before.json);
    },
  );

  it('PATCHes sent at once to one item are all applied: none is lost to another read before it wrote', async () => {
    const id = track.party({ id: uniqueId('tenant-concurrent') }).id;
    const url = `${path('v4', 'Organization')}/${id}`;
    await call('POST', path('v4', 'Organization'), { id, kind: 'Tenant', tradingName: 'Before' });
    const patches = [
      { tradingName: 'After' },
      { nameType: 'legal' },
      { organizationType: 'company' },
      { isLegalEntity: true },
      { isHeadOffice: false },
      { status: 'validated' },
    ];
    const answers = await Promise.all(
      patches.map((patch) => call('PATCH', url, patch, 'application/merge-patch+json')),
    );
    expect(answers.map(({ status }) => status)).toEqual(patches.map(() => 200));
    expect((await call('GET', url)).json).toMatchObject(Object.assign({}, ...patches) as Json);
  });

  it('refuses bad bodies naming the field, writing nothing', async () => {
    const tenantId = track.party({ id: uniqueId('tenant-bad') }).id;
    await call('POST', path('v4', 'Organization'), { id: tenantId, kind: 'Tenant', tradingName: 'Acme' });
    const marker = uniqueId('refused'); // in every refused body: what a refused write would leave behind
    const bad: Array<[string, Json, string]> = [
      [
        path('v4', 'Organization'),
        { kind: 'Spaceship', tradingName: marker },
        'kind: no Organization kind named "Spaceship"',
      ],
      [
        path('v4', 'Organization'),
        { tradingName: marker },
        'kind: name the kind of this Organization (Organization kinds:',
      ],
      [path('v4', 'Organization'), { kind: 'Tenant', name: marker }, 'tradingName: required'],
      [path('v4', 'Organization'), { kind: 'Tenant', tradingName: marker, shoeSize: 9 }, 'shoeSize: not an attribute'],
      [
        path('v4', 'Organization'),
        { kind: 'Tenant', tradingName: marker, partyCharacteristic: [{ name: 'colour', value: 1 }] },
        'Tenant declares no characteristic "colour"',
      ],
      [
        path('v5', 'Individual'),
        { givenName: marker, familyName: 'Li', relatedParty: [{ role: 'friend', partyOrPartyRole: { id: tenantId } }] },
        'Engineer declares no role "friend" towards parties',
      ],
      [
        path('v4', 'Individual'),
        { givenName: marker, familyName: 'Li', relatedParty: [{ id: 'nobody-at-all', role: 'employer' }] },
        'relatedParty nobody-at-all: no party with id nobody-at-all',
      ],
      [
        path('v4', 'Individual'),
        { givenName: marker, familyName: 'Li', '@type': 'Organization' },
        '@type: this is an Individual, not "Organization"',
      ],
      [
        path('v4', 'GeographicLocation'),
        { name: marker, '@type': 'GeoJsonPoint', geoJson: { type: 'Point', coordinates: [200, 0] } },
        'geoJson.coordinates.0',
      ],
      [
        path('v4', 'GeographicLocation'),
        {
          name: marker,
          '@type': 'GeoJsonPolygon',
          geoJson: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            ],
          },
        },
        'a linear ring ends where it starts',
      ],
      [
        path('v4', 'GeographicSite'),
        { kind: 'DataCentre', name: marker, place: [{ '@type': 'GeographicAddress', street: 'x' }] },
        'place.0',
      ],
      [
        path('v4', 'GeographicSite'),
        { kind: 'DataCentre', name: marker, placeCharacteristic: [{ name: 'tier', value: 9 }] },
        'placeCharacteristic.tier',
      ],
    ];
    const before = await madeBy(marker, [tenantId]);
    for (const [at, body, message] of bad) {
      const refused = await call('POST', at, body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.json).toMatchObject({ '@type': 'Error', status: '422' });
      expect(refused.json.message, JSON.stringify(body)).toContain(message);
    }
    const taken = await call('POST', path('v4', 'Organization'), { id: tenantId, kind: 'Tenant', tradingName: marker });
    expect(taken.status).toBe(409);
    expect(await madeBy(marker, [tenantId])).toEqual(before);
  });

  it('refuses to delete a party or place that instances, expectations or other parties refer to, naming them', async () => {
    const tenantId = track.party({ id: uniqueId('tenant-ref') }).id;
    const engineerId = track.party({ id: uniqueId('eng-ref') }).id;
    const dcId = track.party({ id: uniqueId('dc-ref') }).id;
    await call('POST', path('v4', 'Organization'), { id: tenantId, kind: 'Tenant', tradingName: 'Acme' });
    await call('POST', path('v4', 'Individual'), {
      id: engineerId,
      givenName: 'Eve',
      familyName: 'Ng',
      relatedParty: [{ id: tenantId, role: 'employer' }],
    });
    await call('POST', path('v4', 'GeographicSite'), { id: dcId, kind: 'DataCentre', code: 'X1' });
    const gpu = track.instance(
      await inventory.instances.build(inventory.registry.instanceKind('GPU').declaration, {
        name: 'referring gpu',
        places: [{ role: 'dataCentre', id: dcId }],
      }),
    );
    const expectationId = track.expectationId(uniqueId('expects-tenant'));
    await harness.expectations.create(
      { kind: 'GPU', name: 'x', parties: [{ role: 'operator', id: tenantId }] },
      expectationId,
    );
    const before = await madeBy(uniqueId('none'), [tenantId, engineerId, dcId]);
    const tenant = await call('DELETE', `${path('v4', 'Organization')}/${tenantId}`);
    expect(tenant.status).toBe(409);
    expect(tenant.json.message).toContain(`expectations ${expectationId}`);
    expect(tenant.json.message).toContain(`parties or places ${engineerId} (employer)`);
    const dc = await call('DELETE', `${path('v5', 'GeographicSite')}/${dcId}`);
    expect(dc.status).toBe(409);
    expect(dc.json.message).toContain(`instances ${gpu.id} (dataCentre)`);
    expect(await madeBy(uniqueId('none'), [tenantId, engineerId, dcId])).toEqual(before);
    expect((await call('DELETE', `${path('v4', 'Organization')}/${engineerId}`)).status).toBe(404); // not an organization
    expect((await call('DELETE', `${path('v5', 'Individual')}/${engineerId}`)).status).toBe(204);
    expect((await call('GET', `${path('v5', 'Individual')}/${engineerId}`)).status).toBe(404);
  });

  it('documents every party and place route with its response schemas in the OpenAPI document', async () => {
    const { json } = await call('GET', '/openapi.json');
    const paths = json.paths as Record<string, Record<string, { responses: Record<string, Json> }>>;
    for (const version of versions) {
      for (const [type, collection] of Object.entries(partyOrPlacePaths[version])) {
        const item = paths[`${collection}/{id}`]!;
        expect(Object.keys(paths[collection]!).sort(), collection).toEqual(['get', 'post']);
        expect(Object.keys(item).sort(), collection).toEqual(['delete', 'get', 'patch']);
        const created = paths[collection]!.post!.responses['201'] as { content: Record<string, { schema: Json }> };
        const properties = created.content['application/json']!.schema.properties as Json;
        expect(Object.keys(properties), type).toEqual(expect.arrayContaining(['id', 'href', 'kind', '@type']));
        if (type === 'Organization') expect(Object.keys(properties)).toContain('tradingName');
        if (type === 'GeographicAddress') expect(Object.keys(properties)).toContain('stateOrProvince');
        expect(Object.keys(item.delete!.responses).sort()).toEqual(['204', '404', '409']);
      }
    }
  });
});
