import { beforeAll, describe, expect, it } from 'vitest';
import { DataCentre, GPU } from '../../examples/compute/index.js';
import { Premises } from '../../examples/wholesale/index.js';
import { distanceKm, inPolygon, isNear, type GeoPoint, type Near, type Polygon } from '../../model/geo.js';
import { apiServer } from '../support/api-server.js';
import { uniqueId } from '../support/graph.js';
import { setLocations } from '../support/place-locations.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { between, seededRandom } from '../support/seeded-random.js';

/**
 * The spatial routes over HTTP: `GET /places?near=…|within=…` and the inventory lists'
 * `place.near`, `place.within` and `place.role`, against a brute force over the same seeded
 * points; bad values refused with a TMF Error naming the parameter.
 */
type Json = Record<string, unknown>;

describe('places and instances by location over HTTP', () => {
  const harness = reconcileHarness();
  const { inventory, track, driver } = harness;
  const server = apiServer(harness);
  const random = seededRandom(14_4);
  const places: Array<{ id: string; location: GeoPoint; type: string }> = [];
  const placeOf = new Map<string, string>(); // GPU id → its data centre

  beforeAll(async () => {
    for (let index = 0; index < 60; index += 1) {
      const kind = index % 10 === 9 ? Premises : DataCentre;
      const place = track.party(await inventory.places.create(kind.name, { id: uniqueId(`site${index}`) }));
      const location = { longitude: between(random, 143, 147), latitude: between(random, -39, -36) };
      places.push({ id: place.id, location, type: kind.type });
    }
    await setLocations(driver, places);
    const dataCentres = places.filter((place) => place.type === DataCentre.type);
    for (let index = 0; index < 20; index += 1) {
      const at = dataCentres[Math.floor(random() * dataCentres.length)]!.id;
      const gpu = track.instance(
        await inventory.instances.build(GPU, { name: uniqueId('gpu'), places: [{ role: 'dataCentre', id: at }] }),
      );
      placeOf.set(gpu.id, at);
    }
  }, 60_000);

  const get = async (path: string) => {
    const response = await fetch(`${server.base}${path}`);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json[] & Json };
  };
  const mine = (items: Json[]) => items.filter((item) => places.some((place) => place.id === item.id));
  const ourGpus = (items: Json[]) =>
    items
      .map((item) => item.id as string)
      .filter((id) => placeOf.has(id))
      .sort();
  const gpusAt = (ids: string[]) =>
    [...placeOf]
      .filter(([, place]) => ids.includes(place))
      .map(([id]) => id)
      .sort();
  const near: Near = { longitude: 145, latitude: -37.5, km: 90 };
  const nearText = `${near.longitude},${near.latitude},${near.km}`;
  const polygon: Polygon = [
    [
      { longitude: 143.5, latitude: -38.5 },
      { longitude: 146.5, latitude: -38.5 },
      { longitude: 145, latitude: -36.2 },
    ],
  ];
  const withinText = polygon[0]!.map((point) => `${point.longitude},${point.latitude}`).join(';');

  it('GET /places?near= lists the places within the distance, nearest first, each with where it is and an href that answers', async () => {
    const { status, body } = await get(`/places?near=${nearText}&limit=1000`);
    expect(status).toBe(200);
    const expected = places
      .filter((place) => isNear(place.location, near))
      .sort((a, b) => distanceKm(a.location, near) - distanceKm(b.location, near));
    expect(expected.length).toBeGreaterThan(5);
    const found = mine(body);
    expect(found.map((place) => place.id)).toEqual(expected.map((place) => place.id));
    const first = expected[0]!;
    expect(found[0]).toEqual({
      id: first.id,
      href: expect.stringMatching(
        new RegExp(`/tmf-api/geographic(Site|Address)Management/v4/geographic(Site|Address)/${first.id}$`),
      ),
      kind: first.type === 'GeographicSite' ? 'DataCentre' : 'Premises',
      type: first.type,
      location: first.location,
      distanceKm: expect.closeTo(distanceKm(first.location, near), 6),
    });
    for (const place of found.slice(0, 3)) {
      const answer = await fetch(place.href as string);
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as Json).id).toBe(place.id);
    }
  });

  it('GET /places?within= lists the places inside the polygon; type narrows; paging as a TMF list', async () => {
    const expected = places
      .filter((place) => inPolygon(place.location, polygon))
      .map((place) => place.id)
      .sort();
    expect(expected.length).toBeGreaterThan(5);
    const { body } = await get(`/places?within=${withinText}&limit=1000`);
    expect(mine(body).map((place) => place.id)).toEqual(expected);
    const ring = [...polygon[0]!, polygon[0]![0]!].map((point) => [point.longitude, point.latitude]);
    const geoJson = encodeURIComponent(JSON.stringify({ type: 'Polygon', coordinates: [ring] }));
    expect(mine((await get(`/places?within=${geoJson}&limit=1000`)).body).map((place) => place.id)).toEqual(expected);
    expect(mine(body).every((place) => place.distanceKm === undefined)).toBe(true);
    const addresses = await get(`/places?within=${withinText}&type=GeographicAddress&limit=1000`);
    expect(mine(addresses.body).map((place) => place.id)).toEqual(
      places
        .filter((place) => expected.includes(place.id) && place.type === 'GeographicAddress')
        .map((place) => place.id),
    );
    const paged = await get(`/places?within=${withinText}&limit=2&fields=location`);
    expect(paged.status).toBe(206);
    expect(Number(paged.headers.get('x-total-count'))).toBeGreaterThanOrEqual(expected.length);
    expect(paged.headers.get('link')).toContain('within=');
    expect(Object.keys(paged.body[0]!).sort()).toEqual(['href', 'id', 'location']);
  });

  it.each(['v4', 'v5'])(
    'GET %s resource?place.near= / place.within= lists the instances at the places found',
    async (version) => {
      const base = `/tmf-api/resourceInventoryManagement/${version}/resource`;
      const nearIds = places.filter((place) => isNear(place.location, near)).map((place) => place.id);
      const byNear = await get(`${base}?place.near=${nearText}&limit=1000`);
      expect(byNear.status).toBe(200);
      expect(ourGpus(byNear.body)).toEqual(gpusAt(nearIds));
      expect(gpusAt(nearIds).length).toBeGreaterThan(0);
      const inside = places.filter((place) => inPolygon(place.location, polygon)).map((place) => place.id);
      const byPolygon = await get(`${base}?place.within=${withinText}&place.role=dataCentre&fields=id&limit=1000`);
      expect(ourGpus(byPolygon.body)).toEqual(gpusAt(inside));
      const otherRole = await get(`${base}?place.within=${withinText}&place.role=exchange&limit=1000`);
      expect(ourGpus(otherRole.body)).toEqual([]);
      const services = await get(`/tmf-api/serviceInventory/${version}/service?place.near=${nearText}`);
      expect(services.status).toBe(200);
    },
  );

  it('POST /expectations with a malformed near selector is 422 naming the field, and stores nothing', async () => {
    const id = uniqueId('exp-bad-near');
    const from = { kind: 'GPU', places: [{ role: 'dataCentre', location: { $near: { ...near, km: 'far' } } }] };
    const response = await fetch(`${server.base}/expectations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, kind: 'Cluster', assignments: [{ alias: 'core1', pool: 'cores', from }] }),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Json).message).toContain(
      'assignments.0.from.places.0.location.$near.km: Invalid input: expected number, received string',
    );
    expect((await get(`/expectations/${id}`)).status).toBe(404);
  });

  it('documents the routes and their parameters in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.base}/openapi.json`)).json()) as {
      paths: Record<string, { get: { parameters: Array<{ name: string }>; responses: Record<string, Json> } }>;
    };
    const places = document.paths['/places']!.get;
    expect(places.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['near', 'within', 'type', 'offset', 'limit', 'fields']),
    );
    const schema = (places.responses['200']!.content as Record<string, { schema: Json }>)['application/json']!.schema;
    expect(schema).toMatchObject({ type: 'array', items: { type: 'object', required: ['id', 'href'] } });
    expect(Object.keys((schema.items as { properties: Json }).properties)).toEqual(
      expect.arrayContaining(['id', 'href', 'name', 'kind', 'type', 'location', 'distanceKm']),
    );
    for (const path of ['/tmf-api/resourceInventoryManagement/v4/resource', '/tmf-api/serviceInventory/v5/service']) {
      expect(document.paths[path]!.get.parameters.map((parameter) => parameter.name)).toEqual(
        expect.arrayContaining(['place.near', 'place.within', 'place.role']),
      );
    }
  });

  it.each([
    ['/places', 'near: give near=lon,lat,km or within='],
    ['/places?near=145,-37.5', 'near: expects longitude,latitude,km'],
    ['/places?near=145,-37.5,0', 'near: km: Too small'],
    ['/places?near=145,-95,10', 'near: latitude: Too small'],
    ['/places?within=1,1;2,2', 'within: a polygon needs at least three distinct corners'],
    ['/places?within=1,1;2,x;3,1', 'within: corner 2: "x" is not a number'],
    ['/places?near=145,-37.5,10&within=1,1;2,2;3,1', 'within: give near or within, not both'],
    ['/places?near=145,-37.5,10&type=Planet', 'type'],
    ['/tmf-api/resourceInventoryManagement/v4/resource?place.near=east,-37,5', 'place.near: "east" is not a number'],
    ['/tmf-api/serviceInventory/v5/service?place.within=0,0', 'place.within: a polygon needs at least three'],
  ])('GET %s is refused with 400 naming the parameter', async (path, message) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ '@type': 'Error', status: '400', code: 'invalidRequest' });
    expect(body.message).toContain(message);
  });
});
