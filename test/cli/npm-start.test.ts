import { spawn } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { diffoProcessOptions } from '../support/diffo-process.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

/** `npm start` headless: it prints its addresses, takes an expectation over HTTP, and reconciles it to met. */
describe('npm start', () => {
  const { track } = testInventory();
  const servers = inject('servers');
  let child: ChildProcess | undefined;
  // a test that timed out never reached its own Ctrl-C: the process it started must not outlive the file
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('serves the API and runs the worker; an expectation posted over HTTP is met; Ctrl-C exits cleanly', async () => {
    const taskQueue = uniqueId('start-queue');
    const started = spawn(process.execPath, ['--import', 'tsx', 'cli/start.ts'], {
      ...diffoProcessOptions({ DIFFO_TASK_QUEUE: taskQueue, DIFFO_API_PORT: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let output = '';
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
    try {
      let api: string | undefined;
      for (let waited = 0; waited < 60_000 && !api; waited += 200) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        api = /HTTP API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      }
      expect(api, output).toBeDefined();
      expect(output).toContain('Neo4j Browser');
      expect(output).toContain('Temporal UI');
      expect(output).toContain(`${api}/openapi.json`);
      // the live view's address is printed, and the page is there
      expect(output).toMatch(new RegExp(`live view\\s+${api}/ `));
      const page = await fetch(`${api}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);

      const id = track.expectationId(uniqueId('start-exp'));
      const posted = await fetch(`${api}/expectations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, kind: 'Cluster', name: 'started', state: 'installed' }),
      });
      expect(posted.status).toBe(201);
      let status = '';
      for (let waited = 0; waited < 60_000 && status !== 'met'; waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        status = ((await (await fetch(`${api}/expectations/${id}`)).json()) as { status: string }).status;
      }
      expect(status).toBe('met');
      const resource = await (await fetch(`${api}/tmf-api/resourceInventoryManagement/v4/resource/${id}`)).json();
      expect(resource).toMatchObject({
        id,
        href: `${api}/tmf-api/resourceInventoryManagement/v4/resource/${id}`,
        resourceStatus: 'available',
      });
    } finally {
      started.kill('SIGINT');
      expect(await exited).toBe(0);
      const connection = await Connection.connect({ address: servers.temporal.address });
      const client = new Client({ connection, namespace: servers.temporal.namespace });
      await client.schedule
        .getHandle(`diffo-resync-${taskQueue}`)
        .delete()
        .catch(() => undefined);
      for (const expectationId of track.expectationIds()) {
        await client.workflow
          .getHandle(`reconcile-${expectationId}`)
          .terminate('test finished')
          .catch(() => undefined);
      }
      await connection.close();
    }
    expect(output).toContain('worker stopped');
  }, 180_000); // a first start compiles the workflow bundle and the page: over a minute on a busy machine
});
