import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Inventory } from '../graph/inventory.js';
import type { LocatedPlace } from '../graph/spatial-queries.js';
import { placeTypes } from '../model/party-kind.js';
import { partyOrPlaceHref, type RenderContext } from '../model/tmf/tmf-paths.js';
import type { PublicUrl } from './public-url.js';
import { areaOf, placeAreaParameters } from './spatial-query.js';
import { RequestError } from './request-error.js';
import { tmfErrorSchema } from './tmf-error.js';
import { listQuery, pageAnswer, type ListQuery } from './tmf-paging.js';

/**
 * `GET /places?near=…` or `?within=…` (a diffo extension): the places of every type in the
 * area, each with where it is — within a distance nearest first, with `distanceKm`; inside a
 * polygon by id. Paged like a TMF list (`offset`, `limit`, `fields`, `X-Total-Count`).
 */
export interface PlaceSearchOptions {
  inventory: Inventory;
  publicUrl: PublicUrl;
}

/** A place found (with only id and href required, as `fields` may trim the rest). */
const locatedPlaceView = z.object({
  id: z.string(),
  href: z.string().describe('The place at its TMF673/674/675 path'),
  name: z.string().optional(),
  kind: z.string().optional(),
  type: z.enum(placeTypes).optional(),
  location: z.object({ longitude: z.number(), latitude: z.number() }).optional().describe('WGS-84 degrees'),
  distanceKm: z.number().optional().describe('With near: the great-circle distance from the point'),
});
type LocatedPlaceView = z.output<typeof locatedPlaceView>;

const placeSearchQuery = listQuery.extend({
  ...placeAreaParameters.shape,
  type: z.enum(placeTypes).optional().describe('Only places of this TMF type'),
});

function viewOf(place: LocatedPlace, context: RenderContext) {
  const { id, name, kind, type, location, distanceKm } = place;
  return {
    id,
    href: partyOrPlaceHref(context, place),
    ...(name === undefined ? {} : { name }),
    kind,
    type,
    location,
    ...(distanceKm === undefined ? {} : { distanceKm }),
  };
}

export const placeSearchRoutes: FastifyPluginCallbackZod<PlaceSearchOptions> = (
  app,
  { inventory, publicUrl },
  done,
) => {
  app.get(
    '/places',
    {
      schema: {
        tags: ['Places by location'],
        summary: 'Places within a distance of a point (near) or inside a polygon (within), with where each is',
        querystring: placeSearchQuery,
        response: { 200: z.array(locatedPlaceView), 206: z.array(locatedPlaceView), 400: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      const query = request.query as ListQuery;
      const area = areaOf(query);
      if (!area)
        throw new RequestError(400, 'invalidRequest', 'near: give near=lon,lat,km or within=lon,lat;lon,lat;…');
      const baseUrl = publicUrl(request);
      const found = await inventory.spatial.placesIn(area, query.type ? { type: query.type } : {});
      const page = found.slice(query.offset, query.offset + query.limit).map((place) => viewOf(place, { baseUrl }));
      const answer = pageAnswer(page, found.length, query, `${baseUrl}/places`);
      reply.status(answer.status).headers(answer.headers);
      return answer.items as LocatedPlaceView[];
    },
  );
  done();
};
