import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventSubscription } from '../graph/subscription-repository.js';
import type { Inventory } from '../graph/inventory.js';
import type { InstanceType } from '../model/instance-ref.js';
import { InventoryError } from '../model/inventory-error.js';
import { callbackProblems, parseSubscriptionQuery } from '../model/tmf/hub-subscription.js';
import type { TmfVersion } from '../model/tmf/state-vocabulary.js';
import { startDelivery, stopDelivery, type DeliveryClient } from '../runtime/hub-delivery.js';
import { idParams } from './id-params.js';
import type { PublicUrl } from './public-url.js';
import { RequestError } from './request-error.js';
import { tmfErrorSchema } from './tmf-error.js';

/**
 * The TMF hub of one inventory API (TMF638/TMF639, v4 or v5): `POST /hub` subscribes a callback
 * to the API's change events (201 with the `EventSubscription` — v5 `Hub` — and, this once,
 * the `secret` that signs every delivery), `GET /hub/{id}` shows it with its delivery state,
 * `DELETE /hub/{id}` ends it (204). A subscription receives the events committed after it was
 * made, rendered in the API's version; delivery: runtime/hub-delivery.ts. What a body may say:
 * model/tmf/hub-subscription.ts — anything else is a 400 naming the field, and nothing is stored.
 */
export interface HubApiOptions extends DeliveryClient {
  inventory: Inventory;
  type: InstanceType;
  version: TmfVersion;
  basePath: string;
  tag: string;
  publicUrl: PublicUrl;
}

const hubInput = z.record(z.string(), z.unknown());
const knownFields = new Set(['callback', 'query', '@type', '@baseType', '@schemaLocation']);

const delivery = z.object({
  delivered: z.number(),
  lag: z.number(),
  lastDeliveredEventId: z.string().optional(),
  lastDeliveredAt: z.string().optional(),
  lastError: z.string().optional(),
  lastErrorAt: z.string().optional(),
});
const hubView = z.object({
  id: z.string(),
  href: z.string(),
  callback: z.string(),
  query: z.string().optional(),
  '@type': z.string().optional(),
  secret: z.string().optional(),
  delivery: delivery.optional(),
});

/** The subscription's problems: unknown fields, the callback, the query, the v5 `@type`. */
function inputProblems(body: Record<string, unknown>, type: InstanceType): string[] {
  const unknown = Object.keys(body)
    .filter((field) => !knownFields.has(field))
    .map((field) => `${field}: not a field of a subscription (callback, query)`);
  const typed = ['@type', '@baseType', '@schemaLocation']
    .filter((field) => body[field] !== undefined && typeof body[field] !== 'string')
    .map((field) => `${field}: must be a string`);
  return [
    ...unknown,
    ...callbackProblems(body.callback),
    ...parseSubscriptionQuery(body.query, type).problems,
    ...typed,
  ];
}

const notFoundAt = (basePath: string, id: string) =>
  new InventoryError('notFound', `no subscription with id ${id} at ${basePath}/hub`, ['id']);

/** The hub's reads and writes over the store, as one API renders them. */
function hub(options: HubApiOptions) {
  const { inventory, type, version, basePath, publicUrl } = options;
  const { subscriptions } = inventory;
  const hrefOf = (baseUrl: string, id: string) => `${baseUrl}${basePath}/hub/${encodeURIComponent(id)}`;
  const viewOf = (subscription: EventSubscription, baseUrl: string) => ({
    id: subscription.id,
    href: hrefOf(baseUrl, subscription.id),
    callback: subscription.callback,
    ...(subscription.query ? { query: subscription.query } : {}),
    ...(version === 'v5' ? { '@type': 'Hub' } : {}),
  });
  /** The subscription when it belongs to this API; another API's hub does not show it. */
  const ours = async (id: string) => {
    const found = await subscriptions.get(id);
    if (found && found.instanceType === type && found.version === version) return found;
    throw notFoundAt(basePath, id);
  };
  return {
    async create(request: FastifyRequest, body: Record<string, unknown>) {
      const problems = inputProblems(body, type);
      if (problems.length > 0) throw new RequestError(400, 'invalidRequest', problems.join('; '));
      const baseUrl = publicUrl(request);
      const query = typeof body.query === 'string' ? body.query : '';
      const subscription = await subscriptions.create({
        instanceType: type,
        version,
        callback: body.callback as string,
        query,
        baseUrl,
      });
      if ((await startDelivery(options, subscription.id)) === 'waitingForTemporal')
        request.log.warn(
          { subscription: subscription.id },
          'Temporal unavailable: delivery starts with the next worker',
        );
      return {
        location: hrefOf(baseUrl, subscription.id),
        view: { ...viewOf(subscription, baseUrl), secret: subscription.secret },
      };
    },
    async read(request: FastifyRequest, id: string) {
      const subscription = await ours(id);
      const { delivered, lastDeliveredEventId, lastDeliveredAt, lastError, lastErrorAt } = subscription;
      return {
        ...viewOf(subscription, publicUrl(request)),
        delivery: {
          delivered,
          lag: await subscriptions.lag(subscription),
          ...(lastDeliveredEventId ? { lastDeliveredEventId, lastDeliveredAt } : {}),
          ...(lastError ? { lastError, lastErrorAt } : {}),
        },
      };
    },
    async remove(id: string) {
      const subscription = await ours(id);
      if (!(await subscriptions.delete(subscription.id))) throw notFoundAt(basePath, id); // deleted meanwhile
      await stopDelivery(options, subscription.id);
    },
  };
}

export const hubRoutes: FastifyPluginCallbackZod<HubApiOptions> = (app, options, done) => {
  const { basePath, tag } = options;
  const tags = [tag];
  const subscriptions = hub(options);
  const path = `${basePath}/hub`;
  const summary = (text: string) => ({ tags, summary: text });

  app.post(
    path,
    {
      schema: {
        ...summary('Subscribe a callback to change events'),
        body: hubInput,
        response: { 201: hubView, 400: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      const { location, view } = await subscriptions.create(request, request.body);
      return reply.status(201).header('Location', location).send(view);
    },
  );
  app.get(
    `${path}/:id`,
    {
      schema: {
        ...summary('A subscription, with its delivery state'),
        params: idParams,
        response: { 200: hubView, 404: tmfErrorSchema },
      },
    },
    (request) => subscriptions.read(request, request.params.id),
  );
  app.delete(
    `${path}/:id`,
    { schema: { ...summary('End a subscription'), params: idParams } },
    async (request, reply) => {
      await subscriptions.remove(request.params.id);
      return reply.status(204).send();
    },
  );
  done();
};
