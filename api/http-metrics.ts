import { METHODS } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';

const methods: ReadonlySet<string> = new Set(METHODS);

/**
 * The API's request series in `registry`, one sample per answered request:
 * `diffo_http_requests_total` and `diffo_http_request_duration_seconds`, labelled with the
 * method, the route *pattern* (`/expectations/:id`, never the raw URL; `unmatched` for a path no
 * route serves) and the status code.
 */
export function recordHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'diffo_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'diffo_http_request_duration_seconds',
    help: 'Time from request to response, by method, route pattern and status code',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: methods.has(request.method) ? request.method : 'other',
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
}
