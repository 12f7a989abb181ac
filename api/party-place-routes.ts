import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Wake } from '../activities/wake-waiting.js';
import type { Inventory } from '../graph/inventory.js';
import { partyTypes, type PartyType, type PlaceType } from '../model/party-kind.js';
import type { PartyOrPlaceDetail } from '../model/party-kind.js';
import { renderPartyOrPlace } from '../model/tmf/party-place-json.js';
import { tmfVersions, type TmfVersion } from '../model/tmf/state-vocabulary.js';
import { partyOrPlaceHref, partyOrPlacePaths } from '../model/tmf/tmf-paths.js';
import {
  createPartyOrPlace,
  deletePartyOrPlace,
  listPartiesOrPlaces,
  partyOrPlaceOf,
  patchPartyOrPlace,
  type PartyPlaceTarget,
} from '../runtime/party-place-writes.js';
import { idParams } from './id-params.js';
import { mergePatch } from './merge-patch.js';
import { partyOrPlaceBody, partyOrPlaceView } from './party-place-schemas.js';
import type { PublicUrl } from './public-url.js';
import { RequestError } from './request-error.js';
import { placeAreaParameters, placesSelectedBy } from './spatial-query.js';
import { tmfErrorSchema } from './tmf-error.js';
import { listQuery, pageAnswer, type ListQuery } from './tmf-paging.js';
import { filterItems, selectFields } from './tmf-query.js';

/**
 * Parties and places, the reference data instances point at, at the paths their hrefs name:
 * TMF632 organization and individual (and `entity`, for parties of type Entity, which TMF632 has
 * no resource for), TMF674 geographicSite, TMF673 geographicAddress, TMF675 geographicLocation,
 * v4 and v5. Create (201), get, list (TMF630 filters, `fields`, paging), PATCH (JSON Merge Patch
 * of the item as GET shows it) and DELETE (204; 409 naming who refers to it). Written directly
 * (runtime/party-place-writes.ts), checked by the kind first: a refused write writes nothing.
 */
export interface PartyPlaceApiOptions {
  inventory: Inventory;
  publicUrl: PublicUrl;
  /** Wakes the reconcilers blocked waiting for a party or place created here (activities/wake-waiting.ts). */
  wake?: Wake;
}

const tmfApiOf: Record<PartyType | PlaceType, string> = {
  Organization: 'TMF632 Party',
  Individual: 'TMF632 Party',
  Entity: 'TMF632 Party',
  GeographicSite: 'TMF674 Geographic Site',
  GeographicAddress: 'TMF673 Geographic Address',
  GeographicLocation: 'TMF675 Geographic Location',
};

const errors = Object.fromEntries([400, 404, 409, 422].map((status) => [status, tmfErrorSchema]));

type Item = Record<string, unknown>;

type App = Parameters<FastifyPluginCallbackZod<PartyPlaceApiOptions>>[0];

/** What every route of one TMF type at one version shares. */
function routeContext(
  { inventory, publicUrl }: PartyPlaceApiOptions,
  type: PartyType | PlaceType,
  version: TmfVersion,
) {
  const collection = partyOrPlacePaths[version][type];
  const target: PartyPlaceTarget = {
    category: (partyTypes as readonly string[]).includes(type) ? 'party' : 'place',
    type,
  };
  const view = partyOrPlaceView(type);
  const tags = [`${tmfApiOf[type]} ${version}`];
  const render = (found: PartyOrPlaceDetail, baseUrl: string) =>
    renderPartyOrPlace(found, target.category, version, { baseUrl });
  const answer = (reply: FastifyReply, status: number, found: PartyOrPlaceDetail, baseUrl: string) =>
    reply
      .status(status)
      .header('Location', partyOrPlaceHref({ baseUrl }, found, version))
      .send(render(found, baseUrl));
  return { inventory, publicUrl, collection, target, view, tags, render, answer };
}

/**
 * The parties or places of the target type; for places with `near` or `within`, only those in the
 * area, nearest first (api/spatial-query.ts).
 */
