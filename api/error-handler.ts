import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InventoryError } from '../model/inventory-error.js';
import { tmfError } from './tmf-error.js';

/**
 * Every failure as a TMF `Error` body: request validation 400, invalid expectations 422,
 * inventory errors with their own status, other client errors as they came; anything else
 * is logged and answered 500 without its details.
 */
export function tmfErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map(
      (issue) => `${error.validationContext}${issue.instancePath.replaceAll('/', '.')}: ${issue.message}`,
    );
    return reply.status(400).send(tmfError(400, 'invalidRequest', 'Bad Request', problems.join('; ')));
  }
  if (error instanceof InventoryError) {
    return reply.status(error.status).send(tmfError(error.status, error.code, reasonOf(error.status), error.message));
  }
  const status = error.statusCode;
  if (status && status >= 400 && status < 500) {
    return reply.status(status).send(tmfError(status, 'badRequest', reasonOf(status), error.message));
  }
  request.log.error(error);
  const message = 'the server could not complete the request; see its log';
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
  };
  return reasons[status] ?? 'Error';
}
