import { z } from 'zod';
import {
  geoJsonPositionSchema,
  geoPointSchema,
  maxPolygonVertices,
  nearSchema,
  samePosition,
  type GeoPoint,
  type Near,
  type Polygon,
} from './geo.js';

/**
 * The compact query forms of a spatial search, as a URL carries them — numbers in GeoJSON's
 * order (longitude first), distances in km:
 *
 * - near: `lon,lat,km` — e.g. `144.9631,-37.8136,20`;
 * - within: `lon,lat;lon,lat;…` — a polygon's outer ring, at least three corners, closed or not;
 *   or a GeoJSON Polygon (`{"type": "Polygon", "coordinates": [[[lon, lat], …], …]}`), holes and all.
 *
 * Each parser returns the value, or the problem (without the parameter's name: the caller
 * names it).
 */
export type Parsed<T> = { value: T } | { problem: string };

const decimal = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function numbersOf(text: string, count: number, what: string): number[] | string {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== count) return `expects ${what}, got "${text}"`;
  const bad = parts.find((part) => !decimal.test(part));
  return bad === undefined ? parts.map(Number) : `"${bad}" is not a number (expects ${what})`;
}

function problemOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

export function parseNear(text: string): Parsed<Near> {
  const numbers = numbersOf(text, 3, 'longitude,latitude,km');
  if (typeof numbers === 'string') return { problem: numbers };
  const [longitude, latitude, km] = numbers;
  const parsed = nearSchema.safeParse({ longitude, latitude, km });
  return parsed.success ? { value: parsed.data } : { problem: problemOf(parsed.error) };
}

/** Whether two corners are the same place: geo.ts's `samePosition`, for points. */
const samePoint = (a: GeoPoint, b: GeoPoint) => samePosition([a.longitude, a.latitude], [b.longitude, b.latitude]);

/** A GeoJSON Polygon (RFC 7946 §3.1.6): rings of positions. */
const geoJsonPolygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(geoJsonPositionSchema)).min(1),
  bbox: z.array(z.number()).optional(),
});

/** Each ring without its closing point, with at least three distinct corners; at most maxPolygonVertices in all. */
function checkedRings(rings: GeoPoint[][]): Parsed<Polygon> {
  if (rings.flat().length > maxPolygonVertices + rings.length)
    return { problem: `at most ${maxPolygonVertices} corners` };
  const open = rings.map((ring) =>
    ring.length > 1 && samePoint(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring,
  );
  for (const [index, ring] of open.entries()) {
    const distinct = ring.filter((point, at) => ring.findIndex((other) => samePoint(point, other)) === at);
    if (distinct.length < 3) {
      const which = rings.length > 1 ? `ring ${index + 1}: ` : '';
      return { problem: `${which}a polygon needs at least three distinct corners, got ${distinct.length}` };
    }
  }
  return { value: open };
}

function parseGeoJsonPolygon(text: string): Parsed<Polygon> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'is neither lon,lat;lon,lat;… nor a GeoJSON Polygon (not JSON)' };
  }
  const parsed = geoJsonPolygonSchema.safeParse(json);
  if (!parsed.success) return { problem: problemOf(parsed.error) };
  return checkedRings(
    parsed.data.coordinates.map((ring) => ring.map(([longitude, latitude]) => ({ longitude, latitude }))),
  );
}

export function parseWithin(text: string): Parsed<Polygon> {
  if (text.trim().startsWith('{')) return parseGeoJsonPolygon(text);
  const corners = text.split(';').filter((corner) => corner.trim() !== '');
  if (corners.length > maxPolygonVertices + 1) return { problem: `at most ${maxPolygonVertices} corners` };
  const ring: GeoPoint[] = [];
  for (const [index, corner] of corners.entries()) {
    const numbers = numbersOf(corner, 2, 'longitude,latitude;longitude,latitude;…');
    if (typeof numbers === 'string') return { problem: `corner ${index + 1}: ${numbers}` };
    const parsed = geoPointSchema.safeParse({ longitude: numbers[0], latitude: numbers[1] });
    if (!parsed.success) return { problem: `corner ${index + 1}: ${problemOf(parsed.error)}` };
    ring.push(parsed.data);
  }
  return checkedRings([ring]);
}
