import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/http-api.js';
import { kindsFrom } from '../../cli/domains.js';
import { GPU } from '../../examples/compute/index.js';
import { openInventory, type InventoryContext } from '../../runtime/inventory-context.js';
import { forEachAtMost } from '../../runtime/at-most-at-once.js';
import { quickReconnect } from '../../runtime/outage-watcher.js';
import { submitExpectation, type SubmissionDependencies } from '../../runtime/submission.js';
import { statusQuery, workflowIdOf } from '../../workflows/reconcile-messages.js';
import { runDiffo, startDiffo, type DiffoChild } from '../support/diffo-child.js';
import { eventually } from '../support/eventually.js';
import { graphDuplicates } from '../support/graph-duplicates.js';
import { startPrivateServers, type PrivateServers } from '../support/private-servers.js';

/**
 * Faults survived, over a Neo4j and a Temporal dev server of this file's own (the servers every
 * other test uses are never touched) and a worker in a child process, as `npm start` runs it:
 * Neo4j stopped and started again in the middle of converging expectations, the Temporal dev
 * server restarted on its database file, the worker killed -9 during a respecify. Each ends with
 * every expectation met and nothing in the graph twice; the figures (how many, how long down, how
 * long to recover after the server's return) are printed, never asserted.
 */
/**
 * How big each fault is. CI runs `small` (the suite runs twice, on two Node versions, within a
 * 30-minute budget): enough converging expectations that some are met and some are mid-task when
 * the server goes. `DIFFO_FAULT_SCALE=full` runs the issue's: 200 expectations, Neo4j stopped for
 * a minute, the Temporal server down as long, 200 respecified when the worker is killed.
 */
const scales = {
  small: { converging: 40, neo4jDownMs: 10_000, temporalConverging: 20, temporalDownMs: 0, respecified: 24 },
  full: { converging: 200, neo4jDownMs: 60_000, temporalConverging: 200, temporalDownMs: 60_000, respecified: 200 },
};
const scaleName = process.env.DIFFO_FAULT_SCALE === 'full' ? 'full' : 'small';
const scale = scales[scaleName];
/** Each case's time limit: a full-scale case on a busy machine takes minutes. */
const caseTimeoutMs = scaleName === 'full' ? 1_500_000 : 480_000;
/** How long a wait for expectations to be met may take. */
const metWithinMs = scaleName === 'full' ? 600_000 : 180_000;

