import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { quickReconnect } from '../../runtime/outage-watcher.js';
import { submitExpectation, waitForSettled, type SubmissionDependencies } from '../../runtime/submission.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { tcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/**
 * A Temporal outage too short for the worker's watcher to see (it takes two failed probes, 2-4 s):
 * the submitting process's way to Temporal is cut for about the signal deadline (2 s) and
 * restored. The submission answers "stored, waiting for Temporal"; the process signals again
 * until it gets through, so the reconciler starts seconds after Temporal answers, not at the
 * scheduled resync (10 minutes; this file's worker has none, so without the retry it would never
 * start). The figure is printed, not asserted.
 */
describe('a Temporal outage shorter than the watcher sees', () => {
  const harness = reconcileHarness();
  let proxy: TcpProxy;
  let connection: Connection;
  let deps: SubmissionDependencies;

  beforeAll(async () => {
    proxy = await tcpProxy(inject('servers').temporal.address);
    connection = Connection.lazy({ address: proxy.address, channelArgs: quickReconnect });
    const client = new Client({ connection, namespace: inject('servers').temporal.namespace });
    deps = { client, expectations: harness.expectations, taskQueue: harness.taskQueue };
  });
  afterAll(async () => {
    await connection?.close();
    await proxy?.close();
  });

  it('a submission made during it reaches its reconciler once Temporal answers again', async () => {
    const intent = (id: string) => ({ kind: 'Cluster', name: id, state: 'installed' });
    const before = harness.track.expectationId(uniqueId('short-outage-before'));
    const warm = await submitExpectation(deps, intent(before), before);
    expect(warm.reconciler).toBe('signalled'); // the way through the proxy works

    proxy.cut();
    const id = harness.track.expectationId(uniqueId('short-outage'));
    const submitted = await submitExpectation(deps, intent(id), id);
    proxy.restore();
    const restoredAt = Date.now();
    expect(submitted).toMatchObject({ id, generation: 1, reconciler: 'waitingForTemporal' });

    const settled = await waitForSettled(harness.expectations, id, { generation: 1, timeoutMs: 60_000 });
    expect(settled.status).toBe('met');
    console.log(
      `[short Temporal outage] cut for the signal deadline (2 s); met ${((Date.now() - restoredAt) / 1000).toFixed(1)} s after it was restored`,
    );
  });
});
