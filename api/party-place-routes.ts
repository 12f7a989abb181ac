import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import type { PartyOrPlace } from '../model/party-kind.js';
import { partyOrPlaceHref, partyPaths, placePaths } from '../model/tmf/tmf-paths.js';
import { idParams } from './id-params.js';
import type { PublicUrl } from './public-url.js';
import { tmfErrorSchema } from './tmf-error.js';

/**
 * The parties and places the inventory's items refer to, read-only, one GET by id per TMF type at
 * the path their `href` names: TMF632 organization and individual, TMF674 geographic site, TMF673
 * geographic address, TMF675 geographic location (and `entity`, for parties of type Entity,
 * which TMF632 has no resource for). Minimal: id, href, name (`fullName` for an individual), @type.
 */
export interface PartyPlaceApiOptions {
  inventory: Inventory;
  publicUrl: PublicUrl;
}

const partyOrPlaceView = z.object({
  id: z.string(),
  href: z.string(),
  name: z.string().optional(),
  fullName: z.string().optional(),
  '@type': z
    .string()
    .describe('Organization, Individual, Entity, GeographicSite, GeographicAddress or GeographicLocation'),
});

export const partyPlaceRoutes: FastifyPluginCallbackZod<PartyPlaceApiOptions> = (
  app,
  { inventory, publicUrl },
  done,
) => {
  const sections = [
    { category: 'party', repository: inventory.parties, paths: partyPaths, tag: 'TMF632 Party (read-only)' },
    { category: 'place', repository: inventory.places, paths: placePaths, tag: 'TMF673/674/675 Place (read-only)' },
  ] as const;
  for (const { category, repository, paths, tag } of sections) {
    for (const [type, path] of Object.entries(paths)) {
      app.get(
        `${path}/:id`,
        {
          schema: { tags: [tag], params: idParams, response: { 200: partyOrPlaceView, 404: tmfErrorSchema } },
        },
        async (request) => {
          const found: PartyOrPlace = await repository.get(request.params.id);
          if (found.type !== type)
            throw new InventoryError('notFound', `no ${category} of type ${type} with id ${found.id}`, ['id']);
          const nameKey = type === 'Individual' ? 'fullName' : 'name';
          return {
            id: found.id,
            href: partyOrPlaceHref({ baseUrl: publicUrl(request) }, found),
            ...(found.name ? { [nameKey]: found.name } : {}),
            '@type': type,
          };
        },
      );
    }
  }
  done();
};
