import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Inventory } from '../graph/inventory.js';
import { filterableAttributes } from '../graph/instance-repository.js';
import { inheritedFactsView } from '../model/inherited-values.js';
import { InventoryError } from '../model/inventory-error.js';
import type { InstanceType } from '../model/instance-ref.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import { idParams } from './id-params.js';
import { tmfErrorSchema } from './tmf-error.js';
import { filterItems, selectFields } from './tmf-query.js';

/**
 * A TMF inventory API (read): list with TMF630 filters, `fields` and paging; get one; an
 * instance's inherited facts. One plugin for TMF638 services and TMF639 resources, mounted
 * once per API and version: its options say which instances, at which base path, rendered how.
 */
export interface InventoryApiOptions {
  inventory: Inventory;
  type: InstanceType;
  /** Where the collection lives, e.g. `/tmf-api/serviceInventoryManagement/v4/service`. */
  basePath: string;
  /** The OpenAPI tag of the API's routes. */
  tag: string;
  /** Renders an instance as this API version's JSON, … */
  render: (instance: InstanceSnapshot) => Record<string, unknown>;
  /** … which this schema describes (with only id, href and @type required, as `fields` may trim the rest). */
  item: z.ZodType;
}

const listQuery = z.looseObject({
  fields: z.string().optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const inheritedFactView = z.object({
  name: z.string(),
  category: z.enum(['place', 'party', 'characteristic', 'field']),
  status: z.enum(['known', 'unknown']),
  value: z.unknown().optional(),
  reason: z.string().optional(),
  from: z.array(z.string()).optional(),
});

/** One page of the rendered instances a query asks for, and how many match in all. */
async function readPage(
  { inventory, type, render }: InventoryApiOptions,
  filters: Record<string, string>,
  offset: number,
  limit: number,
): Promise<{ page: Array<Record<string, unknown>>; total: number }> {
  if (Object.keys(filters).every((key) => key in filterableAttributes)) {
    // every filter is a known attribute: filter, count and page in Cypher
    const attributes = Object.fromEntries(
      Object.entries(filters).map(([key, value]) => [key, String(value).split(',')]),
    );
    const filter = { type, attributes };
    const [found, total] = await Promise.all([
      inventory.instances.list(filter, { offset, limit }),
      inventory.instances.count(filter),
    ]);
    return { page: found.map(render), total };
  }
  // a filter on any other attribute path: match on the rendered JSON
  const found = await inventory.instances.list({ type }, { offset: 0, limit: 100_000 });
  const matching = filterItems(found.map(render), filters);
  return { page: matching.slice(offset, offset + limit), total: matching.length };
}

/** The RFC 8288 `Link` header of a partial page: first, and next and prev where there are such pages. */
function pageLinks(
  basePath: string,
  query: Record<string, string>,
  offset: number,
  limit: number,
  total: number,
): string {
  const link = (at: number, rel: string) =>
    `<${basePath}?${new URLSearchParams({ ...query, offset: String(at), limit: String(limit) })}>; rel="${rel}"`;
  return [
    link(0, 'first'),
    ...(offset + limit < total ? [link(offset + limit, 'next')] : []),
    ...(offset > 0 ? [link(Math.max(0, offset - limit), 'prev')] : []),
  ].join(', ');
}

export const inventoryRoutes: FastifyPluginAsyncZod<InventoryApiOptions> = async (app, options) => {
  const { inventory, type, basePath, tag, render, item } = options;

  /** The instance of this API's type with the id, or a 404. */
  const instanceOf = async (id: string) => {
    const instance = await inventory.instances.get(id);
    if (instance.type !== type) throw new InventoryError('notFound', `no ${type} with id ${id}`, ['id']);
    return instance;
  };

  app.get(
    basePath,
    {
      schema: {
        tags: [tag],
        querystring: listQuery,
        response: { 200: z.array(item), 206: z.array(item), 400: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      const { fields, offset, limit, ...filters } = request.query as z.output<typeof listQuery> &
        Record<string, string>;
      const { page, total } = await readPage(options, filters, offset, limit);
      const selected = page.map((found) => selectFields(found, fields));
      reply.header('X-Total-Count', String(total)).header('X-Result-Count', String(selected.length));
      if (selected.length < total) {
        const query = { ...filters, ...(fields ? { fields } : {}) };
        reply.status(206).header('Link', pageLinks(basePath, query, offset, limit, total));
      }
      return selected;
    },
  );

  app.get(
    `${basePath}/:id`,
    {
      schema: {
        tags: [tag],
        params: idParams,
        querystring: z.object({ fields: z.string().optional() }),
        response: { 200: item, 404: tmfErrorSchema },
      },
    },
    async (request) => selectFields(render(await instanceOf(request.params.id)), request.query.fields),
  );

  app.get(
    `${basePath}/:id/inherited`,
    {
      schema: {
        tags: [tag],
        summary:
          'Inherited places, parties, characteristics and field reads: ' +
          'each value with the instances it came from, or unknown and why',
        params: idParams,
        response: { 200: z.array(inheritedFactView), 404: tmfErrorSchema },
      },
    },
    async (request) => inheritedFactsView((await instanceOf(request.params.id)).inherited),
  );
};
