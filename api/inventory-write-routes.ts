import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isPlainObject } from '../expectations/operators.js';
import { instanceHref } from '../model/tmf/tmf-paths.js';
import {
  changeThroughEngine,
  createThroughEngine,
  deleteThroughEngine,
  type TmfWriteDependencies,
  type WriteResult,
} from '../runtime/tmf-writes.js';
import { expectationView, viewOf } from './expectations-routes.js';
import { idParams } from './id-params.js';
import { instanceOfType, type InventoryApiOptions } from './inventory-routes.js';
import { applyJsonPatch, type JsonPatchOperation } from './json-patch.js';
import { mergePatch } from './merge-patch.js';
import { RequestError } from './request-error.js';
import { tmfErrorSchema } from './tmf-error.js';
import { jsonPatchSchema, tmfRequestSchema } from './tmf-request-schemas.js';

/**
 * A TMF inventory API's writes — POST, PATCH, DELETE — as façades over expectations
 * (runtime/tmf-writes.ts): the engine does the work, each write waits for it a bounded time
 * (DIFFO_WRITE_WAIT_MS) and answers with the result (201 with the instance and `Location`;
 * PATCH 200; DELETE 204), or `202 Accepted` with the expectation's status (`Location:
 * /expectations/{id}`) while it is still at it or blocked. A delete others depend on is 409 and
 * changes nothing. Mounted beside inventoryRoutes, with the same options.
 */
export interface InventoryWriteOptions extends InventoryApiOptions, TmfWriteDependencies {}

/** The media types a PATCH reads: JSON Merge Patch (as plain JSON too, v4's only one) and JSON Patch. */
const patchMediaTypes = ['application/merge-patch+json', 'application/json', 'application/json-patch+json'];

const mediaTypeOf = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * A preValidation hook refusing a media type the route does not read (415), before its body
 * is validated: what a request says it sends decides how the body is read.
 */
function readsOnly(accepted: string[]) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    const mediaType = mediaTypeOf(request);
    if (accepted.includes(mediaType)) return done();
    const sent = mediaType || 'a body without a content type';
    done(
      new RequestError(
        415,
        'unsupportedMediaType',
        `${request.method} ${request.url} reads ${accepted.join(', ')}, not ${sent}`,
      ),
    );
  };
}

/** Zod issues as `field.path: message`, the way the API names fields everywhere. */
const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');

/** The answer to a write: the result (`done`), the instance as it is (`unchanged`), or 202 with the status. */
function answerWrite(
  { version, render, publicUrl }: InventoryWriteOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  result: WriteResult,
  doneStatus: number,
) {
  const baseUrl = publicUrl(request);
  if (result.outcome === 'underway' || (result.outcome === 'done' && !result.instance && doneStatus !== 204)) {
    const { expectation } = result;
    return reply
      .status(202)
      .header('Location', `${baseUrl}/expectations/${encodeURIComponent(expectation.id)}`)
      .send(viewOf(expectation, { baseUrl }));
  }
  if (result.outcome === 'done' && !result.instance) return reply.status(204).send();
  const instance = result.instance!;
  return reply
    .status(doneStatus)
    .header('Location', instanceHref({ baseUrl }, version, instance))
    .send(render(instance, { baseUrl }));
}

/**
 * A PATCH as a TMF write: the instance's representation in the API's version with the patch
 * applied — checked to be a TMF item still (400) — beside the representation and the instance.
 */
async function patchWrite(options: InventoryWriteOptions, request: FastifyRequest, id: string) {
  const { inventory, type, version, render, publicUrl } = options;
  const snapshot = await instanceOfType(inventory, type, id);
  const representation = render(snapshot, { baseUrl: publicUrl(request) });
  const patched = patchedDocument(representation, request.body, mediaTypeOf(request));
  const checked = tmfRequestSchema(type, version, 'update').safeParse(patched);
  if (!checked.success) {
    throw new RequestError(400, 'invalidRequest', `the patched ${type} is no TMF ${type}: ${issuesOf(checked.error)}`);
  }
  return { type, version, document: patched, current: { snapshot, representation } };
}

/** A PATCH body: a merge patch object (merge-patch or plain JSON), or JSON Patch operations. */
const patchBody = z.union([
  z.record(z.string(), z.unknown()).describe('a JSON Merge Patch of the representation'),
  jsonPatchSchema,
]);

const errors = Object.fromEntries([400, 404, 409, 415, 422].map((status) => [status, tmfErrorSchema]));

export const inventoryWriteRoutes: FastifyPluginCallbackZod<InventoryWriteOptions> = (app, options, done) => {
  const { inventory, type, version, basePath, tag, item } = options;
  const collection = `${basePath}/${type}`;
  const common = { tags: [tag], ...(options.deprecated ? { deprecated: true } : {}) };

  app.post(
    collection,
    {
      schema: {
        ...common,
        summary: `Create a ${type}: an expectation the engine builds (201 when built within the wait, else 202)`,
        consumes: ['application/json'],
        body: tmfRequestSchema(type, version, 'create'),
        response: { 201: item, 202: expectationView, ...errors },
      },
      preValidation: readsOnly(['application/json']),
    },
    async (request, reply) => {
      const result = await createThroughEngine(options, { type, version, document: request.body });
      return answerWrite(options, request, reply, result, 201);
    },
  );

  app.patch(
    `${collection}/:id`,
    {
      schema: {
        ...common,
        summary: `Change a ${type}: a new generation of its expectation (200 when met within the wait, else 202)`,
        consumes: patchMediaTypes,
        params: idParams,
        body: patchBody,
        response: { 200: item, 202: expectationView, ...errors },
      },
      preValidation: readsOnly(patchMediaTypes),
    },
    async (request, reply) => {
      const result = await changeThroughEngine(options, await patchWrite(options, request, request.params.id));
      return answerWrite(options, request, reply, result, 200);
    },
  );

  app.delete(
    `${collection}/:id`,
    {
      schema: {
        ...common,
        summary: `Delete a ${type} through the engine (204 when gone within the wait, else 202; 409 while others depend on it)`,
        params: idParams,
        response: { 202: expectationView, 204: z.null().describe('deleted'), 404: tmfErrorSchema, 409: tmfErrorSchema },
      },
    },
    async (request, reply) => {
      const result = await deleteThroughEngine(options, await instanceOfType(inventory, type, request.params.id));
      return answerWrite(options, request, reply, result, 204);
    },
  );
  done();
};

/** The representation with the patch applied: JSON Patch operations, or a merge patch object. */
function patchedDocument(representation: Record<string, unknown>, body: unknown, mediaType: string) {
  if (mediaType === 'application/json-patch+json') {
    const operations = jsonPatchSchema.safeParse(body);
    if (!operations.success)
      throw new RequestError(400, 'invalidRequest', `a JSON Patch: ${issuesOf(operations.error)}`);
    return applyJsonPatch(representation, operations.data as JsonPatchOperation[]);
  }
  if (!isPlainObject(body)) {
    throw new RequestError(
      400,
      'invalidRequest',
      'a merge patch is a JSON object (RFC 7386); send operations as application/json-patch+json',
    );
  }
  return mergePatch(representation, body) as Record<string, unknown>;
}
