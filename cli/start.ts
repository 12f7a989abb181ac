import { localServers } from '../infra/local-servers.js';
import { servicesDown, servicesUp } from '../infra/services.js';
import { readSettings } from '../infra/settings.js';
import { reportFailure } from './exit-codes.js';
import { formatServerReports } from './server-report.js';

/**
 * `npm start`: brings up Neo4j and Temporal (installing what is missing), prints where to
 * look, and stays in the foreground; Ctrl-C stops what this run started (data is kept).
 * Later the worker and the HTTP API join this process tree.
 */
async function main(): Promise<void> {
  const settings = readSettings();
  const servers = localServers(settings);
  const reports = await servicesUp(servers, (line) => console.log(`· ${line}`));
  console.log(`\ndiffo-ts is up\n${formatServerReports(reports, true)}\n\nCtrl-C stops what this run started.`);
  const startedHere = servers.filter((_, index) => reports[index]?.state === 'started');
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${startedHere.map((server) => server.name).join(', ') || 'nothing (all were already running)'}`);
    console.log(formatServerReports(await servicesDown(startedHere), false));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30); // keep the process alive until a signal
}

main().catch((error: unknown) => {
  process.exitCode = reportFailure(error);
});
