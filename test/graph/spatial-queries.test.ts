import { beforeAll, describe, expect, it } from 'vitest';
import { DataCentre, GPU } from '../../examples/compute/index.js';
import { spatialStatements } from '../../graph/spatial-queries.js';
import { distanceKm, inPolygon, isNear, type Area, type GeoPoint, type Near, type Polygon } from '../../model/geo.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';
import { setLocations } from '../support/place-locations.js';
import { between, seededRandom } from '../support/seeded-random.js';

/**
 * The spatial searches over real Neo4j against a brute-force check over the same points: 300
 * seeded random places (most around south-east Australia, some anywhere, some on both sides of
 * the antimeridian), 80 instances at some of them; the graph's answers must be exactly the
 * places (and instances) the pure geometry finds.
 */
describe('places and instances by location', () => {
  const { inventory, track, driver } = testInventory();
  const random = seededRandom(20261202);
  const places: Array<{ id: string; location: GeoPoint }> = [];
  const placeOf = new Map<string, string>(); // instance id → its data centre
  const unlocated = uniqueId('dc-nowhere');

  const pointAt = (index: number): GeoPoint => {
    if (index < 200) return { longitude: between(random, 140, 152), latitude: between(random, -43, -31) };
    if (index < 240) return { longitude: between(random, 170, 180), latitude: between(random, -20, -10) };
    if (index < 260) return { longitude: between(random, -180, -170), latitude: between(random, -20, -10) };
    return { longitude: between(random, -180, 180), latitude: between(random, -85, 85) };
  };

  beforeAll(async () => {
    for (let index = 0; index < 300; index += 1) {
      const place = track.party(await inventory.places.create(DataCentre.name, { id: uniqueId(`dc${index}`) }));
      places.push({ id: place.id, location: pointAt(index) });
    }
    track.party(await inventory.places.create(DataCentre.name, { id: unlocated }));
    await setLocations(driver, places);
    for (let index = 0; index < 80; index += 1) {
      const at = index === 79 ? unlocated : places[Math.floor(random() * places.length)]!.id;
      const gpu = track.instance(
        await inventory.instances.build(GPU, { name: uniqueId('gpu'), places: [{ role: 'dataCentre', id: at }] }),
      );
      placeOf.set(gpu.id, at);
    }
  }, 120_000);

  const ours = new Set<string>();
  beforeAll(() => places.forEach((place) => ours.add(place.id)));
  /** Other tests may have located places of their own in the same database: only this file's count. */
  const mine = <T extends { id: string }>(found: T[]) => found.filter((place) => ours.has(place.id));

  /** This file's instances the spatial search finds at the places in the area, through the list filter as the API uses it. */
  const instancesAt = async (area: Area, role?: string) => {
    const ids = await inventory.spatial.instanceIdsIn(area, role);
    const listed = await inventory.instances.list({ type: 'resource', ids }, { limit: 1000 });
    expect(listed.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    return ids.filter((id) => placeOf.has(id)).sort();
  };
  const bruteInstances = (ids: Set<string>) =>
    [...placeOf]
      .filter(([, place]) => ids.has(place))
      .map(([id]) => id)
      .sort();

  const circles: Near[] = [
    { longitude: 144.9631, latitude: -37.8136, km: 150 },
    { longitude: 151.2093, latitude: -33.8688, km: 400 },
    { longitude: 146, latitude: -37, km: 20 },
    { longitude: 179.9, latitude: -15, km: 600 },
    { longitude: -179.5, latitude: -12, km: 250 },
    { longitude: 0, latitude: 89, km: 3000 },
    { longitude: 147, latitude: -36, km: 5000 },
  ];

  it.each(circles)(
    'within %j: the places the brute force finds, nearest first, and the instances at them',
    async (near) => {
      const found = mine(await inventory.spatial.placesIn({ near }));
      const expected = places
        .filter((place) => isNear(place.location, near))
        .map((place) => ({ id: place.id, km: distanceKm(place.location, near) }))
        .sort((a, b) => a.km - b.km || a.id.localeCompare(b.id));
      expect(found.map((place) => place.id)).toEqual(expected.map((place) => place.id));
      found.forEach((place, index) => {
        expect(place.distanceKm).toBeCloseTo(expected[index]!.km, 6);
        expect(place).toMatchObject({ kind: 'DataCentre', type: 'GeographicSite' });
      });
      const ids = new Set(expected.map((place) => place.id));
      expect(await instancesAt({ near }, 'dataCentre')).toEqual(bruteInstances(ids));
    },
  );

  it('finds something in most circles, so the comparison is not of empty lists', async () => {
    const counts = await Promise.all(
      circles.map(async (near) => mine(await inventory.spatial.placesIn({ near })).length),
    );
    expect(counts.filter((count) => count > 0).length).toBeGreaterThanOrEqual(6);
  });

  const ring = (...corners: Array<[number, number]>) =>
    corners.map(([longitude, latitude]) => ({ longitude, latitude }));
  const polygons: Array<[string, Polygon]> = [
    ['a triangle over Victoria', [ring([141, -39], [150, -39], [145, -34])]],
    [
      'a U over New South Wales',
      [ring([145, -37], [152, -37], [152, -31], [150, -31], [150, -35], [147, -35], [147, -31], [145, -31])],
    ],
    [
      'a square with a hole',
      [ring([140, -43], [152, -43], [152, -31], [140, -31]), ring([143, -40], [149, -40], [149, -34], [143, -34])],
    ],
    ['a box reaching the antimeridian', [ring([170, -20], [180, -20], [180, -10], [170, -10])]],
  ];

  it.each(polygons)('inside %s: the places the brute force finds, and the instances at them', async (_, polygon) => {
    const found = mine(await inventory.spatial.placesIn({ within: polygon }));
    const expected = places
      .filter((place) => inPolygon(place.location, polygon))
      .map((place) => place.id)
      .sort();
    expect(found.map((place) => place.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    const ids = new Set(expected);
    expect(await instancesAt({ within: polygon })).toEqual(bruteInstances(ids));
    found.forEach((place) => expect(place.distanceKm).toBeUndefined());
  });

  it('narrows to a TMF type and a role; a place without a location is never found', async () => {
    const near = { longitude: 0, latitude: 0, km: 20_038 };
    const everywhere = mine(await inventory.spatial.placesIn({ near }));
    expect(everywhere).toHaveLength(300);
    expect(mine(await inventory.spatial.placesIn({ near }, { type: 'GeographicAddress' }))).toEqual([]);
    expect(mine(await inventory.spatial.placesIn({ near }, { type: 'GeographicSite' }))).toHaveLength(300);
    expect(await instancesAt({ near })).toHaveLength(79);
    expect(await instancesAt({ near }, 'site')).toEqual([]);
  });

  it.each(['near', 'within'] as const)('the %s search seeks through the point index', async (search) => {
    const box = { lowerLeft: { longitude: 140, latitude: -40 }, upperRight: { longitude: 150, latitude: -30 } };
    const params = { ...box, type: null, longitude: 145, latitude: -35, meters: 1000 };
    const plan = await inventory.store.read((tx) => tx.run(`EXPLAIN ${spatialStatements[search]}`, params));
    expect(JSON.stringify(plan.summary.plan)).toContain('POINT INDEX p:Place(location) WHERE point.withinBBox');
  });
});
