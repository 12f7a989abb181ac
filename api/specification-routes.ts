import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SpecificationRepository } from '../graph/specification-repository.js';
import { InventoryError } from '../model/inventory-error.js';
import { instanceTypes, type InstanceType } from '../model/instance-ref.js';
import type { Registry } from '../model/registry.js';
import { specificationJson, specificationTypeNames, type CatalogEntry } from '../model/tmf/specification-json.js';
import { tmfVersions, type TmfVersion } from '../model/tmf/state-vocabulary.js';
import { legacyResourceSpecificationPaths, specificationPaths } from '../model/tmf/tmf-paths.js';
import { idParams } from './id-params.js';
import type { PublicUrl } from './public-url.js';
import { specificationView } from './specification-schemas.js';
import { tmfErrorSchema } from './tmf-error.js';
import { listQuery, pageAnswer, type ListQuery } from './tmf-paging.js';
import { filterItems, selectFields } from './tmf-query.js';

/**
 * The specification catalog: TMF633 ServiceSpecification and TMF634 ResourceSpecification (v4 and
 * v5), listed with the TMF630 rules (attribute filters, `fields`, `offset`/`limit`), one by id at
 * the path each `serviceSpecification.href` / `resourceSpecification.href` names, and deleted by id
 * (a version retired: refused with 409 while instances or expectations use it). What each
 * specification shows is derived from its kind (model/tmf/specification-json.ts); the graph adds
 * which specifications are stored, their minor/patch versions and which are deleted.
 */
export interface SpecificationApiOptions {
  registry: Registry;
  specifications: SpecificationRepository;
  publicUrl: PublicUrl;
}

const apiOf = { service: 'TMF633', resource: 'TMF634' } as const;
const specificationTypeOf = { service: 'serviceSpecification', resource: 'resourceSpecification' } as const;

/** A specification as `fields` leaves it. */
type Specification = z.output<ReturnType<typeof specificationView>>;

/** Where one catalog is mounted: its version, type and collection path (and the path it is an alias of). */
interface Mount {
  version: TmfVersion;
  type: InstanceType;
  collection: string;
  alias?: string;
}

type App = Parameters<FastifyPluginCallbackZod<SpecificationApiOptions>>[0];

const schemaCommon = ({ version, type, alias }: Mount) => ({
  tags: [`${apiOf[type]} ${specificationTypeNames[type]} ${version}${alias ? ` (alias of ${alias})` : ''}`],
  ...(alias ? { deprecated: true } : {}),
});

/** GET of the list and of one specification. */
function readRoutes(app: App, { registry, specifications, publicUrl }: SpecificationApiOptions, mount: Mount) {
  const { version, type, collection } = mount;
  const view = specificationView(version, type);
  const instanceKinds = registry.all().flatMap((kind) => (kind.category === 'instance' ? [kind] : []));
  const catalog = () => specifications.catalog(instanceKinds, type);
  const render = (entry: CatalogEntry, baseUrl: string) => specificationJson(entry, { baseUrl }, version);
  app.get(
    collection,
    {
      schema: {
        ...schemaCommon(mount),
        querystring: listQuery,
        response: { 200: z.array(view), 206: z.array(view), 400: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      const query = request.query as ListQuery;
      const { fields: _fields, offset, limit, ...filters } = query;
      const baseUrl = publicUrl(request);
      const matching = filterItems(
        (await catalog()).map((entry) => render(entry, baseUrl)),
        filters,
      );
      const page = matching.slice(offset, offset + limit);
      const answer = pageAnswer(page, matching.length, query, baseUrl + collection);
      return reply
        .status(answer.status)
        .headers(answer.headers)
        .send(answer.items as Specification[]);
    },
  );
  app.get(
    `${collection}/:id`,
    {
      schema: {
        ...schemaCommon(mount),
        params: idParams,
        querystring: z.object({ fields: z.string().optional() }),
        response: { 200: view, 404: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      // the catalog decides each entry's lifecycle status; only the one asked for is rendered
      const found = (await catalog()).find(({ specification }) => specification.id === request.params.id);
      if (!found) throw new InventoryError('notFound', `no ${type} specification with id ${request.params.id}`, ['id']);
      return reply.send(selectFields(render(found, publicUrl(request)), request.query.fields) as Specification);
    },
  );
}

/** DELETE of one specification: 204, or 404, or 409 naming how many instances and expectations use it. */
function deleteRoute(app: App, { specifications }: SpecificationApiOptions, mount: Mount) {
  app.delete(
    `${mount.collection}/:id`,
    {
      schema: {
        ...schemaCommon(mount),
        summary: `Delete (retire) a ${mount.type} specification no instance and no expectation uses; registration never brings it back`,
        params: idParams,
        response: {
          204: z.null().describe('deleted'),
          404: tmfErrorSchema.describe('no such specification (or deleted already)'),
          409: tmfErrorSchema.describe('instances or expectations use it: the message says how many'),
        },
      },
    },
    async (request, reply) => {
      await specifications.delete(request.params.id, specificationTypeOf[mount.type]);
      return reply.status(204).send(null);
    },
  );
}

export const specificationRoutes: FastifyPluginCallbackZod<SpecificationApiOptions> = (app, options, done) => {
  const mounts: Mount[] = tmfVersions.flatMap((version) => [
    ...instanceTypes.map((type) => ({ version, type, collection: specificationPaths[version][type] })),
    {
      version,
      type: 'resource' as const,
      collection: legacyResourceSpecificationPaths[version],
      alias: specificationPaths[version].resource,
    },
  ]);
  for (const mount of mounts) {
    readRoutes(app, options, mount);
    deleteRoute(app, options, mount);
  }
  done();
};
