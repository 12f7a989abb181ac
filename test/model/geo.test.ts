import { describe, expect, it } from 'vitest';
import {
  circleBoundingBox,
  distanceKm,
  inPolygon,
  isNear,
  polygonBoundingBox,
  type BoundingBox,
  type GeoPoint,
} from '../../model/geo.js';
import { parseNear, parseWithin } from '../../model/geo-query.js';
import { between, seededRandom } from '../support/seeded-random.js';

const at = (longitude: number, latitude: number): GeoPoint => ({ longitude, latitude });

/** As `point.withinBBox` reads a box: west > east crosses the antimeridian. */
function inBox(point: GeoPoint, box: BoundingBox): boolean {
  const latitudeIn = point.latitude >= box.south && point.latitude <= box.north;
  const longitudeIn =
    box.west <= box.east
      ? point.longitude >= box.west && point.longitude <= box.east
      : point.longitude >= box.west || point.longitude <= box.east;
  return latitudeIn && longitudeIn;
}

describe('great-circle distance', () => {
  it('is what Neo4j point.distance answers for WGS-84 points (its sphere of 6 378 140 m)', () => {
    // RETURN point.distance(point({longitude: 0, latitude: 0}), point({longitude: 0, latitude: 1})) → 111319.54315315113
    expect(distanceKm(at(0, 0), at(0, 1))).toBeCloseTo(111.31954315315113, 9);
    // … (10, 50) to (-20, -30) → 9385848.02804845
    expect(distanceKm(at(10, 50), at(-20, -30))).toBeCloseTo(9385.84802804845, 8);
  });

  it('is symmetric, zero at the same point, and short across the antimeridian', () => {
    expect(distanceKm(at(144.96, -37.81), at(151.21, -33.87))).toBeCloseTo(
      distanceKm(at(151.21, -33.87), at(144.96, -37.81)),
      12,
    );
    expect(distanceKm(at(144.96, -37.81), at(144.96, -37.81))).toBe(0);
    expect(distanceKm(at(179.9, 0), at(-179.9, 0))).toBeCloseTo(22.26, 1);
  });

  it('isNear includes the edge of the circle', () => {
    const km = distanceKm(at(0, 0), at(0, 1));
    expect(isNear(at(0, 1), { longitude: 0, latitude: 0, km })).toBe(true);
    expect(isNear(at(0, 1.001), { longitude: 0, latitude: 0, km })).toBe(false);
  });
});

describe('the bounding box of a circle', () => {
  it('holds every point of the circle (seeded random circles, also over the antimeridian and the poles)', () => {
    const random = seededRandom(14);
    let inside = 0;
    for (let circle = 0; circle < 300; circle += 1) {
      const near = {
        longitude: between(random, -180, 180),
        latitude: between(random, -89, 89),
        km: between(random, 1, 3000),
      };
      const box = circleBoundingBox(near);
      for (let probe = 0; probe < 50; probe += 1) {
        const longitude = near.longitude + between(random, -40, 40);
        const point = at(
          ((longitude + 540) % 360) - 180,
          Math.max(-90, Math.min(90, near.latitude + between(random, -30, 30))),
        );
        if (!isNear(point, near)) continue;
        inside += 1;
        expect(inBox(point, box), JSON.stringify({ near, point, box })).toBe(true);
      }
    }
    expect(inside).toBeGreaterThan(1000);
  });

  it('crosses the antimeridian as west > east, and spans every longitude around a pole', () => {
    const box = circleBoundingBox({ longitude: 179.5, latitude: 0, km: 200 });
    expect(box.west).toBeGreaterThan(box.east);
    expect(inBox(at(-179.5, 0), box)).toBe(true);
    expect(circleBoundingBox({ longitude: 10, latitude: 89.5, km: 200 })).toMatchObject({
      west: -180,
      east: 180,
      north: 90,
    });
  });
});

