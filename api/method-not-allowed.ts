import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tmfError } from './tmf-error.js';

/**
 * TMF630: a method a path does not offer is `405 Method Not Allowed` with an `Allow` header, not a
 * 404. The allowed methods come from the routes as they are registered (an `onRoute` hook), so a
 * route added later is allowed without touching this. Paths match the way the router matches
 * them here: `:param` is one segment, trailing and duplicate slashes are ignored.
 */
interface RoutePattern {
  methods: string[];
  pattern: RegExp;
}

const escaped = (segment: string) => segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternOf(url: string): RegExp {
  const segments = url
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      if (segment === '*') return '.*';
      return segment.startsWith(':') ? '[^/]+' : escaped(segment);
    });
  return new RegExp(`^/${segments.join('/')}/?$`);
}

const normalized = (url: string) => (url.split('?')[0] ?? '').replace(/\/{2,}/g, '/');

/** Records every route from now on; answers the 404 handler's question "is it the method, not the path?". */
export function trackRoutes(app: FastifyInstance): (url: string) => string[] {
  const routes: RoutePattern[] = [];
  app.addHook('onRoute', (route) => {
    routes.push({ methods: [route.method].flat().map(String), pattern: patternOf(route.url) });
  });
  return (url) => {
    const path = normalized(url);
    const methods = routes.filter((route) => route.pattern.test(path)).flatMap((route) => route.methods);
    return [...new Set(methods)].sort();
  };
}

/** A 404 handler that answers 405 with `Allow` when the path exists for other methods. */
export function notFoundOrNotAllowed(allowedMethods: (url: string) => string[]) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const allowed = allowedMethods(request.url);
    if (allowed.length > 0) {
      const message = `${request.method} is not allowed on ${normalized(request.url)}; allowed: ${allowed.join(', ')}`;
      return reply
        .status(405)
        .header('Allow', allowed.join(', '))
        .send(tmfError(405, 'methodNotAllowed', 'Method Not Allowed', message));
    }
    return reply.status(404).send(tmfError(404, 'notFound', 'Not Found', `no route ${request.method} ${request.url}`));
  };
}
