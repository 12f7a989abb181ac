import { Command } from 'commander';
import { buildApi } from '../api/http-api.js';
import { requestTransactionRetryMs } from '../graph/driver.js';
import { collectionPath } from '../model/tmf/tmf-paths.js';
import { watchApiOutages } from '../runtime/outage-watcher.js';
import { openCliContext, type CliContext } from './cli-context.js';

/**
 * Starts the HTTP API on the configured host and port, with its outage watcher (a new driver
 * when Neo4j answers again after an outage); resolves with a function that stops both.
 */
export async function startApi(context: CliContext, log: (line: string) => void): Promise<() => Promise<void>> {
  const { settings } = context;
  const app = await buildApi({
    inventory: context.inventory,
    expectations: context.expectations,
    client: await context.client(),
    taskQueue: settings.temporal.taskQueue,
    ...(settings.api.token ? { token: settings.api.token } : {}),
    ...(settings.api.publicUrl ? { publicUrl: settings.api.publicUrl } : {}),
    writeWaitMs: settings.api.writeWaitMs,
    logger: { level: settings.logLevel },
  });
  const address = await app.listen({ host: settings.api.host, port: settings.api.port });
  const graph = { connection: settings.neo4j, store: context.inventory.store };
  const watcher = watchApiOutages({ graph, log: (line) => app.log.warn(line) });
  log(
    `HTTP API           ${address}  (OpenAPI: ${address}/openapi.json${settings.api.token ? '; bearer token required' : ''})`,
  );
  log(`  TMF638 services   ${address}${collectionPath('v4', 'service')}  (v5: ${collectionPath('v5', 'service')})`);
  log(`  TMF639 resources  ${address}${collectionPath('v4', 'resource')}  (v5: ${collectionPath('v5', 'resource')})`);
  if (settings.api.publicUrl) log(`  hrefs start with  ${settings.api.publicUrl}`);
  log(`  live view         ${address}/  (in a browser)`);
  log(`  expectations      ${address}/expectations`);
  log(`  health, metrics   ${address}/health  ${address}/ready  ${address}/metrics`);
  return async () => {
    await watcher.stop();
    await app.close();
  };
}

/** `diffo serve`: the HTTP API alone, until Ctrl-C. */
export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'serve the HTTP API (TMF638/639 inventory + expectations, the live view at /, /health, /ready, /metrics) until Ctrl-C; DIFFO_API_HOST/PORT/TOKEN, DIFFO_PUBLIC_URL and DIFFO_LOG_LEVEL configure it',
    )
    .option('--domain <module...>', 'modules exporting `kinds` (default: the example domains)')
    .action(async (options: { domain?: string[] }) => {
      const context = await openCliContext(options.domain, { transactionRetryMs: requestTransactionRetryMs });
      const stop = await startApi(context, (line) => console.log(line));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await stop();
      await context.close();
    });
}
