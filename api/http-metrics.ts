import { METHODS } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { countedDurations } from '../runtime/counted-durations.js';

const methods: ReadonlySet<string> = new Set(METHODS);

/**
 * The API's request series in `registry`, one sample per answered request:
 * `diffo_http_requests_total` and `diffo_http_request_duration_seconds`, labelled with the
 * method, the route *pattern* (`/expectations/:id`, never the raw URL; `unmatched` for a path no
 * route serves) and the status code.
 */
export function recordHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const requests = countedDurations(registry, {
    total: 'diffo_http_requests_total',
    duration: 'diffo_http_request_duration_seconds',
    what: 'HTTP requests answered',
    labelNames: ['method', 'route', 'status_code'],
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: methods.has(request.method) ? request.method : 'other',
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    };
    requests.record(labels, reply.elapsedTime / 1000);
  });
}
