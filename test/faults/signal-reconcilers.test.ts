import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { signalReconcilers } from '../../runtime/signal-reconcilers.js';
import { isTemporalUnreachable } from '../../runtime/temporal-availability.js';
import { uniqueId } from '../support/graph.js';

/**
 * signalReconcilers: a reconciler that is gone (never started, or ended) is skipped; Temporal
 * unreachable rejects — the outage watcher's wake is tried again at its next tick — and stops
 * the round: the reconcilers not signalled yet are left for that next try.
 */
describe('signalReconcilers', () => {
  const connections: Connection[] = [];
  /** A client whose signals are counted as they are sent. */
  const countingClient = (address: string) => {
    const connection = Connection.lazy({ address });
    connections.push(connection);
    const sent: string[] = [];
    const client = new Client({
      connection,
      namespace: inject('servers').temporal.namespace,
      interceptors: {
        workflow: [
          {
            signal: (input, next) => {
              sent.push(input.workflowExecution.workflowId);
              return next(input);
            },
          },
        ],
      },
    });
    return { client, sent };
  };
  afterAll(async () => {
    for (const connection of connections) await connection.close();
  });

  it('skips reconcilers that are not running: no workflow is no failure', async () => {
    const { client, sent } = countingClient(inject('servers').temporal.address);
    const ids = [uniqueId('gone'), uniqueId('gone')];
    await expect(signalReconcilers(client, ids)).resolves.toBeUndefined();
    expect(sent).toHaveLength(2);
  });

  it('rejects when Temporal cannot be reached, after the eight under way, signalling no further one', async () => {
    const { client, sent } = countingClient('127.0.0.1:1'); // nothing listens there
    const ids = Array.from({ length: 20 }, (_, index) => `unreachable-${index}`);
    const failure: unknown = await signalReconcilers(client, ids).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(isTemporalUnreachable(failure)).toBe(true);
    expect(sent).toHaveLength(8);
  });
});
