import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonLimitProblems } from '../model/input-limits.js';
import { RequestError } from './request-error.js';

/**
 * JSON bodies — `application/json`, JSON Merge Patch and JSON Patch — parsed by Fastify's own
 * parser (prototype poisoning refused), then measured against the input limits (nesting depth,
 * string and list sizes, model/input-limits.ts) before any route or schema sees them: a body
 * nested thousands deep is a 400 naming where, never a stack overflow in a recursive schema.
 */
export function parseJsonBodiesWithinLimits(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'application/merge-patch+json', 'application/json-patch+json'],
    { parseAs: 'string' },
    (request: FastifyRequest, body: string, done: (error: Error | null, body?: unknown) => void) => {
      void parse(request, body, (error: Error | null, parsed?: unknown) => {
        if (error) return done(error);
        const problems = jsonLimitProblems(parsed);
        if (problems.length > 0) return done(new RequestError(400, 'invalidRequest', problems.join('; ')));
        done(null, parsed);
      });
    },
  );
}
