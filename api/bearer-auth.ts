import type { FastifyReply, FastifyRequest } from 'fastify';
import { tmfError } from './tmf-error.js';

/** An `onRequest` hook answering 401 (TMF `Error`) to every request without `Authorization: Bearer <token>`. */
export function bearerAuth(token: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      await reply
        .status(401)
        .header('WWW-Authenticate', 'Bearer')
        .send(tmfError(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required'));
    }
  };
}
