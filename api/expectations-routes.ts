import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { expectationStatuses, type StoredExpectation } from '../graph/expectation-repository.js';
import type { Json } from '../expectations/operators.js';
import { outstandingCount } from '../expectations/outstanding.js';
import { expectationIdProblems, InvalidExpectationError } from '../expectations/expectation-schema.js';
import { instanceHref, type RenderContext } from '../model/tmf/tmf-paths.js';
import {
  submitExpectation,
  withdrawExpectation,
  type Submission,
  type SubmissionDependencies,
} from '../runtime/submission.js';
import { workflowIdOf } from '../workflows/reconcile-messages.js';
import { expectationEventsHref } from './expectation-events-routes.js';
import { expectationListQuery } from './expectation-list-query.js';
import { idParams } from './id-params.js';
import { mergePatch } from './merge-patch.js';
import type { PublicUrl } from './public-url.js';
import { tmfErrorSchema } from './tmf-error.js';

/** The expectations API: intents in (POST, PATCH as JSON Merge Patch, DELETE), status out. */

export const expectationView = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string().optional(),
  status: z.enum(expectationStatuses),
  generation: z.number(),
  observedGeneration: z.number(),
  outstanding: z.unknown(),
  outstandingCount: z.number(),
  reason: z.string().optional(),
  actual: z.object({ id: z.string(), href: z.string() }).optional(),
  events: z.object({ href: z.string() }),
  workflowId: z.string(),
  body: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const submission = z.object({
  id: z.string(),
  generation: z.number(),
  workflowId: z.string(),
  reconciler: z.enum(['signalled', 'waitingForTemporal']),
  reason: z.string().optional(),
});
/**
 * A stored submission whose reconciler Temporal did not take (down): `202 Accepted`, never an
 * error — the expectation is stored and pending, and its reconciler starts when Temporal is
 * back. Sending it again makes no new generation.
 */
const submittedStatus = <Stored extends 200 | 201>(submitted: Submission, stored: Stored): Stored | 202 =>
  submitted.reconciler === 'signalled' ? stored : 202;
const intentBody = z.record(z.string(), z.unknown());
const tags = ['Expectations'];

/** The API's view of a stored expectation: everything read in the repository's one query. */
export function viewOf(expectation: StoredExpectation, context: RenderContext) {
  const { id, name, reason, actualId, actualType } = expectation;
  return {
    id,
    kind: expectation.kind,
    ...(name ? { name } : {}),
    status: expectation.status,
    generation: expectation.generation,
    observedGeneration: expectation.observedGeneration,
    outstanding: expectation.outstanding,
    outstandingCount: outstandingCount(expectation.outstanding as Json | null),
    ...(reason ? { reason } : {}),
    ...(actualId && actualType
      ? { actual: { id: actualId, href: instanceHref(context, 'v4', { type: actualType, id: actualId }) } }
      : {}),
    events: { href: expectationEventsHref(context.baseUrl, id) },
    workflowId: workflowIdOf(id),
    body: expectation.body,
    createdAt: expectation.createdAt,
    updatedAt: expectation.updatedAt,
  };
}

export interface ExpectationsApiOptions extends SubmissionDependencies {
  /** The base URL of the actual instance's href (TMF638/TMF639 v4). */
  publicUrl: PublicUrl;
}

export const expectationsRoutes: FastifyPluginCallbackZod<ExpectationsApiOptions> = (app, deps, done) => {
  app.post(
    '/expectations',
    {
      schema: { tags, body: intentBody, response: { 201: submission, 202: submission, 422: tmfErrorSchema } },
    },
    async (request, reply) => {
      const { id, ...body } = request.body;
      const idProblems = id === undefined ? [] : expectationIdProblems(id);
      if (idProblems.length > 0) throw new InvalidExpectationError(idProblems);
      const submitted = await submitExpectation(deps, body, id as string | undefined);
      return reply
        .status(submittedStatus(submitted, 201))
        .header('Location', `/expectations/${submitted.id}`)
        .send(submitted);
    },
  );

  app.get(
    '/expectations',
    { schema: { tags, querystring: expectationListQuery, response: { 200: z.array(expectationView) } } },
    async (request, reply) => {
      const { offset, limit, ...filter } = request.query;
      const { items, total } = await deps.expectations.page(filter, { offset, limit });
      void reply.headers({ 'X-Total-Count': String(total), 'X-Result-Count': String(items.length) });
      return items.map((expectation) => viewOf(expectation, { baseUrl: deps.publicUrl(request) }));
    },
  );

  app.get(
    '/expectations/:id',
    {
      schema: { tags, params: idParams, response: { 200: expectationView, 404: tmfErrorSchema } },
    },
    async (request) => viewOf(await deps.expectations.get(request.params.id), { baseUrl: deps.publicUrl(request) }),
  );

  app.patch(
    '/expectations/:id',
    {
      schema: { tags, params: idParams, body: intentBody, response: { 200: submission, 202: submission } },
    },
    async (request, reply) => {
      const current = await deps.expectations.get(request.params.id);
      const submitted = await submitExpectation(deps, mergePatch(current.body, request.body), request.params.id);
      return reply.status(submittedStatus(submitted, 200)).send(submitted);
    },
  );

  app.delete('/expectations/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
    await withdrawExpectation(deps, request.params.id);
    return reply.status(204).send();
  });
  done();
};