describe('point in polygon', () => {
  const square = [[at(0, 0), at(10, 0), at(10, 10), at(0, 10), at(0, 0)]];

  it('is inside the outer ring and outside its holes, whether the ring is closed or not', () => {
    expect(inPolygon(at(5, 5), square)).toBe(true);
    expect(inPolygon(at(11, 5), square)).toBe(false);
    expect(inPolygon(at(5, 5), [square[0]!.slice(0, 4)])).toBe(true);
    const withHole = [square[0]!, [at(4, 4), at(6, 4), at(6, 6), at(4, 6)]];
    expect(inPolygon(at(5, 5), withHole)).toBe(false);
    expect(inPolygon(at(2, 2), withHole)).toBe(true);
  });

  it('follows a concave ring', () => {
    const u = [[at(0, 0), at(3, 0), at(3, 3), at(2, 3), at(2, 1), at(1, 1), at(1, 3), at(0, 3)]];
    expect(inPolygon(at(1.5, 2), u)).toBe(false);
    expect(inPolygon(at(0.5, 2), u)).toBe(true);
    expect(inPolygon(at(2.5, 2), u)).toBe(true);
  });

  it('has the bounding box of its outer ring', () => {
    expect(polygonBoundingBox([[at(1, -2), at(5, 3), at(-4, 7)]])).toEqual({ west: -4, south: -2, east: 5, north: 7 });
  });
});

describe('the query forms', () => {
  it('near is longitude,latitude,km', () => {
    expect(parseNear('144.9631,-37.8136,20')).toEqual({ value: { longitude: 144.9631, latitude: -37.8136, km: 20 } });
    expect(parseNear(' 1e1 , .5 , 3 ')).toEqual({ value: { longitude: 10, latitude: 0.5, km: 3 } });
  });

  it.each([
    ['144.96,-37.81', 'expects longitude,latitude,km'],
    ['144.96,-37.81,20,1', 'expects longitude,latitude,km'],
    ['east,-37.81,20', '"east" is not a number'],
    ['144.96,-37.81,', '"" is not a number'],
    ['NaN,1,1', '"NaN" is not a number'],
    ['200,0,10', 'longitude: Too big'],
    ['0,-91,10', 'latitude: Too small'],
    ['0,0,0', 'km: Too small'],
    ['0,0,-5', 'km: Too small'],
    ['0,0,30000', 'km: Too big'],
  ])('near %j is refused: %s', (text, problem) => {
    const parsed = parseNear(text);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });

  it('within is a ring of longitude,latitude corners, closed or not', () => {
    const ring = [at(0, 0), at(10, 0), at(10, 10)];
    expect(parseWithin('0,0;10,0;10,10')).toEqual({ value: [ring] });
    expect(parseWithin('0,0;10,0;10,10;0,0')).toEqual({ value: [ring] });
  });

  it('within is also a GeoJSON Polygon, holes and all (an altitude ignored)', () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
        [
          [4, 4, 100],
          [6, 4, 100],
          [6, 6, 100],
          [4, 4, 100],
        ],
      ],
    };
    expect(parseWithin(JSON.stringify(polygon))).toEqual({
      value: [
        [at(0, 0), at(10, 0), at(10, 10), at(0, 10)],
        [at(4, 4), at(6, 4), at(6, 6)],
      ],
    });
  });

  it.each([
    ['{"type": "Polygon"', 'nor a GeoJSON Polygon (not JSON)'],
    ['{"type": "Point", "coordinates": [1, 2]}', 'type: Invalid input: expected "Polygon"'],
    ['{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 95], [0, 0]]]}', 'coordinates.0.2.1: Too big'],
    ['{"type": "Polygon", "coordinates": []}', 'coordinates: Too small'],
    [
      '{"type": "Polygon", "coordinates": [[[0, 0], [9, 0], [0, 9]], [[1, 1], [2, 2], [1, 1]]]}',
      'ring 2: a polygon needs at least three distinct corners, got 2',
    ],
  ])('within as GeoJSON %j is refused: %s', (text, problem) => {
    const parsed = parseWithin(text);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });

  it.each([
    ['0,0;10,0', 'at least three distinct corners, got 2'],
    ['0,0;10,0;0,0;10,0', 'at least three distinct corners, got 2'],
    ['0,0;10;10,10', 'corner 2: expects longitude,latitude'],
    ['0,0;10,x;10,10', 'corner 2: "x" is not a number'],
    ['0,0;10,95;10,10', 'corner 2: latitude: Too big'],
    [Array.from({ length: 1002 }, (_, index) => `${index / 10},0`).join(';'), 'at most 1000 corners'],
  ])('within %j is refused: %s', (text, problem) => {
    const parsed = parseWithin(text);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });
});
