import { requestTransactionRetryMs } from '../graph/driver.js';
import { localServers } from '../infra/local-servers.js';
import { servicesDown, servicesUp } from '../infra/services.js';
import { readSettings } from '../infra/settings.js';
import { serverNeeds } from '../runtime/server-needs.js';
import { runWorkerProcess } from '../runtime/worker-process.js';
import { openCliContext } from './cli-context.js';
import { runDemoFrom } from './demo.js';
import { reportFailure } from './exit-codes.js';
import { startApi } from './serve-command.js';
import { formatServerReports } from './server-report.js';

/**
 * `npm start`: brings up Neo4j and Temporal (installing what is missing), serves the HTTP
 * API, prints where to look, and runs the reconcile worker with the example domains in the
 * foreground. Ctrl-C stops the worker gracefully, the API, then the servers this run
 * started (data is kept). `npm start -- --demo` also submits the seed scenarios and
 * narrates them to met.
 */
async function main(): Promise<void> {
  const settings = readSettings();
  const servers = localServers(settings, serverNeeds);
  const reports = await servicesUp(servers, (line) => console.log(`· ${line}`));
  const startedHere = servers.filter((_, index) => reports[index]?.state === 'started');
  const context = await openCliContext(undefined, { transactionRetryMs: requestTransactionRetryMs });
  try {
    console.log(`\ndiffo-ts is up\n${formatServerReports(reports, true)}`);
    const stopApi = await startApi(context, (line) => console.log(line));
    const ui = `${settings.temporal.uiUrl}/namespaces/${encodeURIComponent(settings.temporal.namespace)}/workflows?query=${encodeURIComponent("WorkflowType='reconcile'")}`;
    console.log(`Reconcile workflows ${ui}\n`);
    if (process.argv.includes('--demo')) {
      // runs beside the worker; Ctrl-C during the demo just ends it with the rest
      void runDemoFrom(context, (line) => console.log(line))
        .then((allMet) =>
          console.log(allMet ? '\ndemo: every expectation is met' : '\ndemo: something is blocked (see above)'),
        )
        .catch((error: unknown) => console.error(`demo stopped: ${(error as Error).message}`));
    }
    try {
      await runWorkerProcess({ settings, kinds: context.kinds });
    } finally {
      await stopApi();
    }
  } finally {
    await context.close();
    console.log(
      `stopping ${startedHere.map((server) => server.name).join(', ') || 'nothing (the servers were already running)'}`,
    );
    console.log(formatServerReports(await servicesDown(startedHere), false));
  }
}

main().catch((error: unknown) => {
  process.exitCode = reportFailure(error);
});
