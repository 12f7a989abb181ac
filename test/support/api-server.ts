import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApi } from '../../api/http-api.js';
import type { reconcileHarness } from './reconcile-harness.js';

/**
 * The HTTP API over the harness's inventory, expectations and Temporal client, listening on a
 * free port from the file's first `beforeAll` on and closed after it; `base` is its address.
 * `taskQueue` puts its writes' reconcilers on another queue than the harness's worker polls;
 * `writeWaitMs` is how long its TMF writes wait for the engine.
 */
export function apiServer(
  harness: ReturnType<typeof reconcileHarness>,
  options: { taskQueue?: string; writeWaitMs?: number } = {},
) {
  const server = { app: undefined as FastifyInstance | undefined, base: '' };
  beforeAll(async () => {
    const { inventory, expectations } = harness;
    server.app = await buildApi({
      inventory,
      expectations,
      client: harness.env().client,
      taskQueue: options.taskQueue ?? harness.taskQueue,
      ...(options.writeWaitMs === undefined ? {} : { writeWaitMs: options.writeWaitMs }),
    });
    server.base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server.app?.close());
  return server;
}
