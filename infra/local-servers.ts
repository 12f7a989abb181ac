import type { LocalServer } from './local-server.js';
import { neo4jLocalServer } from './neo4j/local-server.js';
import type { Settings } from './settings.js';
import { temporalLocalServer } from './temporal/local-server.js';

/** The two servers everything in this project stands on. */
export function localServers(settings: Settings): LocalServer[] {
  return [neo4jLocalServer(settings), temporalLocalServer(settings)];
}

export async function installLocalServers(settings: Settings, log: (line: string) => void): Promise<void> {
  for (const server of localServers(settings)) {
    if (!server.external) await server.prepare(log);
  }
}
