import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isGraphUnavailable } from '../graph/graph-health.js';
import { InventoryError } from '../model/inventory-error.js';
import { RequestError } from './request-error.js';
import { tmfError } from './tmf-error.js';

/**
 * Every failure as a TMF `Error` body: request validation 400, refused requests with their own
 * status (RequestError), invalid expectations and TMF writes 422,
 * inventory errors with their own status, other client errors as they came; Neo4j out of
 * reach 503 (`Retry-After`); anything else is logged with its stack and answered 500 without
 * its details, naming the request id the log line carries.
 */
export function tmfErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map(
      (issue) => `${error.validationContext}${issue.instancePath.replaceAll('/', '.')}: ${issue.message}`,
    );
    return reply.status(400).send(tmfError(400, 'invalidRequest', 'Bad Request', problems.join('; ')));
  }
  if (error instanceof RequestError) {
    return reply
      .status(error.statusCode)
      .send(tmfError(error.statusCode, error.code, reasonOf(error.statusCode), error.message));
  }
  if (error instanceof InventoryError) {
    return reply.status(error.status).send(tmfError(error.status, error.code, reasonOf(error.status), error.message));
  }
  const status = error.statusCode;
  if (status === 415) {
    const message = `${request.method} ${request.url} does not read ${request.headers['content-type'] ?? 'a body without a content type'}`;
    return reply.status(415).send(tmfError(415, 'unsupportedMediaType', reasonOf(415), message));
  }
  if (status && status >= 400 && status < 500) {
    return reply.status(status).send(tmfError(status, 'badRequest', reasonOf(status), error.message));
  }
  if (isGraphUnavailable(error)) {
    request.log.warn({ err: error }, 'Neo4j is unavailable');
    const message = 'the graph database (Neo4j) is unavailable; try again shortly';
    return reply
      .status(503)
      .header('retry-after', '5')
      .send(tmfError(503, 'databaseUnavailable', reasonOf(503), message));
  }
  request.log.error({ err: error }, 'unexpected error');
  const message = `the server could not complete the request; see its log for request id ${request.id}`;
  return reply.status(500).send(tmfError(500, 'internalError', 'Internal Server Error', message));
}

function reasonOf(status: number): string {
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    503: 'Service Unavailable',
  };
  return reasons[status] ?? 'Error';
}
