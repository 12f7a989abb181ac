import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ExpectationRepository } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import type { ExpectationBody } from '../expectations/expectation-schema.js';
import { actualIdOf } from '../expectations/planner.js';
import { renderTmfEvent } from '../model/tmf/event-json.js';
import { tmfVersions } from '../model/tmf/state-vocabulary.js';
import { expectationListQuery } from './expectation-list-query.js';
import { idParams } from './id-params.js';
import type { PublicUrl } from './public-url.js';
import { tmfErrorSchema } from './tmf-error.js';

/**
 * `GET /expectations/{id}/events`: the change events of the expectation's actual instance, in
 * the order they committed, each as a hub delivers it (TMF v5, or `apiVersion=v4`; the same
 * `eventId`), a page at a time as `GET /expectations` pages (`offset`, `limit`, `X-Total-Count`,
 * `X-Result-Count`). An actual not built yet has none; a deleted one keeps its events.
 * `GET /expectations/{id}` links here (`events.href`).
 */
export interface ExpectationEventsOptions {
  inventory: Inventory;
  expectations: ExpectationRepository;
  publicUrl: PublicUrl;
}

/** Where an expectation's events are listed. */
export const expectationEventsHref = (baseUrl: string, id: string) =>
  `${baseUrl}/expectations/${encodeURIComponent(id)}/events`;

const eventListQuery = expectationListQuery
  .pick({ offset: true, limit: true })
  .extend({ apiVersion: z.enum(tmfVersions).default('v5') });

export const expectationEventsRoutes: FastifyPluginCallbackZod<ExpectationEventsOptions> = (app, deps, done) => {
  app.get(
    '/expectations/:id/events',
    {
      schema: {
        tags: ['Expectations'],
        summary: "The change events of the expectation's actual instance, oldest first",
        params: idParams,
        querystring: eventListQuery,
        response: { 200: z.array(z.record(z.string(), z.unknown())), 400: tmfErrorSchema, 404: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      const expectation = await deps.expectations.get(request.params.id);
      const instanceId = expectation.actualId ?? actualIdOf(expectation.id, expectation.body as ExpectationBody);
      const { offset, limit, apiVersion } = request.query;
      const { items, total } = await deps.inventory.events.pageOf(instanceId, { offset, limit });
      void reply.headers({ 'X-Total-Count': String(total), 'X-Result-Count': String(items.length) });
      const context = { baseUrl: deps.publicUrl(request) };
      return items.map((event) => renderTmfEvent(event, apiVersion, context));
    },
  );
  done();
};
