import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalServer } from '../../infra/local-server.js';
import { localServers } from '../../infra/local-servers.js';
import { runningPid, stopBackground } from '../../infra/processes.js';
import { servicesUp } from '../../infra/services.js';
import { readSettings, type Settings } from '../../infra/settings.js';
import { serverNeeds } from '../../runtime/server-needs.js';

/**
 * A Neo4j and a Temporal dev server of a test's own — their own ports, their own data folder
 * under the system's temporary folder — so a fault test may stop, kill and restart them while
 * the servers every other test uses keep running. `settings` point at them (`env` too, for a
 * process the test spawns).
 */
export interface PrivateServers {
  settings: Settings;
  /** The environment a diffo process needs to use these servers. */
  env: Record<string, string>;
  /** Starts the server (again): on its data folder, so a restart keeps what it held. */
  start(name: ServerName): Promise<void>;
  /** Stops it gracefully (SIGTERM, then SIGKILL after `graceMs`). */
  stop(name: ServerName, graceMs?: number): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(name: ServerName): void;
  /** Stops both and deletes their data folder. */
  close(): Promise<void>;
}

export type ServerName = 'neo4j' | 'temporal';

/** A port nothing listens on right now (the system picks it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function privateSettings(dataDir: string): Promise<Settings> {
  const [bolt, http, grpc, ui] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const settings = readSettings({
    DIFFO_DATA_DIR: dataDir,
    ...(process.env.DIFFO_TOOLS_DIR ? { DIFFO_TOOLS_DIR: process.env.DIFFO_TOOLS_DIR } : {}),
  });
  settings.neo4j.uri = `bolt://127.0.0.1:${bolt}`;
  settings.neo4j.browserUrl = `http://127.0.0.1:${http}/browser/`;
  settings.temporal.address = `127.0.0.1:${grpc}`;
  settings.temporal.uiUrl = `http://127.0.0.1:${ui}`;
  return settings;
}

/** Starts both servers on free ports and a fresh data folder; `close()` them when done. */
export async function startPrivateServers(
  log: (line: string) => void = (line) => console.log(`[private-servers] ${line}`),
): Promise<PrivateServers> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diffo-private-servers-'));
  const settings = await privateSettings(dataDir);
  const servers = Object.fromEntries(
    localServers(settings, serverNeeds).map((server) => [server.name, server]),
  ) as Record<ServerName, LocalServer>;
  const start = async (name: ServerName) => void (await servicesUp([servers[name]], log));
  const stop = async (name: ServerName, graceMs = 30_000) =>
    void (await stopBackground(servers[name].pidFile, graceMs));
  const privateServers: PrivateServers = {
    settings,
    env: {
      NEO4J_URI: settings.neo4j.uri,
      NEO4J_USER: settings.neo4j.user,
      NEO4J_PASSWORD: settings.neo4j.password,
      NEO4J_DATABASE: settings.neo4j.database,
      TEMPORAL_ADDRESS: settings.temporal.address,
      TEMPORAL_NAMESPACE: settings.temporal.namespace,
      DIFFO_DATA_DIR: dataDir,
    },
    start,
    stop,
    kill(name) {
      const pid = runningPid(servers[name].pidFile);
      if (pid !== undefined) process.kill(-pid, 'SIGKILL'); // the server leads its own process group
    },
    async close() {
      await Promise.all([stop('neo4j', 10_000), stop('temporal', 10_000)]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all([start('neo4j'), start('temporal')]);
  } catch (error) {
    await privateServers.close();
    throw error;
  }
  return privateServers;
}
