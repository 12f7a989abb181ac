import { createServer } from 'node:net';
import type { Client } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import type { GraphStore } from '../graph/graph-store.js';
import type { LogLevel } from '../infra/settings.js';
import { operabilityLogController, operabilityRoutes } from './operability-routes.js';
import { serverChecks } from './readiness-checks.js';
import { temporalLogger } from './temporal-logger.js';
import { workerMetrics } from './worker-metrics.js';

/**
 * The worker's observability: its JSON logger and its small HTTP port (`/health`, `/ready`,
 * `/metrics`). The port's Fastify app owns the logger, so the worker's lines, the Temporal
 * SDK's and the port's share one pino stream on stdout.
 */
export function workerHttp(level: LogLevel): FastifyInstance {
  return Fastify({ logger: { level }, logController: operabilityLogController() });
}

/** A port nothing listens on now, on the loopback interface. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Installs the Temporal Runtime (once per process) with its logger forwarding to ours and its
 * Prometheus exporter on a free loopback port; returns that exporter's URL, which the worker's
 * `/metrics` reads and appends (one scrape gets both).
 */
export async function installWorkerRuntime(app: FastifyInstance): Promise<string> {
  const port = await freeLoopbackPort();
  Runtime.install({
    logger: temporalLogger(app.log),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` } },
    },
  });
  return `http://127.0.0.1:${port}/metrics`;
}

/** The Prometheus text at `url`, or a comment saying why there is none (a scrape never fails for it). */
async function metricsText(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return `\n${await response.text()}`;
  } catch (error) {
    return `\n# the Temporal SDK's metrics at ${url} did not answer: ${(error as Error).message}\n`;
  }
}

/**
 * Mounts `/health`, `/ready` and `/metrics` on the worker's port and starts listening; returns
 * the activity interceptors that record the task series, and the address.
 */
export async function serveWorkerHttp(
  app: FastifyInstance,
  options: { store: GraphStore; client: Client; sdkMetricsUrl: string; host: string; port: number },
) {
  const registry = new Registry();
  const { interceptors } = workerMetrics(registry, options.store);
  await app.register(operabilityRoutes, {
    checks: serverChecks(options.store, options.client),
    registry,
    moreMetrics: () => metricsText(options.sdkMetricsUrl),
  });
  const address = await app.listen({ host: options.host, port: options.port }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `the worker's port ${options.host}:${options.port} is in use (another worker on this host?): ` +
        'set DIFFO_WORKER_PORT to a free port, or 0 for any',
    );
  });
  return { interceptors, address };
}
