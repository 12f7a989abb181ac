import { z } from 'zod';

/**
 * Geometry on WGS-84 longitude/latitude (degrees), in GeoJSON's order (longitude
 * first): the great-circle distance as Neo4j's `point.distance` computes it, point in polygon
 * as GeoJSON draws polygons (edges straight in longitude/latitude, RFC 7946 §3.1.1), and the
 * bounding boxes that let a query use the point index before it measures.
 */

/** The sphere radius Neo4j's `point.distance` uses for WGS-84 points (6 378 140 m): a distance here equals the graph's. */
const earthRadiusKm = 6378.14;

/** Half the earth's circumference on that sphere: no two points are farther apart. */
const maxDistanceKm = Math.PI * earthRadiusKm;

export const longitudeSchema = z.number().min(-180).max(180);
export const latitudeSchema = z.number().min(-90).max(90);

/**
 * A GeoJSON position (RFC 7946 §3.1.1): `[longitude, latitude]`, with an altitude after them
 * that GeoJSON allows and a search on the earth's surface ignores. The one position schema of
 * every GeoJSON geometry read here (a place's location, a query's polygon).
 */
export const geoJsonPositionSchema = z.tuple([longitudeSchema, latitudeSchema], z.number());

/** Whether two GeoJSON positions are the same place (their altitudes aside). */
export const samePosition = (a: readonly number[], b: readonly number[]) => a[0] === b[0] && a[1] === b[1];

/** A WGS-84 point: a `:Place`'s `location`. */
export const geoPointSchema = z.strictObject({ longitude: longitudeSchema, latitude: latitudeSchema });
export type GeoPoint = z.output<typeof geoPointSchema>;

/** A circle on the earth: every point within `km` of the centre (inclusive). */
export const nearSchema = z.strictObject({
  longitude: longitudeSchema,
  latitude: latitudeSchema,
  km: z.number().positive().max(Math.ceil(maxDistanceKm)),
});
export type Near = z.output<typeof nearSchema>;

/**
 * A polygon as GeoJSON's coordinates hold it: the outer ring, then any holes; each ring a list
 * of points, closed or not (the last point back to the first is implied).
 */
export type Polygon = GeoPoint[][];

/** Where a spatial search looks: within a distance of a point, or inside a polygon. */
export type Area = { near: Near } | { within: Polygon };

/** The most vertices a polygon may have: a query is a request, not a data load. */
export const maxPolygonVertices = 1000;

/** A box of longitudes and latitudes; `west > east` when it crosses the antimeridian (as `point.withinBBox` reads it). */
export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const degrees = (radians_: number) => (radians_ * 180) / Math.PI;

/** The haversine great-circle distance in km. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function isNear(point: GeoPoint, near: Near): boolean {
  return distanceKm(point, near) <= near.km;
}

/** A hair of slack on every side of a box, so rounding never drops a point on its edge (the exact test follows). */
const slack = 1e-9;

/**
 * The smallest box holding the circle: the latitudes `km` either side, and the longitudes of
 * the meridians tangent to it — every longitude when the circle holds a pole.
 */
export function circleBoundingBox(near: Near): BoundingBox {
  const angle = near.km / earthRadiusKm;
  const south = near.latitude - degrees(angle) - slack;
  const north = near.latitude + degrees(angle) + slack;
  const ratio = Math.sin(angle) / Math.cos(radians(near.latitude));
  if (south <= -90 || north >= 90 || angle >= Math.PI / 2 || ratio >= 1)
    return { west: -180, south: Math.max(-90, south), east: 180, north: Math.min(90, north) };
  const spread = degrees(Math.asin(ratio)) + slack;
  const wrap = (longitude: number) =>
    longitude < -180 ? longitude + 360 : longitude > 180 ? longitude - 360 : longitude;
  return { west: wrap(near.longitude - spread), south, east: wrap(near.longitude + spread), north };
}

export function polygonBoundingBox(polygon: Polygon): BoundingBox {
  const outer = polygon[0] ?? [];
  const longitudes = outer.map((point) => point.longitude);
  const latitudes = outer.map((point) => point.latitude);
  return {
    west: Math.min(...longitudes),
    south: Math.min(...latitudes),
    east: Math.max(...longitudes),
    north: Math.max(...latitudes),
  };
}

/** Ray casting (even-odd) with the ring's edges straight in longitude/latitude; a closing point is optional. */
function inRing(point: GeoPoint, ring: GeoPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const a = ring[i]!;
    const b = ring[j]!;
    const crosses = a.latitude > point.latitude !== b.latitude > point.latitude;
    if (
      crosses &&
      point.longitude <
        ((b.longitude - a.longitude) * (point.latitude - a.latitude)) / (b.latitude - a.latitude) + a.longitude
    )
      inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and in none of the holes. */
export function inPolygon(point: GeoPoint, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon;
  return outer !== undefined && inRing(point, outer) && !holes.some((hole) => inRing(point, hole));
}
