import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { expectationStatuses, type StoredExpectation } from '../graph/expectation-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { filterableAttributes } from '../graph/instance-repository.js';
import { inheritedFactsView } from '../model/inherited-values.js';
import { InventoryError } from '../model/inventory-error.js';
import { hrefOf, renderTmf } from '../model/tmf-json.js';
import { submitExpectation, withdrawExpectation, type SubmissionDependencies } from '../runtime/submission.js';
import { workflowIdOf } from '../workflows/reconcile-messages.js';
import { mergePatch } from './merge-patch.js';
import { tmfError } from './tmf-error.js';
import { filterItems, selectFields } from './tmf-query.js';

/**
 * The HTTP API: TMF638 Service Inventory and TMF639 Resource Inventory (read), and
 * expectations (intents in, status out), with an OpenAPI 3 document at /openapi.json.
 * Optional bearer-token auth; TMF `Error` bodies; no stack traces in responses.
 */
export interface ApiDependencies extends SubmissionDependencies {
  inventory: Inventory;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  logger?: boolean;
}

const inheritedFactView = z.object({
  name: z.string(),
  category: z.enum(['place', 'party', 'characteristic', 'field']),
  status: z.enum(['known', 'unknown']),
  value: z.unknown().optional(),
  reason: z.string().optional(),
  from: z.array(z.string()).optional(),
});

const inventoryPaths = {
  service: '/tmf-api/serviceInventoryManagement/v4/service',
  resource: '/tmf-api/resourceInventoryManagement/v4/resource',
} as const;

