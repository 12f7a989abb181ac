import { z } from 'zod';
import { geoJsonPositionSchema, samePosition, type GeoPoint } from './geo.js';

/**
 * GeoJSON geometries of TMF675 GeographicLocation (v4 `GeoJsonPoint` / `GeoJsonPolygon`, each
 * holding a GeoJSON `geoJson`), and the one position a place is found at: a point's own, or a
 * polygon's centroid — the mean of its outer ring's distinct vertices. Positions are
 * `[longitude, latitude]` in WGS-84 degrees, as GeoJSON orders them (an altitude after them is
 * allowed and ignored).
 */

/** A closed ring of at least four positions (the first repeated last), as GeoJSON requires. */
const linearRing = z
  .array(geoJsonPositionSchema)
  .min(4)
  .refine((ring) => samePosition(ring[0]!, ring.at(-1)!), 'a linear ring ends where it starts');

const geoJsonPointSchema = z.strictObject({ type: z.literal('Point'), coordinates: geoJsonPositionSchema });
const geoJsonPolygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(linearRing).min(1),
});

/** TMF675 GeographicLocation: `@type` names the geometry its `geoJson` holds; `extra` adds fields (a value's name). */
function locationSchema<E extends z.ZodRawShape>(extra: E) {
  return z.discriminatedUnion('@type', [
    z.strictObject({
      '@type': z.literal('GeoJsonPoint'),
      ...extra,
      geoJson: geoJsonPointSchema,
      bbox: z.array(z.number()).optional(),
    }),
    z.strictObject({
      '@type': z.literal('GeoJsonPolygon'),
      ...extra,
      geoJson: geoJsonPolygonSchema,
      bbox: z.array(z.number()).optional(),
    }),
  ]);
}

/** A GeographicLocation resource's own attributes (its name is its party-or-place name). */
export const geographicLocationSchema = locationSchema({});

/** A GeographicLocation as a value inside an address or a site. */
export const geographicLocationValueSchema = locationSchema({ name: z.string().min(1).max(500).optional() });

/** The mean of a ring's distinct vertices. */
export function centroidOf(ring: ReadonlyArray<readonly number[]>): GeoPoint {
  const distinct = ring.filter((vertex, index) => ring.findIndex((other) => samePosition(vertex, other)) === index);
  const sum = distinct.reduce(
    (total, [longitude, latitude]) => [total[0]! + longitude!, total[1]! + latitude!],
    [0, 0],
  );
  return { longitude: sum[0]! / distinct.length, latitude: sum[1]! / distinct.length };
}

/** Where a location is: its point, or its polygon's centroid (with the polygon itself, kept as its geometry). */
export function positionOf(location: z.output<typeof geographicLocationSchema>): {
  location: GeoPoint;
  geometry?: unknown;
} {
  if (location.geoJson.type === 'Point') {
    const [longitude, latitude] = location.geoJson.coordinates;
    return { location: { longitude, latitude } };
  }
  return { location: centroidOf(location.geoJson.coordinates[0]!), geometry: location.geoJson };
}
