import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InventoryError } from '../model/inventory-error.js';
import { instanceTypes } from '../model/instance-ref.js';
import type { Registry } from '../model/registry.js';
import { instanceTypeOf, versionOf } from '../model/specification.js';
import { tmfVersions } from '../model/tmf/state-vocabulary.js';
import { specificationHref, specificationPaths } from '../model/tmf/tmf-paths.js';
import { idParams } from './id-params.js';
import type { PublicUrl } from './public-url.js';
import { tmfErrorSchema } from './tmf-error.js';

/**
 * The specifications the inventory's items refer to, read-only, from the registered kinds: a
 * minimal TMF633 ServiceSpecification / TMF634 ResourceSpecification (v4 and v5) at the path each
 * `serviceSpecification.href` / `resourceSpecification.href` names. Not a catalog: no list, no
 * characteristics.
 */
export interface SpecificationApiOptions {
  registry: Registry;
  publicUrl: PublicUrl;
}

const specificationView = z.object({
  id: z.string(),
  href: z.string(),
  name: z.string(),
  version: z.string(),
  lifecycleStatus: z.literal('Active').describe("a registered kind's specification is in use"),
  '@type': z.enum(['ServiceSpecification', 'ResourceSpecification']),
});

export const specificationRoutes: FastifyPluginCallbackZod<SpecificationApiOptions> = (
  app,
  { registry, publicUrl },
  done,
) => {
  const specificationOf = (id: string) =>
    registry
      .all()
      .flatMap((kind) => (kind.category === 'instance' && kind.specification.id === id ? [kind.specification] : []))[0];

  for (const version of tmfVersions) {
    for (const type of instanceTypes) {
      const referredType = type === 'service' ? ('ServiceSpecification' as const) : ('ResourceSpecification' as const);
      app.get(
        `${specificationPaths[version][type]}/:id`,
        {
          schema: {
            tags: [`${type === 'service' ? 'TMF633' : 'TMF634'} ${referredType} (${version}, read-only)`],
            params: idParams,
            response: { 200: specificationView, 404: tmfErrorSchema },
          },
        },
        (request, reply) => {
          const specification = specificationOf(request.params.id);
          if (!specification || instanceTypeOf(specification.type) !== type) {
            throw new InventoryError('notFound', `no ${type} specification with id ${request.params.id}`, ['id']);
          }
          void reply.send({
            id: specification.id,
            href: specificationHref({ baseUrl: publicUrl(request) }, version, type, specification.id),
            name: specification.name,
            version: versionOf(specification),
            lifecycleStatus: 'Active' as const,
            '@type': referredType,
          });
        },
      );
    }
  }
  done();
};
