import type { LocalServer } from './local-server.js';
import { runningPid, startInBackground, stopBackground } from './processes.js';
import { waitUntilReady } from './readiness.js';

/**
 * The service manager: brings the servers up (installing what is missing), reports on
 * them and stops what it started. Servers named by environment variables are only checked.
 */

export type ServerState =
  | 'started' // we started it now
  | 'running' // we had started it before; it still answers
  | 'external' // configured via environment variables; not ours
  | 'foreign' // something already answers on its address that we did not start: reused, never stopped
  | 'stopped'
  | 'down'; // not answering

export interface ServerReport {
  name: string;
  state: ServerState;
  pid?: number;
  readyMs?: number;
  endpoints: string[];
}

type Log = (line: string) => void;

async function bringUp(server: LocalServer, log: Log): Promise<ServerReport> {
  const report = (state: ServerState, extra: Partial<ServerReport> = {}): ServerReport => ({
    name: server.name,
    state,
    endpoints: server.endpoints,
    ...extra,
  });
  if (server.external) {
    const readyMs = await waitUntilReady({
      what: `${server.name} (configured server)`,
      check: server.answers,
      timeoutMs: 15_000,
    });
    return report('external', { readyMs });
  }
  const ours = runningPid(server.pidFile);
  if (ours !== undefined) {
    const readyMs = await waitUntilReady({
      what: server.name,
      check: server.answers,
      timeoutMs: server.startTimeoutMs,
      pid: ours,
      logFile: server.logFile,
    });
    return report('running', { pid: ours, readyMs });
  }
  if (await server.answers()) return report('foreign');
  const command = await server.prepare(log);
  log(`starting ${server.name} (log: ${server.logFile})`);
  const started = Date.now();
  const pid = startInBackground(command);
  try {
    await waitUntilReady({
      what: server.name,
      check: server.answers,
      timeoutMs: server.startTimeoutMs,
      pid,
      logFile: server.logFile,
    });
  } catch (error) {
    await stopBackground(server.pidFile, 5_000);
    throw error;
  }
  return report('started', { pid, readyMs: Date.now() - started });
}

/** Starts every server that is not answering yet, concurrently; `up` twice is harmless. */
export async function servicesUp(servers: LocalServer[], log: Log): Promise<ServerReport[]> {
  const results = await Promise.allSettled(servers.map((server) => bringUp(server, log)));
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []));
  if (failures.length > 0) {
    // Leave nothing half-up: stop what this call started before reporting.
    const started = results.flatMap((result, index) =>
      result.status === 'fulfilled' && result.value.state === 'started' ? [servers[index]!] : [],
    );
    await servicesDown(started);
    throw new AggregateError(failures, failures.map((failure) => failure.message).join('\n'));
  }
  return results.map((result) => (result as PromiseFulfilledResult<ServerReport>).value);
}

/** Stops only the servers this project started (by pid file); external and foreign ones are left alone. */
export async function servicesDown(servers: LocalServer[]): Promise<ServerReport[]> {
  return Promise.all(
    servers.map(async (server): Promise<ServerReport> => {
      const state: ServerState = server.external
        ? 'external'
        : (await stopBackground(server.pidFile))
          ? 'stopped'
          : 'down';
      return { name: server.name, state, endpoints: server.endpoints };
    }),
  );
}

export async function servicesStatus(servers: LocalServer[]): Promise<ServerReport[]> {
  return Promise.all(
    servers.map(async (server): Promise<ServerReport> => {
      const pid = server.external ? undefined : runningPid(server.pidFile);
      let answers: boolean;
      try {
        answers = await server.answers();
      } catch {
        answers = false;
      }
      const state: ServerState = !answers
        ? 'down'
        : server.external
          ? 'external'
          : pid !== undefined
            ? 'running'
            : 'foreign';
      return { name: server.name, state, endpoints: server.endpoints, ...(pid !== undefined ? { pid } : {}) };
    }),
  );
}
