import { z } from 'zod';
import type { Inventory } from '../graph/inventory.js';
import type { LocatedPlace, PlaceSearch } from '../graph/spatial-queries.js';
import type { Area } from '../model/geo.js';
import { parseNear, parseWithin, type Parsed } from '../model/geo-query.js';
import { RequestError } from './request-error.js';

/**
 * The spatial parameters of a list request, in the compact forms of model/geo-query.ts
 * (`near=lon,lat,km`, `within=lon,lat;lon,lat;…`), parsed into the area to search, and what a
 * list does with it. A bad value is a 400 naming the parameter.
 *
 * - A place list (`near`, `within`): `placesSelectedBy` — the places in the area, by id.
 * - An inventory list (`place.near`, `place.within`, and `place.role` to narrow them to a role):
 *   `instancePlaceFilter` — the instances at a place in the area.
 */

const nearForm = 'longitude,latitude,km (WGS-84 degrees, GeoJSON order; km inclusive), e.g. 144.9631,-37.8136,20';
const withinForm =
  "a polygon's corners, longitude,latitude;longitude,latitude;… (at least three; closed or not), e.g. 144,-38;146,-38;145,-37, " +
  'or a GeoJSON Polygon (URL-encoded), holes and all';

/** The place list parameters, for a route's OpenAPI querystring. */
export const placeAreaParameters = z.object({
  near: z.string().optional().describe(`Places within a distance of a point: ${nearForm}`),
  within: z.string().optional().describe(`Places inside a polygon: ${withinForm}`),
});

/** The inventory list parameters, for a route's OpenAPI querystring. */
export const instancePlaceParameters = z.object({
  'place.near': z.string().optional().describe(`Instances at a place within a distance of a point: ${nearForm}`),
  'place.within': z.string().optional().describe(`Instances at a place inside a polygon: ${withinForm}`),
  'place.role': z
    .string()
    .optional()
    .describe('With place.near or place.within: only places in this role (e.g. dataCentre)'),
});

const badValue = (parameter: string, problem: string) =>
  new RequestError(400, 'invalidRequest', `${parameter}: ${problem}`);

/** The value of one parameter, parsed. */
function parsed<T>(parameter: string, value: unknown, parse: (text: string) => Parsed<T>): T {
  if (typeof value !== 'string') throw badValue(parameter, 'give it once');
  const result = parse(value);
  if ('problem' in result) throw badValue(parameter, result.problem);
  return result.value;
}

/** The area the two parameters name: undefined when neither is given. */
export function areaOf(query: Record<string, unknown>, names = { near: 'near', within: 'within' }): Area | undefined {
  const near = query[names.near];
  const within = query[names.within];
  if (near !== undefined && within !== undefined)
    throw badValue(names.within, `give ${names.near} or ${names.within}, not both`);
  if (near !== undefined) return { near: parsed(names.near, near, parseNear) };
  if (within !== undefined) return { within: parsed(names.within, within, parseWithin) };
  return undefined;
}

/**
 * For a place list route: the places its `near` or `within` selects, by id (with where each
 * is, and how far for `near`) — undefined when it has neither. A list keeps the places in it:
 * `const selected = await placesSelectedBy(inventory, request.query); if (selected) places = places.filter((place) => selected.has(place.id));`
 */
export async function placesSelectedBy(
  inventory: Inventory,
  query: Record<string, unknown>,
  search: PlaceSearch = {},
): Promise<Map<string, LocatedPlace> | undefined> {
  const area = areaOf(query);
  if (!area) return undefined;
  return new Map((await inventory.spatial.placesIn(area, search)).map((place) => [place.id, place]));
}

const instanceNames = { near: 'place.near', within: 'place.within' };

/**
 * For an inventory list: the instances at a place in its area (their ids, to filter the list on),
 * and the query without the spatial parameters. `place.role` alone stays a filter on the rendered JSON, as before.
 */
export async function instancePlaceFilter(
  inventory: Inventory,
  query: Record<string, string>,
): Promise<{ ids?: string[]; rest: Record<string, string> }> {
  const area = areaOf(query, instanceNames);
  if (!area) return { rest: query };
  const { 'place.near': _near, 'place.within': _within, 'place.role': role, ...rest } = query;
  return { ids: await inventory.spatial.instanceIdsIn(area, role), rest };
}
