import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The base URL every TMF `href` starts with: the configured public URL (DIFFO_PUBLIC_URL), else
 * the address the API listens on, else — listening on every interface, or not listening at all
 * (`app.inject`) — the scheme and host the request came to.
 */
export type PublicUrl = (request: FastifyRequest) => string;

const wildcards = new Set(['0.0.0.0', '::', '']);

export function publicUrlOf(app: FastifyInstance, configured?: string): PublicUrl {
  return (request) => {
    if (configured) return configured;
    const address = app.server.address();
    if (address && typeof address === 'object' && !wildcards.has(address.address)) {
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    }
    return `${request.protocol}://${request.host}`;
  };
}
