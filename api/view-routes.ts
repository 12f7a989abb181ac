import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { ExpectationRepository } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { readSettings } from '../infra/settings.js';
import { idParams } from './id-params.js';
import { instanceNeighbourhood } from './instance-neighbourhood.js';
import { liveEventsRoutes } from './live-events.js';
import type { PublicUrl } from './public-url.js';
import { viewAssets } from './view-assets.js';

export interface ViewOptions {
  inventory: Inventory;
  expectations: ExpectationRepository;
  publicUrl: PublicUrl;
  /** Whether the data routes need a bearer token: the page asks for it before anything else. */
  tokenRequired: boolean;
}

/**
 * The live view for people (issue 19), served by the API process: the page at `/` and its
 * script (public: the page asks for the token when the API wants one), what the page needs
 * besides the expectations and TMF APIs — the graph around an instance, its story (events,
 * newest first), where the Temporal UI is — and the live stream (api/live-events.ts).
 */
export const viewRoutes: FastifyPluginCallbackZod<ViewOptions> = (app, options, done) => {
  const page = { schema: { hide: true }, config: { public: true } };
  app.get('/', page, async (_request, reply) => {
    const { html } = await viewAssets();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
  app.get('/view/app.js', page, async (_request, reply) => {
    const { script } = await viewAssets();
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script);
  });
  app.get('/view/config', page, () => {
    const { temporal } = readSettings();
    return {
      tokenRequired: options.tokenRequired,
      temporalWorkflows: `${temporal.uiUrl}/namespaces/${encodeURIComponent(temporal.namespace)}/workflows`,
    };
  });
  app.get('/view/instances/:id/graph', { schema: { hide: true, params: idParams } }, (request) =>
    instanceNeighbourhood(options.inventory, request.params.id, { baseUrl: options.publicUrl(request) }),
  );
  app.get('/view/instances/:id/story', { schema: { hide: true, params: idParams } }, async (request) => {
    const events = await options.inventory.events.list(request.params.id);
    return events.reverse().map(({ key, eventType, eventTime, changedPaths }) => ({
      key,
      eventType,
      eventTime,
      changedPaths,
    }));
  });
  void app.register(liveEventsRoutes, {
    events: options.inventory.events,
    expectations: options.expectations,
    publicUrl: options.publicUrl,
  });
  done();
};
