import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDiffo, type DiffoChild } from '../support/diffo-child.js';
import { diffoProcessOptions } from '../support/diffo-process.js';
import { eventually } from '../support/eventually.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { tcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/**
 * `diffo serve` started while Temporal cannot be reached (its way there, a TCP proxy, refuses
 * every connection): it starts, says it is not ready naming Temporal, stores a submission and
 * answers 202 "waiting for Temporal" at once; when Temporal answers, the reconciler starts within
 * seconds (this file's worker runs no resync: the API process's own signal retry starts it).
 */
describe('diffo serve started while Temporal is down', () => {
  const harness = reconcileHarness();
  let proxy: TcpProxy;
  let serve: DiffoChild | undefined;

  beforeAll(async () => {
    proxy = await tcpProxy(inject('servers').temporal.address);
  });
  afterAll(async () => {
    await serve?.kill('SIGTERM');
    await proxy?.close();
  });

  it('starts, answers truthfully meanwhile, and starts the reconciler once Temporal answers', async () => {
    proxy.cut();
    const { env } = diffoProcessOptions({
      TEMPORAL_ADDRESS: proxy.address,
      DIFFO_TASK_QUEUE: harness.taskQueue,
      DIFFO_API_PORT: '0',
    });
    serve = startDiffo(['serve'], env as Record<string, string>);
    await serve.waitFor('HTTP API', 120_000);
    const api = /HTTP API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(serve.output())![1]!;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${api}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };

    expect((await call('GET', '/health')).status).toBe(200);
    const ready = await call('GET', '/ready');
    expect(ready).toMatchObject({ status: 503, json: { code: 'serviceUnavailable' } });
    expect(ready.json.message).toContain('temporal is unavailable');
    const id = harness.track.expectationId(uniqueId('serve-without-temporal'));
    const askedAt = Date.now();
    const posted = await call('POST', '/expectations', { id, kind: 'Cluster', name: id, state: 'installed' });
    const answeredMs = Date.now() - askedAt;
    expect(posted).toMatchObject({ status: 202, json: { id, generation: 1, reconciler: 'waitingForTemporal' } });
    expect((await call('GET', `/expectations/${id}`)).json).toMatchObject({ id, status: 'pending', generation: 1 });

    proxy.restore();
    const restoredAt = Date.now();
    const met = await eventually(
      async () => (await call('GET', `/expectations/${id}`)).json,
      (expectation) => expectation.status === 'met',
      60_000,
      200,
    );
    expect(met).toMatchObject({ status: 'met', observedGeneration: 1 });
    expect((await call('GET', '/ready')).status).toBe(200);
    console.log(
      `[serve without Temporal] POST answered 202 in ${answeredMs} ms; met ${((Date.now() - restoredAt) / 1000).toFixed(1)} s after Temporal answered`,
    );
  });
});
