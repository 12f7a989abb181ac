import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Inventory } from '../graph/inventory.js';
import { renderTmf } from '../model/tmf-json.js';
import type { SubmissionDependencies } from '../runtime/submission.js';
import { bearerAuth } from './bearer-auth.js';
import { tmfErrorHandler, tmfNotFoundHandler } from './error-handler.js';
import { expectationsRoutes } from './expectations-routes.js';
import { inventoryRoutes } from './inventory-routes.js';
import { tmfResource, tmfService } from './tmf-schemas.js';

/**
 * The HTTP API: TMF638 Service Inventory and TMF639 Resource Inventory (read), and
 * expectations (intents in, status out), with an OpenAPI 3 document at /openapi.json.
 * Optional bearer-token auth; TMF `Error` bodies; no stack traces in responses.
 * Each API is a plugin of its own; this composes them.
 */
export interface ApiDependencies extends SubmissionDependencies {
  inventory: Inventory;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  logger?: boolean;
}

export async function buildApi(deps: ApiDependencies): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      info: { title: 'diffo-ts', version: '0.1.0', description: 'TMF638/639 inventory and expectations' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  app.setErrorHandler(tmfErrorHandler);
  app.setNotFoundHandler(tmfNotFoundHandler);
  if (deps.token) app.addHook('onRequest', bearerAuth(deps.token));

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(inventoryRoutes, {
    inventory: deps.inventory,
    type: 'service',
    basePath: '/tmf-api/serviceInventoryManagement/v4/service',
    tag: 'TMF638 Service Inventory',
    render: renderTmf,
    item: tmfService,
  });
  await app.register(inventoryRoutes, {
    inventory: deps.inventory,
    type: 'resource',
    basePath: '/tmf-api/resourceInventoryManagement/v4/resource',
    tag: 'TMF639 Resource Inventory',
    render: renderTmf,
    item: tmfResource,
  });
  await app.register(expectationsRoutes, deps);
  return app;
}