describe(`faults survived (${scaleName} scale)`, () => {
  const taskQueue = 'faults';
  const { converging, neo4jDownMs, temporalConverging: converging2, respecified } = scale;
  let servers: PrivateServers;
  let graph: InventoryContext;
  let connection: Connection;
  let client: Client;
  let worker: DiffoChild;
  let serving: DiffoChild | undefined;
  let gpus: string[];
  const figures: string[] = [];
  const deps = (): SubmissionDependencies => ({ client, expectations: graph.expectations, taskQueue });
  // port 0: the worker's metrics port is any free one (another worker on this host may hold the default)
  const workerEnv = () => ({ ...servers.env, DIFFO_TASK_QUEUE: taskQueue, DIFFO_WORKER_PORT: '0' });
  const startWorker = async () => {
    worker = startDiffo(['worker'], workerEnv());
    await worker.waitFor('worker polling', 90_000);
  };

  beforeAll(async () => {
    const began = Date.now();
    servers = await startPrivateServers();
    graph = openInventory(servers.settings.neo4j, await kindsFrom(undefined));
    await graph.inventory.bootstrap();
    connection = Connection.lazy({ address: servers.settings.temporal.address, channelArgs: quickReconnect });
    client = new Client({ connection, namespace: servers.settings.temporal.namespace });
    gpus = [];
    for (const name of ['fault-gpu-1', 'fault-gpu-2']) {
      const gpu = await graph.inventory.instances.build(GPU, { id: name, name });
      await graph.inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 680 } } });
      gpus.push(gpu.id);
    }
    await startWorker();
    figures.push(`servers and worker up in ${seconds(Date.now() - began)}`);
  }, 420_000); // two servers and a worker start in ~25 s on a quiet machine, minutes on a busy one

  afterAll(async () => {
    console.log(`[faults]\n  ${figures.join('\n  ')}`);
    if (process.env.DIFFO_FAULT_WORKER_LOG && worker)
      writeFileSync(process.env.DIFFO_FAULT_WORKER_LOG, worker.output());
    await worker?.kill('SIGTERM');
    await serving?.kill('SIGTERM');
    await connection?.close();
    await graph?.driver.close();
    await servers?.close();
  }, 60_000);

  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const cluster = (id: string) => ({
    kind: 'Cluster',
    name: id,
    characteristics: { cluster: { gpuCores: 2 } },
    assignments: gpus.map((gpu, index) => ({ alias: `core${index + 1}`, pool: 'cores', from: gpu })),
    state: 'installed',
  });
  /**
   * A new driver for the test's own queries once Neo4j is back: its pool can hold connections that
   * never get an answer, as the worker's can (the watcher renews that one). Seen in the full-scale
   * run: all 200 met in the graph while the test's every query waited on its pool.
   */
  const renewTestDriver = () => graph.inventory.store.renew();
  /** Submits an intent under each id, 10 at a time: hundreds at once would wait on the test's own pool of 50 connections. */
  const submitAll = (ids: string[], intent: (id: string) => Record<string, unknown>) =>
    forEachAtMost(10, ids, (id) => submitExpectation(deps(), intent(id), id));
  const idsOf = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
  /** How many of `ids` are met at their latest generation. */
  const metCount = async (ids: string[]) => {
    const { records } = await graph.driver.executeQuery(
      `MATCH (e:Expectation) WHERE e.id IN $ids AND e.status = 'met' AND e.observedGeneration = e.generation
       RETURN count(e) AS met`,
      { ids },
      { database: servers.settings.neo4j.database },
    );
    return Number(records[0]!.get('met'));
  };
  const allMet = (ids: string[], timeoutMs: number) =>
    eventually(
      () => metCount(ids),
      (met) => met === ids.length,
      timeoutMs,
      200,
    );
  const untilSomeMet = (ids: string[], share: number) =>
    eventually(
      () => metCount(ids),
      (met) => met >= ids.length * share,
      metWithinMs,
      100,
    );
  const expectNoDuplicates = async () => {
    const { examples, ...duplicates } = await graphDuplicates(graph.driver, servers.settings.neo4j.database);
    expect(duplicates, examples.join('\n')).toEqual({
      instances: 0,
      values: 0,
      slots: 0,
      specifications: 0,
      events: 0,
    });
  };
  /** The reasons the reconcilers of `ids` give while blocked (their status query: Neo4j may be down). */
  const blockedReasons = async (ids: string[]) => {
    const states = await Promise.all(
      ids.map((id) =>
        client.workflow
          .getHandle(workflowIdOf(id))
          .query(statusQuery)
          .catch(() => undefined),
      ),
    );
    return states.flatMap((state) => (state?.status === 'blocked' && state.reason ? [state.reason] : []));
  };
  /** Milliseconds until one more of `ids` is met than were at the start: the reconcilers resumed. */
  const untilProgress = async (ids: string[]) => {
    const started = Date.now();
    const before = await metCount(ids);
    await eventually(
      () => metCount(ids),
      (met) => met > before || met === ids.length,
      metWithinMs,
      100,
    );
    return Date.now() - started;
  };
  /** The worker's lines about an outage (the watcher's), each with its time after `since` (the server's return), for the figures. */
  const watcherLines = (from: number, since: number, child = worker, who = 'worker') =>
    child
      .output()
      .slice(from)
      .split('\n')
      .flatMap((line) => {
        const { time, msg } = (line.startsWith('{') ? JSON.parse(line) : {}) as { time?: number; msg?: string };
        if (time === undefined || !msg || !/unavailable:|answers again|resync after/.test(msg)) return [];
        return [`    ${who}, ${seconds(time - since).padStart(7)} after: ${msg}`];
      });
  /**
   * `diffo serve` on this file's servers, for the Neo4j outage: `call` asks it over HTTP;
   * `writeAfterReturn` posts a new expectation once a second from `since` (Neo4j's return) until
   * it is not answered 503 — its time after `since` is a figure.
   */
  const startApi = async () => {
    const serve = startDiffo(['serve'], { ...workerEnv(), DIFFO_API_PORT: '0' });
    serving = serve;
    await serve.waitFor('HTTP API', 90_000);
    const address = /HTTP API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(serve.output())![1]!;
    const call = async (method: string, url: string, body?: unknown) => {
      const response = await fetch(`${address}${url}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return {
        status: response.status,
        json: (await response.json()) as unknown,
        retryAfter: response.headers.get('retry-after'),
      };
    };
    const writeAfterReturn = async (since: number) => {
      const id = 'after-neo4j-outage-api';
      const answer = await eventually(
        () => call('POST', '/expectations', { id, ...cluster(id) }),
        (answered) => answered.status !== 503,
        metWithinMs,
        1_000,
      );
      return { id, answer, after: Date.now() - since };
    };
    const lines = (since: number) => watcherLines(0, since, serve, 'API');
    return { call, writeAfterReturn, lines, stop: () => serve.kill('SIGTERM') };
  };
  const assignedSlots = async (ids: string[]) => {
    const { records } = await graph.driver.executeQuery(
      'MATCH (:GPU)-[a:ASSIGNED_TO]->(c:Cluster) WHERE c.id IN $ids RETURN count(a) AS slots',
      { ids },
      { database: servers.settings.neo4j.database },
    );
    return Number(records[0]!.get('slots'));
  };

  it(
    'Neo4j stopped and started again amid converging expectations: all met, nothing twice, blocked "neo4jUnavailable" meanwhile',
    async () => {
      const outputFrom = worker.output().length;
      const ids = idsOf('neo4j-outage', converging);
      const api = await startApi();
      const submittedAt = Date.now();
      await submitAll(ids, cluster);
      const metBefore = await untilSomeMet(ids, 0.2);
      const convergingFor = Date.now() - submittedAt;

      await servers.stop('neo4j');
      const stoppedAt = Date.now();
      const reasons = await eventually(
        () => blockedReasons(ids),
        (found) => found.length > 0,
        neo4jDownMs,
        500,
      );
      // the API meanwhile (`diffo serve`, started before): a read and a write answered 503 with a TMF Error
      const whileDown = await Promise.all([
        api.call('GET', `/expectations/${ids[0]}`),
        api.call('POST', '/expectations', { id: 'during-neo4j-outage', ...cluster('x') }),
      ]);
      await sleep(Math.max(0, neo4jDownMs - (Date.now() - stoppedAt)));
      await servers.start('neo4j');
      const backAt = Date.now();
      renewTestDriver();
      const [resumed, apiWrite] = await Promise.all([untilProgress(ids), api.writeAfterReturn(backAt)]);
      const met = await allMet(ids, metWithinMs);
      const recovered = Date.now() - backAt;
      await api.stop();

      for (const answer of whileDown) {
        expect(answer.status).toBe(503);
        expect(answer.json).toMatchObject({ '@type': 'Error', code: 'databaseUnavailable', status: '503' });
        expect(answer.retryAfter).not.toBeNull();
      }
      // the same API process, not restarted, writes again once Neo4j answers (its watcher renewed its driver)
      expect(apiWrite.answer.status).toBe(201);
      expect(await allMet([apiWrite.id], metWithinMs)).toBe(1);
      expect(reasons.length).toBeGreaterThan(0);
      for (const reason of reasons) expect(reason).toContain('neo4jUnavailable: Neo4j is down or unreachable');
      expect(met).toBe(converging);
      expect(await assignedSlots(ids)).toBe(2 * converging);
      await expectNoDuplicates();
      expect(worker.output()).toContain('resync after neo4j came back');
      figures.push(
        `Neo4j outage: ${converging} expectations (${metBefore} met ${seconds(convergingFor)} after submission, when it stopped), ` +
          `down ${seconds(backAt - stoppedAt)} (stopped ${seconds(neo4jDownMs)} + its start), API answered 503 databaseUnavailable, ${reasons.length} blocked saying ` +
          `"${reasons[0]?.slice(0, 70)}…"; after it answered again: the API wrote again in ${seconds(apiWrite.after)}, ` +
          `the next met in ${seconds(resumed)}, ` +
          `all ${met} met in ${seconds(recovered)}; duplicates 0`,
        ...watcherLines(outputFrom, backAt),
        ...api.lines(backAt),
      );
    },
    caseTimeoutMs,
  );

  it(
    'Temporal restarted on its database file: submissions meanwhile answer at once (stored, pending) and are met after',
    async () => {
      const outputFrom = worker.output().length;
      const ids = idsOf('temporal-outage', converging2);
      await submitAll(ids, cluster);
      const metBefore = await untilSomeMet(ids, 0.2);
      const api = await buildApi({
        inventory: graph.inventory,
        expectations: graph.expectations,
        client,
        taskQueue,
        writeWaitMs: 5_000,
      });

      await servers.stop('temporal');
      const stoppedAt = Date.now();
      const during = {
        http: 'during-temporal-outage-http',
        cli: 'during-temporal-outage-cli',
        tmf: 'during-outage-tmf',
      };
      const askedAt = Date.now();
      const posted = await api.inject({
        method: 'POST',
        url: '/expectations',
        payload: { id: during.http, ...cluster(during.http) },
      });
      const answeredMs = Date.now() - askedAt;
      expect(posted.statusCode).toBe(202);
      expect(posted.json()).toMatchObject({ id: during.http, generation: 1, reconciler: 'waitingForTemporal' });
      expect(posted.json<{ reason: string }>().reason).toContain('Temporal unavailable');
      // the client retries: the same expectation, no new generation
      const again = await api.inject({
        method: 'POST',
        url: '/expectations',
        payload: { id: during.http, ...cluster(during.http) },
      });
      expect(again.statusCode).toBe(202);
      expect(again.json()).toMatchObject({ id: during.http, generation: 1 });
      const tmf = await api.inject({
        method: 'POST',
        url: '/tmf-api/resourceInventoryManagement/v4/resource',
        payload: { id: during.tmf, name: during.tmf },
      });
      expect(tmf.statusCode).toBe(202);
      expect(tmf.json()).toMatchObject({ id: during.tmf, status: 'pending' });
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'diffo-faults-')), 'during.json');
      writeFileSync(file, JSON.stringify({ id: during.cli, ...cluster(during.cli) }));
      const cli = await runDiffo(['expect', file], workerEnv());
      expect(cli.code).toBe(0);
      expect(cli.output).toContain(`stored ${during.cli} (generation 1), pending: Temporal unavailable`);

      await sleep(Math.max(0, scale.temporalDownMs - (Date.now() - stoppedAt)));
      await servers.start('temporal');
      const backAt = Date.now();
      const all = [...ids, during.http, during.cli, during.tmf];
      const resumed = await untilProgress(all);
      const met = await allMet(all, metWithinMs);
      const recovered = Date.now() - backAt;
      await api.close();

      expect(met).toBe(all.length);
      expect(await assignedSlots([...ids, during.http, during.cli])).toBe(2 * (ids.length + 2));
      await expectNoDuplicates();
      figures.push(
        `Temporal restart: ${converging2} expectations (${metBefore} met when it stopped), down ${seconds(backAt - stoppedAt)}, ` +
          `POST /expectations meanwhile answered 202 in ${answeredMs} ms; after it answered again: the next met in ` +
          `${seconds(resumed)}, all ${met} (3 submitted while it was down) met in ${seconds(recovered)}; duplicates 0`,
        ...watcherLines(outputFrom, backAt),
      );
    },
    caseTimeoutMs,
  );

  it(
    'the worker killed -9 during a respecify: a new worker finishes it, nothing twice',
    async () => {
      const ids = idsOf('respecify', respecified);
      const broadband = (id: string) => ({ kind: 'Broadband', name: id });
      await submitAll(ids, broadband);
      await allMet(ids, metWithinMs);
      const onV2 = async () => {
        const { records } = await graph.driver.executeQuery(
          'MATCH (i:BroadbandV2) WHERE i.id IN $ids RETURN count(i) AS moved',
          { ids },
          { database: servers.settings.neo4j.database },
        );
        return Number(records[0]!.get('moved'));
      };

      await submitAll(ids, (id) => ({ ...broadband(id), specification: { major: 2 } }));
      await eventually(onV2, (moved) => moved > 0, 60_000, 10);
      await worker.kill('SIGKILL');
      const killedAt = Date.now();
      const movedAtKill = await onV2();
      expect(movedAtKill).toBeLessThan(respecified); // killed while respecifying
      await startWorker();
      const restartedAt = Date.now();
      const met = await allMet(ids, metWithinMs);
      const recovered = Date.now() - restartedAt;

      expect(met).toBe(respecified);
      expect(await onV2()).toBe(respecified);
      await expectNoDuplicates();
      figures.push(
        `worker kill -9: ${respecified} respecifies (${movedAtKill} done when killed), new worker polling ` +
          `${seconds(restartedAt - killedAt)} after the kill, all ${met} met ${seconds(recovered)} after that, duplicates 0`,
      );
    },
    caseTimeoutMs,
  );
});
