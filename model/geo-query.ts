import { z } from 'zod';
import { geoPointSchema, maxPolygonVertices, nearSchema, type GeoPoint, type Near, type Polygon } from './geo.js';

/**
 * The compact query forms of a spatial search, as a URL carries them — numbers in GeoJSON's
 * order (longitude first), distances in km:
 *
 * - near: `lon,lat,km` — e.g. `144.9631,-37.8136,20`;
 * - within: `lon,lat;lon,lat;…` — a polygon's outer ring, at least three corners, closed or not.
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

const samePoint = (a: GeoPoint, b: GeoPoint) => a.longitude === b.longitude && a.latitude === b.latitude;

export function parseWithin(text: string): Parsed<Polygon> {
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
  if (ring.length > 1 && samePoint(ring[0]!, ring[ring.length - 1]!)) ring.pop();
  const distinct = ring.filter((point, index) => ring.findIndex((other) => samePoint(point, other)) === index);
  if (distinct.length < 3)
    return { problem: `a polygon needs at least three distinct corners, got ${distinct.length}` };
  return { value: [ring] };
}
