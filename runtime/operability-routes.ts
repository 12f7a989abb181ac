import { LogController, type FastifyPluginCallback } from 'fastify';
import { Registry } from 'prom-client';
import { processMetrics } from './process-metrics.js';
import { readiness, type ReadinessChecks } from './readiness-checks.js';

/**
 * `/health`, `/ready` and `/metrics`: the same three on the API's port and the worker's.
 * `/health` answers 200 while the process runs; `/ready` 200 when Neo4j and Temporal both
 * answer, else 503 with a TMF `Error` naming the one down (never waiting more than
 * `readinessTimeoutMs`); `/metrics` the Prometheus text of `registry`, Node's process series
 * and `moreMetrics` (the Temporal SDK's, on the worker). `/health` and `/ready` are public
 * (`config.public`: no bearer token needed); the three stay out of the OpenAPI document.
 */
export interface OperabilityOptions {
  checks: ReadinessChecks;
  registry: Registry;
  /** More Prometheus text appended to `/metrics` (another exporter's, fetched at scrape time). */
  moreMetrics?: () => Promise<string>;
}

const paths: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);

/** Fastify's request logging without these three: probes and scrapes every few seconds would fill the log. */
export function operabilityLogController(): LogController {
  return new LogController({ disableRequestLogging: (request) => paths.has(request.url.split('?')[0] ?? '') });
}

export const operabilityRoutes: FastifyPluginCallback<OperabilityOptions> = (app, options, done) => {
  const hidden = { schema: { hide: true }, config: { public: true } };
  app.get('/health', hidden, (_request, reply) => {
    void reply.send({ status: 'live', uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/ready', hidden, async (_request, reply) => {
    const found = await readiness(options.checks);
    if (found.ready) return { status: 'ready', checks: found.checks };
    const down = Object.entries(found.checks).filter(([, state]) => state !== 'up');
    const message = `not ready: ${down.map(([server, problem]) => `${server} is unavailable (${problem})`).join('; ')}`;
    return reply.status(503).send({
      code: 'serviceUnavailable',
      reason: 'Service Unavailable',
      message,
      status: '503',
      '@type': 'Error',
      checks: found.checks,
    });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const merged = Registry.merge([options.registry, processMetrics()]);
    const more = options.moreMetrics ? await options.moreMetrics() : '';
    return reply.type(merged.contentType).send(`${await merged.metrics()}${more}`);
  });
  done();
};
