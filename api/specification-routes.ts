import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InventoryError } from '../model/inventory-error.js';
import { instanceTypes, type InstanceType } from '../model/instance-ref.js';
import type { Registry, RegisteredInstanceKind } from '../model/registry.js';
import { kindsOfType, specificationJson, specificationTypeNames } from '../model/tmf/specification-json.js';
import { tmfVersions, type TmfVersion } from '../model/tmf/state-vocabulary.js';
import { specificationPaths } from '../model/tmf/tmf-paths.js';
import { idParams } from './id-params.js';
import type { PublicUrl } from './public-url.js';
import { tmfErrorSchema } from './tmf-error.js';
import { listQuery, pageAnswer, type ListQuery } from './tmf-paging.js';
import { filterItems, selectFields } from './tmf-query.js';

/**
 * The specification catalog, read-only, from the registered kinds: TMF633 ServiceSpecification
 * and TMF634 ResourceSpecification (v4 and v5), listed with the TMF630 rules (attribute filters,
 * `fields`, `offset`/`limit`) and one by id at the path each `serviceSpecification.href` /
 * `resourceSpecification.href` names. Each specification shows what its kind declares (see
 * model/tmf/specification-json.ts); nothing of it is stored apart from the kind.
 */
export interface SpecificationApiOptions {
  registry: Registry;
  publicUrl: PublicUrl;
}

const specCharacteristicView = z.object({
  name: z.string(),
  valueType: z.string(),
  configurable: z.boolean(),
  minCardinality: z.number(),
  maxCardinality: z.number().optional(),
  specCharacteristicValue: z.array(z.object({ value: z.unknown(), valueType: z.string() })).optional(),
});

const roleView = z.object({
  role: z.string(),
  kind: z.string(),
  cardinality: z.enum(['single', 'plural', 'reference']),
  minCardinality: z.number().optional(),
  maxCardinality: z.number().optional(),
});

const permissionView = z.union([z.enum(['all', 'none']), z.array(z.string())]);

/** A specification; only id, href and @type required, as `fields` may trim the rest. */
const specificationView = z.object({
  id: z.string(),
  href: z.string(),
  name: z.string().optional(),
  version: z.string().optional(),
  description: z.string().optional(),
  category: z.string().optional(),
  lifecycleStatus: z
    .enum(['Active', 'Obsolete'])
    .optional()
    .describe('Active: the highest registered major version of its name; Obsolete: a lower one still registered'),
  specCharacteristic: z.array(specCharacteristicView).optional(),
  featureSpecification: z
    .array(
      z.object({
        name: z.string(),
        isEnabled: z.boolean(),
        featureSpecCharacteristic: z.array(specCharacteristicView),
      }),
    )
    .optional(),
  poolSpecification: z
    .array(z.object({ name: z.string(), thing: z.string() }))
    .optional()
    .describe("diffo extension: the kind's pools and the thing each holds"),
  partyRole: z.array(roleView).optional().describe("diffo extension: the kind's party roles"),
  placeRole: z.array(roleView).optional().describe("diffo extension: the kind's place roles"),
  permittedRelationship: z
    .object({ source: permissionView, target: permissionView })
    .optional()
    .describe('diffo extension: the relationship aliases the kind may be source or target of'),
  '@type': z.enum(['ServiceSpecification', 'ResourceSpecification']),
});

const apiOf = { service: 'TMF633', resource: 'TMF634' } as const;

/** A specification as `fields` leaves it. */
type Specification = z.output<typeof specificationView>;

function instanceKinds(registry: Registry, type: InstanceType): RegisteredInstanceKind[] {
  const all = registry.all().flatMap((kind) => (kind.category === 'instance' ? [kind] : []));
  return kindsOfType(all, type);
}

/** The specifications of a type, rendered for a version. */
function renderedSpecifications(registry: Registry, type: InstanceType, version: TmfVersion, baseUrl: string) {
  const kinds = instanceKinds(registry, type);
  return kinds.map((kind) => specificationJson(kind, kinds, { baseUrl }, version));
}

export const specificationRoutes: FastifyPluginCallbackZod<SpecificationApiOptions> = (
  app,
  { registry, publicUrl },
  done,
) => {
  for (const version of tmfVersions) {
    for (const type of instanceTypes) {
      const collection = specificationPaths[version][type];
      const tags = [`${apiOf[type]} ${specificationTypeNames[type]} (${version}, read-only)`];
      app.get(
        collection,
        {
          schema: {
            tags,
            querystring: listQuery,
            response: { 200: z.array(specificationView), 206: z.array(specificationView), 400: tmfErrorSchema },
          },
        },
        (request, reply) => {
          const query = request.query as ListQuery;
          const { fields: _fields, offset, limit, ...filters } = query;
          const baseUrl = publicUrl(request);
          const matching = filterItems(renderedSpecifications(registry, type, version, baseUrl), filters);
          const page = matching.slice(offset, offset + limit);
          const answer = pageAnswer(page, matching.length, query, baseUrl + collection);
          void reply
            .status(answer.status)
            .headers(answer.headers)
            .send(answer.items as Specification[]);
        },
      );
      app.get(
        `${collection}/:id`,
        {
          schema: {
            tags,
            params: idParams,
            querystring: z.object({ fields: z.string().optional() }),
            response: { 200: specificationView, 404: tmfErrorSchema },
          },
        },
        (request, reply) => {
          const found = renderedSpecifications(registry, type, version, publicUrl(request)).find(
            ({ id }) => id === request.params.id,
          );
          if (!found)
            throw new InventoryError('notFound', `no ${type} specification with id ${request.params.id}`, ['id']);
          void reply.send(selectFields(found, request.query.fields) as Specification);
        },
      );
    }
  }
  done();
};