const listQuery = z.looseObject({
  fields: z.string().optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const idParams = z.object({ id: z.string().min(1) });
/** A TMF638 Service or TMF639 Resource as rendered by model/tmf-json.ts. */
const tmfItem = z.record(z.string(), z.unknown());
const tmfErrorSchema = z.object({ code: z.string(), reason: z.string(), message: z.string(), status: z.string(), '@type': z.literal('Error') });
const expectationView = z.object({
  id: z.string(), kind: z.string(), name: z.string().optional(), status: z.enum(expectationStatuses),
  generation: z.number(), observedGeneration: z.number(), outstanding: z.unknown(), reason: z.string().optional(),
  actual: z.object({ id: z.string(), href: z.string() }).optional(), workflowId: z.string(), body: z.record(z.string(), z.unknown()),
  createdAt: z.string(), updatedAt: z.string(),
});

/** The API's view of a stored expectation: everything read in the repository's one query. */
function viewOf(expectation: StoredExpectation) {
  const type = expectation.actualType;
  return {
    id: expectation.id, kind: expectation.kind, ...(expectation.name ? { name: expectation.name } : {}), status: expectation.status,
    generation: expectation.generation, observedGeneration: expectation.observedGeneration, outstanding: expectation.outstanding,
    ...(expectation.reason ? { reason: expectation.reason } : {}),
    ...(expectation.actualId && type ? { actual: { id: expectation.actualId, href: `/tmf-api/${hrefOf(type, expectation.actualId)}` } } : {}),
    workflowId: workflowIdOf(expectation.id), body: expectation.body, createdAt: expectation.createdAt, updatedAt: expectation.updatedAt,
  };
}

export async function buildApi(deps: ApiDependencies): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: { info: { title: 'diffo-ts', version: '0.1.0', description: 'TMF638/639 inventory and expectations' }, components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } },
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems = error.validation.map((issue) => `${error.validationContext}${issue.instancePath.replaceAll('/', '.')}: ${issue.message}`);
      return reply.status(400).send(tmfError(400, 'invalidRequest', 'Bad Request', problems.join('; ')));
    }
    if (error instanceof InventoryError) return reply.status(error.status).send(tmfError(error.status, error.code, reasonOf(error.status), error.message));
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.status(status).send(tmfError(status, 'badRequest', reasonOf(status), (error as Error).message));
    request.log.error(error);
    return reply.status(500).send(tmfError(500, 'internalError', 'Internal Server Error', 'the server could not complete the request; see its log'));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(tmfError(404, 'notFound', 'Not Found', `no route ${request.method} ${request.url}`)));

  if (deps.token) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.headers.authorization !== `Bearer ${deps.token}`) {
        await reply.status(401).header('WWW-Authenticate', 'Bearer').send(tmfError(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required'));
      }
    });
  }

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const type of ['service', 'resource'] as const) {
    const path = inventoryPaths[type];
    const tag = type === 'service' ? 'TMF638 Service Inventory' : 'TMF639 Resource Inventory';
    app.get(path, { schema: { tags: [tag], querystring: listQuery, response: { 200: z.array(tmfItem), 206: z.array(tmfItem), 400: tmfErrorSchema } } }, async (request, reply) => {
      const { fields, offset, limit, ...filters } = request.query as z.output<typeof listQuery> & Record<string, string>;
      const pushable = Object.keys(filters).every((key) => key in filterableAttributes);
      let page: Array<Record<string, unknown>>;
      let total: number;
      if (pushable) {
        // every filter is a known attribute: filter, count and page in Cypher
        const filter = { type, attributes: Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, String(value).split(',')])) };
        [page, total] = await Promise.all([
          deps.inventory.instances.list(filter, { offset, limit }).then((found) => found.map(renderTmf)),
          deps.inventory.instances.count(filter),
        ]);
      } else {
        // a filter on any other attribute path: match on the rendered TMF JSON
        const found = await deps.inventory.instances.list({ type }, { offset: 0, limit: 100_000 });
        const matching = filterItems(found.map(renderTmf), filters as Record<string, string>);
        [page, total] = [matching.slice(offset, offset + limit), matching.length];
      }
      const selected = page.map((item) => selectFields(item, fields));
      reply.header('X-Total-Count', String(total)).header('X-Result-Count', String(selected.length));
      if (selected.length < total) {
        const keep = new URLSearchParams({ ...(filters as Record<string, string>), ...(fields ? { fields } : {}) });
        const link = (at: number, rel: string) => `<${path}?${new URLSearchParams({ ...Object.fromEntries(keep), offset: String(at), limit: String(limit) })}>; rel="${rel}"`;
        const links = [link(0, 'first'), ...(offset + limit < total ? [link(offset + limit, 'next')] : []), ...(offset > 0 ? [link(Math.max(0, offset - limit), 'prev')] : [])];
        reply.status(206).header('Link', links.join(', '));
      }
      return selected;
    });
    app.get(`${path}/:id`, { schema: { tags: [tag], params: idParams, querystring: z.object({ fields: z.string().optional() }), response: { 200: tmfItem, 404: tmfErrorSchema } } }, async (request) => {
      const instance = await deps.inventory.instances.get(request.params.id);
      if (instance.type !== type) throw new InventoryError('notFound', `no ${type} with id ${request.params.id}`, ['id']);
      return selectFields(renderTmf(instance), request.query.fields);
    });
    app.get(`${path}/:id/inherited`, {
      schema: {
        tags: [tag],
        summary: 'Inherited places, parties, characteristics and field reads: each value with the instances it came from, or unknown and why',
        params: idParams,
        response: { 200: z.array(inheritedFactView), 404: tmfErrorSchema },
      },
    }, async (request) => {
      const instance = await deps.inventory.instances.get(request.params.id);
      if (instance.type !== type) throw new InventoryError('notFound', `no ${type} with id ${request.params.id}`, ['id']);
      return inheritedFactsView(instance.inherited);
    });
  }

  const tags = ['Expectations'];
  const intentBody = z.record(z.string(), z.unknown());

  app.post('/expectations', { schema: { tags, body: intentBody, response: { 201: z.object({ id: z.string(), generation: z.number(), workflowId: z.string() }), 422: tmfErrorSchema } } }, async (request, reply: FastifyReply) => {
    const { id, ...body } = request.body as Record<string, unknown>;
    if (id !== undefined && typeof id !== 'string') throw new InventoryError('invalidInput', 'id: expected a string', ['id']);
    const submission = await submitExpectation(deps, body, id as string | undefined);
    return reply.status(201).header('Location', `/expectations/${submission.id}`).send(submission);
  });
  app.get('/expectations', { schema: { tags, querystring: z.object({ status: z.enum(expectationStatuses).optional(), kind: z.string().optional() }), response: { 200: z.array(expectationView) } } }, async (request) => {
    const all = await deps.expectations.list({ ...(request.query.status ? { status: request.query.status } : {}), ...(request.query.kind ? { kind: request.query.kind } : {}) });
    return all.map(viewOf);
  });
  app.get('/expectations/:id', { schema: { tags, params: idParams, response: { 200: expectationView, 404: tmfErrorSchema } } }, async (request) => viewOf(await deps.expectations.get(request.params.id)));
  app.patch('/expectations/:id', { schema: { tags, params: idParams, body: intentBody, response: { 200: z.object({ id: z.string(), generation: z.number(), workflowId: z.string() }) } } }, async (request) => {
    const current = await deps.expectations.get(request.params.id);
    return submitExpectation(deps, mergePatch(current.body, request.body), request.params.id);
  });
  app.delete('/expectations/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
    await withdrawExpectation(deps, request.params.id);
    return reply.status(204).send();
  });
  return app;
}

function reasonOf(status: number): string {
  return ({ 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity' } as Record<number, string>)[status] ?? 'Error';
}
