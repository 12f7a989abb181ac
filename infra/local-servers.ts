import type { LocalServer } from './local-server.js';
import { neo4jLocalServer } from './neo4j/local-server.js';
import type { Neo4jSettings, Settings } from './settings.js';
import { temporalLocalServer } from './temporal/local-server.js';
import type { SearchAttributeDeclaration } from './temporal/server.js';

/**
 * What the servers need of the code that runs on them. infra/ imports nothing of the domain,
 * so the wiring passes it in (runtime/server-needs.ts).
 */
export interface ServerNeeds {
  /** True when Neo4j answers a query with these settings; a refused login throws. */
  graphAnswers: (connection: Neo4jSettings) => Promise<boolean>;
  /** The custom search attributes workflows set: the Temporal dev server registers them at start. */
  searchAttributes: readonly SearchAttributeDeclaration[];
}

/** The two servers everything in this project stands on. */
export function localServers(settings: Settings, needs: ServerNeeds): LocalServer[] {
  return [neo4jLocalServer(settings, needs.graphAnswers), temporalLocalServer(settings, needs.searchAttributes)];
}

export async function installLocalServers(
  settings: Settings,
  needs: ServerNeeds,
  log: (line: string) => void,
): Promise<void> {
  for (const server of localServers(settings, needs)) {
    if (!server.external) await server.prepare(log);
  }
}
