import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Inventory } from '../graph/inventory.js';
import { inheritedFactsView } from '../model/inherited-values.js';
import { InventoryError } from '../model/inventory-error.js';
import type { InstanceType } from '../model/instance-ref.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import type { TmfVersion } from '../model/tmf/state-vocabulary.js';
import type { RenderContext } from '../model/tmf/tmf-paths.js';
import type { TmfRenderer } from '../model/tmf/tmf-renderers.js';
import { idParams } from './id-params.js';
import type { PublicUrl } from './public-url.js';
import { tmfErrorSchema } from './tmf-error.js';
import { instancePlaceFilter, instancePlaceParameters } from './spatial-query.js';
import { splitFilters } from './tmf-filters.js';
import { filterItems, selectFields } from './tmf-query.js';
import { listQuery, pageAnswer, type ListAnswer, type ListQuery } from './tmf-paging.js';

/**
 * A TMF inventory API (read): list with TMF630 filters, `fields` and paging; get one; an
 * instance's inherited facts (`/{id}/inherited`, a diffo extension). One plugin for TMF638
 * services and TMF639 resources, mounted once per API and version: its options say which
 * instances, at which base path, rendered how.
 */
export interface InventoryApiOptions {
  inventory: Inventory;
  type: InstanceType;
  version: TmfVersion;
  /** The API's base path, e.g. `/tmf-api/serviceInventory/v4`; the collection is `<basePath>/<type>`. */
  basePath: string;
  /** The OpenAPI tag of the API's routes. */
  tag: string;
  /** Renders an instance as this API version's JSON, … */
  render: TmfRenderer;
  /** … which this schema describes (with only id, href and @type required, as `fields` may trim the rest). */
  item: z.ZodType;
  /** The base URL of the hrefs in the items and the Link header. */
  publicUrl: PublicUrl;
  /** An alias of the API at another path: marked deprecated in the OpenAPI document. */
  deprecated?: boolean;
}

const inheritedFactView = z.object({
  name: z.string(),
  category: z.enum(['place', 'party', 'characteristic', 'field']),
  status: z.enum(['known', 'unknown']),
  value: z.unknown().optional(),
  reason: z.string().optional(),
  from: z.array(z.string()).optional(),
});

/** At most this many instances are rendered to filter on attributes the graph cannot filter on. */
const renderedFilterLimit = 100_000;

/** One page of the rendered instances a query asks for, and how many match in all. */
async function readPage(
  { inventory, type, version, render }: InventoryApiOptions,
  context: RenderContext,
  query: Record<string, string>,
  offset: number,
  limit: number,
): Promise<{ page: Array<Record<string, unknown>>; total: number }> {
  const { ids, rest: filters } = await instancePlaceFilter(inventory, query);
  const { attributes, rest } = splitFilters(type, version, filters);
  const filter = { type, attributes, ...(ids ? { ids } : {}) };
  const renderOne = (instance: InstanceSnapshot) => render(instance, context);
  if (Object.keys(rest).length === 0) {
    // every filter is one the graph knows: filter, count and page in Cypher
    const [found, total] = await Promise.all([
      limit > 0 ? inventory.instances.list(filter, { offset, limit }) : [],
      inventory.instances.count(filter),
    ]);
    return { page: found.map(renderOne), total };
  }
  // a filter on any other attribute path: match on the rendered JSON
  const found = await inventory.instances.list(filter, { offset: 0, limit: renderedFilterLimit });
  const matching = filterItems(found.map(renderOne), rest);
  return { page: matching.slice(offset, offset + limit), total: matching.length };
}

/** The instance of this API's type with the id, or a 404. */
export async function instanceOfType(inventory: Inventory, type: InstanceType, id: string): Promise<InstanceSnapshot> {
  const instance = await inventory.instances.get(id);
  if (instance.type !== type) throw new InventoryError('notFound', `no ${type} with id ${id}`, ['id']);
  return instance;
}

/** A list request's items, `fields` applied, with its status and paging headers. */
async function listAnswer(options: InventoryApiOptions, query: ListQuery, baseUrl: string): Promise<ListAnswer> {
  const { fields: _fields, offset, limit, ...filters } = query;
  const { page, total } = await readPage(options, { baseUrl }, filters, offset, limit);
  return pageAnswer(page, total, query, `${baseUrl}${options.basePath}/${options.type}`);
}

export const inventoryRoutes: FastifyPluginCallbackZod<InventoryApiOptions> = (app, options, done) => {
  const { inventory, type, basePath, tag, render, item, publicUrl } = options;
  const collection = `${basePath}/${type}`;
  const common = { tags: [tag], ...(options.deprecated ? { deprecated: true } : {}) };
  const instanceOf = (id: string) => instanceOfType(inventory, type, id);

  app.get(
    collection,
    {
      schema: {
        ...common,
        querystring: listQuery.extend(instancePlaceParameters.shape),
        response: { 200: z.array(item), 206: z.array(item), 400: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      const query = request.query as ListQuery;
      const answer = await listAnswer(options, query, publicUrl(request));
      reply.status(answer.status).headers(answer.headers);
      return answer.items;
    },
  );

  app.get(
    `${collection}/:id`,
    {
      schema: {
        ...common,
        params: idParams,
        querystring: z.object({ fields: z.string().optional() }),
        response: { 200: item, 404: tmfErrorSchema },
      },
    },
    async (request) => {
      const rendered = render(await instanceOf(request.params.id), { baseUrl: publicUrl(request) });
      return selectFields(rendered, request.query.fields);
    },
  );

  app.get(
    `${collection}/:id/inherited`,
    {
      schema: {
        ...common,
        summary:
          'Inherited places, parties, characteristics and field reads (a diffo extension): ' +
          'each value with the instances it came from, or unknown and why',
        params: idParams,
        response: { 200: z.array(inheritedFactView), 404: tmfErrorSchema },
      },
    },
    async (request) => inheritedFactsView((await instanceOf(request.params.id)).inherited),
  );
  done();
};
