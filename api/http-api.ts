import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Registry } from 'prom-client';
import type { Inventory } from '../graph/inventory.js';
import { defaultWriteWaitMs } from '../infra/settings.js';
import { instanceTypes } from '../model/instance-ref.js';
import { tmfVersions } from '../model/tmf/state-vocabulary.js';
import { tmfRenderers } from '../model/tmf/tmf-renderers.js';
import { inventoryBasePaths, legacyServiceInventoryBasePath } from '../model/tmf/tmf-paths.js';
import { operabilityLogController, operabilityRoutes } from '../runtime/operability-routes.js';
import { serverChecks } from '../runtime/readiness-checks.js';
import { signalReconcilers } from '../runtime/signal-reconcilers.js';
import type { SubmissionDependencies } from '../runtime/submission.js';
import { bearerAuth } from './bearer-auth.js';
import { tmfErrorHandler } from './error-handler.js';
import { expectationEventsRoutes } from './expectation-events-routes.js';
import { expectationsRoutes } from './expectations-routes.js';
import { hubRoutes } from './hub-routes.js';
import { recordHttpMetrics } from './http-metrics.js';
import { inventoryRoutes, type InventoryApiOptions } from './inventory-routes.js';
import { inventoryWriteRoutes } from './inventory-write-routes.js';
import { parseJsonBodiesWithinLimits } from './json-body.js';
import { notFoundOrNotAllowed, trackRoutes } from './method-not-allowed.js';
import { partyPlaceRoutes } from './party-place-routes.js';
import { placeSearchRoutes } from './place-search-routes.js';
import { publicUrlOf, type PublicUrl } from './public-url.js';
import { specificationRoutes } from './specification-routes.js';
import { tmfItems } from './tmf-schemas.js';
import { viewRoutes } from './view-routes.js';

/**
 * The HTTP API: TMF638 Service Inventory and TMF639 Resource Inventory, v4 and v5 at their
 * official base paths — reads, and writes through the engine (POST, PATCH, DELETE make
 * expectations); the specifications, parties and places their hrefs name (read-only); and
 * expectations (intents in, status out), with an OpenAPI 3 document at /openapi.json.
 * Optional bearer-token auth; TMF `Error` bodies (404, 405 with `Allow`); no stack traces in
 * responses. `/health`, `/ready` and Prometheus `/metrics` (runtime/operability-routes.ts); a
 * request id on every request (`x-request-id`, taken from the request when it is a plain token)
 * in the JSON log and the response. Each API is a plugin of its own; this composes them.
 */
export interface ApiDependencies extends SubmissionDependencies {
  inventory: Inventory;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** The base URL of every href (DIFFO_PUBLIC_URL); unset: the address the API listens on. */
  publicUrl?: string;
  /** How long a TMF write waits for the engine before answering 202 (DIFFO_WRITE_WAIT_MS; default 5000). */
  writeWaitMs?: number;
  /** Fastify's (pino) logger: off unless given — `diffo serve` logs JSON at DIFFO_LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'];
}

/** A request's id: the caller's `x-request-id` when it is a plain token, else a new UUID. */
function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

const inventoryApis = { service: 'TMF638 Service Inventory', resource: 'TMF639 Resource Inventory' } as const;

/** Every inventory API — each version of TMF638 and TMF639, and the old TMF638 path — with its reads and its writes. */
async function mountInventoryApis(app: FastifyInstance, deps: ApiDependencies, publicUrl: PublicUrl): Promise<void> {
  const writes = { ...deps, waitMs: deps.writeWaitMs ?? defaultWriteWaitMs };
  const mount = async (options: Omit<InventoryApiOptions, 'inventory' | 'render' | 'publicUrl'>) => {
    const api = { ...options, inventory: deps.inventory, render: tmfRenderers[options.version], publicUrl };
    await app.register(inventoryRoutes, api);
    await app.register(inventoryWriteRoutes, { ...writes, ...api });
    await app.register(hubRoutes, {
      ...api,
      client: deps.client,
      ...(deps.taskQueue ? { taskQueue: deps.taskQueue } : {}),
    });
  };
  for (const version of tmfVersions) {
    for (const type of instanceTypes) {
      await mount({
        type,
        version,
        basePath: inventoryBasePaths[version][type],
        tag: `${inventoryApis[type]} ${version}`,
        item: tmfItems[version][type],
      });
    }
  }
  await mount({
    type: 'service',
    version: 'v4',
    basePath: legacyServiceInventoryBasePath,
    deprecated: true,
    item: tmfItems.v4.service,
    tag: `${inventoryApis.service} v4 (alias of ${inventoryBasePaths.v4.service})`,
  });
}

export async function buildApi(deps: ApiDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    genReqId: requestIdOf,
    logController: operabilityLogController(),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const allowedMethods = trackRoutes(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'diffo-ts', version: '0.1.0', description: 'TMF638/639 inventory and expectations' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  app.setErrorHandler(tmfErrorHandler);
  // JSON within the input limits; PATCH bodies (JSON Merge Patch, JSON Patch) are JSON too (a route refuses the types it does not read)
  parseJsonBodiesWithinLimits(app);
  app.setNotFoundHandler(notFoundOrNotAllowed(allowedMethods));
  app.addHook('onRequest', async (request, reply) => void reply.header('x-request-id', request.id));
  if (deps.token) app.addHook('onRequest', bearerAuth(deps.token));
  const publicUrl = publicUrlOf(app, deps.publicUrl);
  const registry = new Registry();
  recordHttpMetrics(app, registry);
  await app.register(operabilityRoutes, { checks: serverChecks(deps.inventory.store, deps.client), registry });

  app.get('/openapi.json', { schema: { hide: true } }, (_request, reply) => {
    void reply.send(app.swagger());
  });
  await mountInventoryApis(app, deps, publicUrl);
  await app.register(specificationRoutes, {
    registry: deps.inventory.registry,
    specifications: deps.inventory.specifications,
    publicUrl,
  });
  const wake = (expectationIds: string[]) => signalReconcilers(deps.client, expectationIds);
  await app.register(partyPlaceRoutes, { inventory: deps.inventory, publicUrl, wake });
  await app.register(placeSearchRoutes, { inventory: deps.inventory, publicUrl });
  await app.register(expectationsRoutes, { ...deps, publicUrl });
  await app.register(expectationEventsRoutes, { ...deps, publicUrl });
  await app.register(viewRoutes, { ...deps, publicUrl, tokenRequired: Boolean(deps.token) });
  return app;
}
