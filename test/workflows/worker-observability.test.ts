import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GPU } from '../../examples/compute/index.js';
import { countExpectations, type ExpectationCount } from '../../graph/expectation-counts.js';
import { submitExpectation, waitForSettled } from '../../runtime/submission.js';
import { diffoProcessOptions } from '../support/diffo-process.js';
import { eventually } from '../support/eventually.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/** The sample value of the series `name{labels}` in Prometheus text, if present. */
function sample(metrics: string, name: string, labels: string): number | undefined {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Every `diffo_expectations{status,kind}` sample, as the graph repository counts them. */
function expectationSamples(metrics: string): ExpectationCount[] {
  return [...metrics.matchAll(/^diffo_expectations\{status="([^"]*)",kind="([^"]*)"\} (\d+)$/gm)].map(
    ([, status, kind, count]) => ({ status: status!, kind: kind!, count: Number(count) }),
  );
}

/**
 * `diffo worker` as a process: JSON logs on stdout, and /health, /ready and /metrics on its own
 * port (any free one here) — task series after it reconciles an expectation, expectations by
 * status and kind as the graph counts them, and the Temporal SDK's own series in the same scrape.
 */
describe('worker health, readiness, metrics and logs', () => {
  // the harness's in-process worker polls another queue: the observed worker is the child process
  const harness = reconcileHarness();
  const { track } = harness;
  const taskQueue = uniqueId('observed-queue');
  const lines: string[] = [];
  let worker: ChildProcess;
  let exited: Promise<number | null>;
  let base: string | undefined;

  beforeAll(async () => {
    worker = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/diffo.ts', 'worker', '--task-queue', taskQueue, '--resync-minutes', '60'],
      { ...diffoProcessOptions(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    exited = new Promise((resolve) => worker.once('exit', resolve));
    let partial = '';
    worker.stdout!.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts.filter(Boolean));
    });
    const polling = await eventually(
      () => Promise.resolve(lines.some((line) => line.includes('"msg":"worker polling task queue'))),
      (found) => found,
      90_000,
    );
    expect(polling, lines.join('\n')).toBe(true);
    base = lines.map((line) => (JSON.parse(line) as { url?: string }).url).find(Boolean);
  });
  afterAll(async () => {
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    await exited;
    await harness
      .env()
      .client.schedule.getHandle(`diffo-resync-${taskQueue}`)
      .delete()
      .catch(() => undefined);
  });

  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('logs JSON lines and serves /health and /ready on its own port', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.map((line) => JSON.parse(line) as { level: number; msg: string })).toContainEqual(
      expect.objectContaining({ level: 30, msg: expect.stringMatching(/^graph schema ready; \d+ kinds registered$/) }),
    );
    expect(await get('/health')).toMatchObject({ status: 200 });
    const ready = await get('/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ status: 'ready', checks: { neo4j: 'up', temporal: 'up' } });
  });

  /** Submits `intent` to the observed worker's queue and waits until it settles. */
  const reconcile = async (intent: unknown) => {
    const id = track.expectationId(uniqueId('observed-exp'));
    const deps = { client: harness.env().client, expectations: harness.expectations, taskQueue };
    const submission = await submitExpectation(deps, intent, id);
    return waitForSettled(harness.expectations, id, { generation: submission.generation });
  };

  it('counts tasks by type and outcome after a reconcile, beside the Temporal SDK series', async () => {
    // a GPU with one core: the first cluster is met, the second's assign is refused (pool exhausted) and it is blocked;
    // each task of a batch is counted under its own type
    const gpu = track.instance(await harness.inventory.instances.build(GPU, { name: 'observed gpu' }));
    await harness.inventory.instances.define(GPU, gpu.id, { pools: { cores: { first: 1, last: 1 } } });
    const cluster = (name: string) => ({
      kind: 'Cluster',
      name,
      assignments: [{ alias: 'core1', pool: 'cores', from: gpu.id }],
      state: 'installed',
    });
    expect((await reconcile(cluster('observed-1'))).status).toBe('met');
    expect(await reconcile(cluster('observed-2'))).toMatchObject({ status: 'blocked' });

    // an activity is counted when it returns, a moment after its transaction committed (it wakes
    // whoever waited on what it changed first), so the graph can say met or blocked before the count
    const metrics = await eventually(
      () => get('/metrics'),
      ({ text }) =>
        ['type="build",outcome="completed"', 'type="recordBlocked",outcome="completed"'].every(
          (labels) => sample(text, 'diffo_tasks_total', labels) !== undefined,
        ),
    );
    expect(metrics.status).toBe(200);
    expect(sample(metrics.text, 'diffo_tasks_total', 'type="build",outcome="completed"')).toBeGreaterThanOrEqual(1);
    expect(
      sample(metrics.text, 'diffo_task_duration_seconds_count', 'type="build",outcome="completed"'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(metrics.text, 'diffo_tasks_total', 'type="observe",outcome="completed"')).toBeGreaterThanOrEqual(1);
    expect(sample(metrics.text, 'diffo_tasks_total', 'type="assign",outcome="completed"')).toBeGreaterThanOrEqual(1);
    expect(sample(metrics.text, 'diffo_tasks_total', 'type="assign",outcome="refused"')).toBeGreaterThanOrEqual(1);
    expect(metrics.text).toContain('# TYPE diffo_task_duration_seconds histogram');
    expect(metrics.text).toContain('process_resident_memory_bytes');
    // the SDK's own exporter, read and appended by the same scrape
    expect(metrics.text).toMatch(
      new RegExp(
        `^temporal_activity_execution_latency_count\\{.*activity_type="runTasks".*task_queue="${taskQueue}".*\\} \\d+$`,
        'm',
      ),
    );
    expect(metrics.text).toMatch(new RegExp(`^temporal_num_pollers\\{.*task_queue="${taskQueue}".*\\} \\d+$`, 'm'));
  });

  it('shows expectations by status and kind as the graph counts them', async () => {
    // other writers may change the counts meanwhile: a scrape between two equal graph counts is a fair comparison
    const compared = await eventually(
      async () => {
        const before = await countExpectations(harness.inventory.store);
        const scraped = expectationSamples((await get('/metrics')).text);
        const after = await countExpectations(harness.inventory.store);
        return { before, scraped, after };
      },
      ({ before, scraped, after }) =>
        JSON.stringify(before) === JSON.stringify(after) && JSON.stringify(scraped) === JSON.stringify(before),
    );
    expect(compared.scraped).toEqual(compared.before);
    expect(compared.scraped).toContainEqual(expect.objectContaining({ status: 'met', kind: 'Cluster' }));
  });

  it('stops cleanly on SIGTERM: exit code 0, its last line "worker stopped"', async () => {
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ level: 30, msg: 'worker stopped' });
  });
});
