import type { FastifyReply, FastifyRequest } from 'fastify';
import { tmfError } from './tmf-error.js';

/**
 * An `onRequest` hook answering 401 (TMF `Error`) to every request without `Authorization: Bearer <token>`,
 * except on routes marked `config: { public: true }` (`/health`, `/ready`).
 */
export function bearerAuth(token: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if ((request.routeOptions.config as { public?: boolean } | undefined)?.public === true) return;
    if (request.headers.authorization !== `Bearer ${token}`) {
      await reply
        .status(401)
        .header('WWW-Authenticate', 'Bearer')
        .send(tmfError(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required'));
    }
  };
}
