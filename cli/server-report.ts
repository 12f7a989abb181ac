import type { ServerReport } from '../infra/services.js';

const describe: Record<ServerReport['state'], string> = {
  started: 'started',
  running: 'already running (started by this project)',
  external: 'configured server (environment), not managed here',
  foreign: 'already answering (not started by this project; left alone)',
  stopped: 'stopped',
  down: 'not running',
};

/** Human lines for a list of server reports: state, pid, readiness time and where to connect. */
export function formatServerReports(reports: ServerReport[], withEndpoints: boolean): string {
  return reports
    .map((report) => {
      const facts = [
        report.pid !== undefined ? `pid ${report.pid}` : undefined,
        report.readyMs !== undefined ? `ready in ${(report.readyMs / 1000).toFixed(1)}s` : undefined,
      ].filter(Boolean);
      const head = `${report.name.padEnd(9)} ${describe[report.state]}${facts.length ? ` (${facts.join(', ')})` : ''}`;
      return withEndpoints && report.state !== 'down' && report.state !== 'stopped'
        ? [head, ...report.endpoints.map((line) => `  ${line}`)].join('\n')
        : head;
    })
    .join('\n');
}
