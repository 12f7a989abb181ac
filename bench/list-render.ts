import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { buildApi } from '../api/http-api.js';
import { launchChromium } from '../test/support/browser.js';
import { benchInventory } from './bench-inventory.js';
import { format, summarise } from './measure.js';
import { readSettings } from '../infra/settings.js';

/**
 * The live view's list, first render in a real Chromium (page load, script, first page of rows
 * drawn), over 10,000 expectations against 10 in the same run: two sets stored side by side in
 * the graph (one UNWIND each), each opened as `/#/?search=<its tag>`, alternately, `rounds` times
 * a run, `runs` runs (LIST_RENDER_RUNS, default 3): each run's figures and ratio, then all
 * samples' min/median/max and the ratios' min/median/max. The server pages and counts (`GET /expectations?limit=50`), so the ratio should stay near 1
 * (goal ≤ 2). Needs Neo4j and Debian's chromium; Temporal only for the API's readiness client.
 */
async function storeExpectations(
  driver: Awaited<ReturnType<typeof benchInventory>>['driver'],
  database: string | undefined,
  tag: string,
  count: number,
) {
  const now = new Date().toISOString();
  await driver.executeQuery(
    `UNWIND range(1, $count) AS n
     CREATE (:Expectation {id: $tag + '-' + n, kind: 'Cluster', name: $tag + '-' + n, generation: 1,
       observedGeneration: 1, status: CASE WHEN n % 7 = 0 THEN 'blocked' ELSE 'met' END,
       reason: CASE WHEN n % 7 = 0 THEN 'a bench reason' ELSE null END,
       bodyJson: '{"kind":"Cluster","name":"' + $tag + '-' + n + '"}', outstandingJson: null,
       createdAt: $now, updatedAt: $now})`,
    { tag, count, now },
    { database },
  );
}

/** One run: both sets opened alternately `rounds` times; their first renders (ms) and the ratio of medians. */
async function measureRun(
  firstRender: (setTag: string) => Promise<number>,
  sets: Record<number, string>,
  rounds: number,
) {
  const samples: Record<number, number[]> = { 10: [], 10000: [] };
  for (let round = 0; round < rounds; round += 1)
    for (const count of [10, 10000]) samples[count]!.push(await firstRender(sets[count]!));
  const [small, large] = [summarise(samples[10]!), summarise(samples[10000]!)];
  return { samples, small, large, ratio: large.median / small.median };
}

export async function listRender(runs = Number(process.env.LIST_RENDER_RUNS ?? 3), rounds = 7): Promise<void> {
  const { inventory, expectations, driver, database, tag, cleanup } = await benchInventory();
  const settings = readSettings();
  const connection = await Connection.connect({ address: settings.temporal.address });
  const app = await buildApi({ inventory, expectations, client: new Client({ connection }), taskQueue: `${tag}-none` });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  const sets = { 10: `${tag}-small`, 10000: `${tag}-large` } as const;
  try {
    for (const [count, setTag] of Object.entries(sets))
      await storeExpectations(driver, database, setTag, Number(count));
    const firstRender = async (setTag: string) => {
      await browser.page.goto('about:blank');
      const started = performance.now();
      await browser.page.goto(`${base}/#/?search=${setTag}`);
      await browser.page.locator('table.expectations[aria-busy="false"] tbody tr').first().waitFor();
      return performance.now() - started;
    };
    await firstRender(sets[10]); // the bundle is built at the first request: not part of a render
    const all: Record<number, number[]> = { 10: [], 10000: [] };
    const ratios: number[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const { samples, small, large, ratio } = await measureRun(firstRender, sets, rounds);
      for (const count of [10, 10000]) all[count]!.push(...samples[count]!);
      ratios.push(ratio);
      console.log(
        `run ${run}: 10 ${format(small, 'ms', 1)}; 10,000 ${format(large, 'ms', 1)}; ratio ${ratio.toFixed(2)}`,
      );
    }
    console.log(`list first render, 10 expectations      ${format(summarise(all[10]!), 'ms', 1)}`);
    console.log(`list first render, 10,000 expectations  ${format(summarise(all[10000]!), 'ms', 1)}`);
    console.log(`ratio 10,000 / 10 (medians of each run) ${format(summarise(ratios), '×', 2)} (goal ≤ 2)`);
  } finally {
    await browser.close();
    await app.close();
    await connection.close();
    await driver.executeQuery(
      'MATCH (e:Expectation) WHERE e.id STARTS WITH $tag DETACH DELETE e',
      { tag },
      { database },
    );
    await cleanup();
  }
}