async function inArea(
  { inventory }: PartyPlaceApiOptions,
  target: PartyPlaceTarget,
  query: Record<string, unknown>,
): Promise<PartyOrPlaceDetail[]> {
  const [selected, all] = await Promise.all([
    target.category === 'place' ? placesSelectedBy(inventory, query, { type: target.type }) : undefined,
    listPartiesOrPlaces(inventory, target),
  ]);
  if (!selected) return all;
  const byId = new Map(all.map((found) => [found.id, found]));
  return [...selected.keys()].flatMap((id) => byId.get(id) ?? []);
}

/** List and get. */
function mountReads(app: App, options: PartyPlaceApiOptions, type: PartyType | PlaceType, version: TmfVersion) {
  const { inventory, publicUrl, collection, target, view, tags, render } = routeContext(options, type, version);

  app.get(
    collection,
    {
      schema: {
        tags,
        querystring: target.category === 'place' ? listQuery.extend(placeAreaParameters.shape) : listQuery,
        response: { 200: z.array(view), 206: z.array(view), 400: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      const query = request.query as ListQuery;
      const { fields: _fields, offset, limit, near: _near, within: _within, ...filters } = query;
      const baseUrl = publicUrl(request);
      const all = (await inArea(options, target, query)).map((found) => render(found, baseUrl));
      const matching = filterItems(all, filters);
      const result = pageAnswer(matching.slice(offset, offset + limit), matching.length, query, baseUrl + collection);
      return reply
        .status(result.status)
        .headers(result.headers)
        .send(result.items as Array<z.output<typeof view>>);
    },
  );

  const fieldsQuery = z.object({ fields: z.string().optional() });
  const response = { 200: view, 404: tmfErrorSchema };
  app.get(
    `${collection}/:id`,
    { schema: { tags, params: idParams, querystring: fieldsQuery, response } },
    async (request) => {
      const found = await partyOrPlaceOf(inventory, target, request.params.id);
      return selectFields(render(found, publicUrl(request)), request.query.fields) as z.output<typeof view>;
    },
  );
}

/** Create, change and delete. */
function mountWrites(app: App, options: PartyPlaceApiOptions, type: PartyType | PlaceType, version: TmfVersion) {
  const { inventory, publicUrl, collection, target, view, tags, answer } = routeContext(options, type, version);
  app.post(
    collection,
    { schema: { tags, summary: `Create a ${type}`, body: partyOrPlaceBody, response: { 201: view, ...errors } } },
    async (request, reply) => {
      const waking = options.wake && { wake: options.wake, warn: (line: string) => request.log.warn(line) };
      const created = await createPartyOrPlace(inventory, target, request.body, waking);
      return answer(reply, 201, created, publicUrl(request));
    },
  );

  app.patch(
    `${collection}/:id`,
    {
      schema: {
        tags,
        summary: `Change a ${type}: a JSON Merge Patch of the item as GET shows it`,
        consumes: ['application/merge-patch+json', 'application/json'],
        params: idParams,
        body: z.record(z.string(), z.unknown()).describe('a JSON Merge Patch of the item'),
        response: { 200: view, ...errors },
      },
    },
    async (request, reply) => {
      const patch = request.body;
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
        throw new RequestError(400, 'invalidRequest', 'a merge patch is a JSON object (RFC 7386)');
      const changed = await patchPartyOrPlace(
        inventory,
        { ...target, version },
        request.params.id,
        (representation) => mergePatch(representation, patch) as Item,
      );
      return answer(reply, 200, changed, publicUrl(request));
    },
  );

  app.delete(
    `${collection}/:id`,
    {
      schema: {
        tags,
        summary: `Delete a ${type} nothing refers to (409 naming the instances, expectations, parties and places that do)`,
        params: idParams,
        response: { 204: z.null().describe('deleted'), 404: tmfErrorSchema, 409: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      await deletePartyOrPlace(inventory, target, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

export const partyPlaceRoutes: FastifyPluginCallbackZod<PartyPlaceApiOptions> = (app, options, done) => {
  for (const version of tmfVersions) {
    for (const type of Object.keys(partyOrPlacePaths[version]) as Array<PartyType | PlaceType>) {
      mountReads(app, options, type, version);
      mountWrites(app, options, type, version);
    }
  }
  done();
};
