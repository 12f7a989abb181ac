import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApi, type ApiDependencies } from '../../api/http-api.js';
import { exampleKinds } from '../../examples/index.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import { openDriver, requestTransactionRetryMs } from '../../graph/driver.js';
import { ExpectationRepository } from '../../graph/expectation-repository.js';
import { Inventory } from '../../graph/inventory.js';
import { createRegistry } from '../../model/registry.js';
import { diffoProcessOptions } from '../support/diffo-process.js';
import { eventually } from '../support/eventually.js';
import type { Driver } from 'neo4j-driver';
import { graphConnection, uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

/** A line of the JSON log, as pino writes it. */
interface LogEntry {
  reqId?: string;
  level: number;
  msg: string;
  err?: { type: string; message: string; stack: string };
}

/**
 * The API's operability: /health, /ready (up, and down with Neo4j or Temporal out of reach),
 * /metrics by route pattern, JSON logs whose request id a 500 names, and 503 while Neo4j cannot
 * be reached. "Out of reach" is an address where nothing listens: the shared servers stay up.
 */
describe('API health, readiness, metrics and logs', () => {
  const { inventory } = testInventory();
  const expectations = new ExpectationRepository(inventory.store, (body) => parseExpectation(body, inventory.registry));
  const nowhere = '127.0.0.1:1';
  let connection: Connection;
  let client: Client;
  const apps: FastifyInstance[] = [];
  const deadDrivers: Driver[] = [];

  beforeAll(async () => {
    const { temporal } = inject('servers');
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all(deadDrivers.map((dead) => dead.close()));
    await connection?.close();
  });

  /** An API on a free port over `deps` (default: the real servers); answers `call(method, path, …)`. */
  const serve = async (deps: Partial<ApiDependencies> = {}) => {
    const app = await buildApi({ inventory, expectations, client, taskQueue: uniqueId('ops-queue'), ...deps });
    apps.push(app);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    return async (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      const json = response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined;
      return { status: response.status, headers: response.headers, text, json };
    };
  };

  /** A Temporal client whose server nothing answers for. */
  const unreachableTemporal = () => new Client({ connection: Connection.lazy({ address: nowhere }) });

  /** An inventory whose Neo4j nothing answers for, with the API's own retry time. */
  const unreachableGraph = () => {
    const deadDriver = openDriver(
      { ...graphConnection(), uri: `bolt://${nowhere}` },
      { transactionRetryMs: requestTransactionRetryMs },
    );
    deadDrivers.push(deadDriver);
    const deadInventory = new Inventory(deadDriver, graphConnection().database, createRegistry(exampleKinds));
    const deadExpectations = new ExpectationRepository(deadInventory.store, (body) =>
      parseExpectation(body, deadInventory.registry),
    );
    return { inventory: deadInventory, expectations: deadExpectations };
  };

  it('is live and ready while Neo4j and Temporal answer; /health and /ready need no bearer token, /metrics does', async () => {
    const call = await serve({ token: 'a-token-of-sixteen-characters' });
    expect(await call('GET', '/health')).toMatchObject({ status: 200, json: { status: 'live' } });
    expect(await call('GET', '/ready')).toMatchObject({
      status: 200,
      json: { status: 'ready', checks: { neo4j: 'up', temporal: 'up' } },
    });
    expect((await call('GET', '/metrics')).status).toBe(401);
    const authorized = { authorization: 'Bearer a-token-of-sixteen-characters' };
    expect((await call('GET', '/metrics', { headers: authorized })).status).toBe(200);
    expect((await call('GET', '/openapi.json', { headers: authorized })).text).not.toContain('/metrics');
  });

  it('is not ready, naming the server, while Temporal or Neo4j cannot be reached', async () => {
    const withoutTemporal = await serve({ client: unreachableTemporal() });
    const temporalDown = await withoutTemporal('GET', '/ready');
    expect(temporalDown).toMatchObject({
      status: 503,
      json: { '@type': 'Error', code: 'serviceUnavailable', reason: 'Service Unavailable', status: '503' },
    });
    expect(temporalDown.json.checks.neo4j).toBe('up');
    expect(temporalDown.json.checks.temporal).not.toBe('up');
    expect(temporalDown.json.message).toMatch(/^not ready: temporal is unavailable \(.+\)$/);
    expect((await withoutTemporal('GET', '/health')).status).toBe(200);

    const withoutNeo4j = await serve(unreachableGraph());
    const neo4jDown = await withoutNeo4j('GET', '/ready');
    expect(neo4jDown).toMatchObject({ status: 503, json: { '@type': 'Error', code: 'serviceUnavailable' } });
    expect(neo4jDown.json.checks).toMatchObject({ temporal: 'up' });
    expect(neo4jDown.json.message).toMatch(/^not ready: neo4j is unavailable \(.+\)$/);
  });

  it('answers 503 with a TMF Error, not 500, while Neo4j cannot be reached', async () => {
    const call = await serve(unreachableGraph());
    const databaseDown = {
      status: 503,
      json: {
        '@type': 'Error',
        code: 'databaseUnavailable',
        reason: 'Service Unavailable',
        status: '503',
        message: 'the graph database (Neo4j) is unavailable; try again shortly',
      },
    };
    const read = await call('GET', '/tmf-api/resourceInventoryManagement/v4/resource/anything');
    expect(read).toMatchObject(databaseDown);
    expect(read.headers.get('retry-after')).toBe('5');
    const write = await call('POST', '/expectations', {
      body: { id: uniqueId('ops-down'), kind: 'Cluster', name: 'while-down', state: 'installed' },
    });
    expect(write).toMatchObject(databaseDown);
  });

  it('counts requests by route pattern and status code, with their latency, beside the process series', async () => {
    const call = await serve();
    const missing = uniqueId('ops-missing');
    expect((await call('GET', `/expectations/${missing}`)).status).toBe(404);
    expect((await call('GET', `/expectations/${uniqueId('ops-missing')}`)).status).toBe(404);
    expect((await call('GET', '/tmf-api/resourceInventoryManagement/v4/resource?limit=1')).status).toBeLessThan(300);
    expect((await call('GET', `/no-such-route/${missing}`)).status).toBe(404);
    const metrics = await call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toContain(
      'diffo_http_requests_total{method="GET",route="/expectations/:id",status_code="404"} 2',
    );
    expect(metrics.text).toMatch(
      /diffo_http_requests_total\{method="GET",route="\/tmf-api\/resourceInventoryManagement\/v4\/resource",status_code="20[06]"\} 1/,
    );
    expect(metrics.text).toContain('diffo_http_requests_total{method="GET",route="unmatched",status_code="404"} 1');
    expect(metrics.text).toContain(
      'diffo_http_request_duration_seconds_count{method="GET",route="/expectations/:id",status_code="404"} 2',
    );
    expect(metrics.text).toContain('diffo_http_request_duration_seconds_bucket{le="0.005",method="GET"');
    expect(metrics.text).not.toContain(missing); // route patterns, never raw URLs
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
    expect(metrics.text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('answers an unexpected error 500 naming the request id, and logs that id with the stack as JSON', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    // a dependency that fails the way no code path expects
    const failing = Object.create(expectations, {
      get: { value: () => Promise.reject(new TypeError('the disk is on fire')) },
    }) as ExpectationRepository;
    const call = await serve({ expectations: failing, logger: { level: 'info', stream: logStream } });

    const answer = await call('GET', '/expectations/some-id');
    const requestId = answer.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer).toMatchObject({
      status: 500,
      json: {
        '@type': 'Error',
        code: 'internalError',
        status: '500',
        message: `the server could not complete the request; see its log for request id ${requestId}`,
      },
    });
    expect(answer.text).not.toContain('disk is on fire');
    const logged = lines.map((line) => JSON.parse(line) as LogEntry);
    const error = logged.find((entry) => entry.reqId === requestId && entry.level === 50);
    expect(error).toMatchObject({
      msg: 'unexpected error',
      err: { type: 'TypeError', message: 'the disk is on fire' },
    });
    expect(error?.err?.stack).toContain('TypeError: the disk is on fire\n    at ');
    expect(logged.filter((entry) => entry.reqId === requestId).map((entry) => entry.msg)).toEqual([
      'incoming request',
      'unexpected error',
      'request completed',
    ]);

    // the caller's own request id is kept when it is a plain token; probes and scrapes are not logged
    const traced = await call('GET', '/expectations/other-id', { headers: { 'x-request-id': 'trace-4711' } });
    expect(traced.headers.get('x-request-id')).toBe('trace-4711');
    expect(traced.json.message).toContain('request id trace-4711');
    expect(lines.some((line) => line.includes('"reqId":"trace-4711"') && line.includes('"stack"'))).toBe(true);
    const before = lines.length;
    await call('GET', '/health');
    await call('GET', '/metrics');
    expect(lines.length).toBe(before);
  });

  it('`diffo serve` logs JSON at info by default: each request with its id and status', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/diffo.ts', 'serve'], {
      ...diffoProcessOptions({ DIFFO_API_PORT: '0' }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const api = await eventually(
        () => Promise.resolve(/HTTP API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]),
        (address) => address !== undefined,
        60_000,
      );
      expect(api, output).toBeDefined();
      const missing = await fetch(`${api}/expectations/${uniqueId('serve-missing')}`, {
        headers: { 'x-request-id': 'serve-test-1' },
      });
      expect(missing.status).toBe(404);
      const completed = await eventually(
        () =>
          Promise.resolve(
            output
              .split('\n')
              .filter((line) => line.startsWith('{'))
              .map((line) => JSON.parse(line) as LogEntry & { res?: { statusCode: number } })
              .find((entry) => entry.reqId === 'serve-test-1' && entry.msg === 'request completed'),
          ),
        (entry) => entry !== undefined,
      );
      expect(completed).toMatchObject({ level: 30, res: { statusCode: 404 } });
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });
});
