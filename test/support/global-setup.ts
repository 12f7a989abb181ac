import type { TestProject } from 'vitest/node';
import { localServers } from '../../infra/local-servers.js';
import { waitUntilReady } from '../../infra/readiness.js';
import { servicesDown, servicesUp } from '../../infra/services.js';
import { readSettings } from '../../infra/settings.js';
import { temporalAnswers } from '../../infra/temporal/server.js';
import { graphAnswers } from '../../graph/driver.js';
import { serverNeeds } from '../../runtime/server-needs.js';
import { dockerAnswers, startNeo4jContainer, startTemporalContainer } from './containers.js';
import type { ServerSource, TestServers } from './test-servers.js';

/**
 * Finds real servers for the suite, in this order: servers named by environment variables
 * (NEO4J_URI, TEMPORAL_ADDRESS); otherwise containers when a Docker engine answers;
 * otherwise the local servers of `npm run services -- up`, started if needed.
 * Teardown stops only what this setup started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const settings = readSettings();
  const teardown: Array<() => Promise<unknown>> = [];
  const source: Record<'neo4j' | 'temporal', ServerSource> = { neo4j: 'environment', temporal: 'environment' };
  const local = localServers(settings, serverNeeds).filter((server) => !server.external);

  if (local.length > 0 && (await dockerAnswers())) {
    for (const server of local) {
      if (server.name === 'neo4j') {
        const { uri, container } = await startNeo4jContainer(settings);
        settings.neo4j.uri = uri;
        teardown.push(() => container.stop());
      } else {
        const { address, container } = await startTemporalContainer();
        settings.temporal.address = address;
        teardown.push(() => container.stop());
      }
      source[server.name as 'neo4j' | 'temporal'] = 'testcontainers';
    }
  } else if (local.length > 0) {
    const reports = await servicesUp(local, (line) => console.log(`[global-setup] ${line}`));
    const startedHere = local.filter((_, index) => reports[index]?.state === 'started');
    teardown.push(() => servicesDown(startedHere));
    for (const report of reports) {
      source[report.name as 'neo4j' | 'temporal'] =
        report.state === 'started' ? 'local (started for the tests)' : 'local (already running)';
    }
  }

  await waitUntilReady({
    what: `Neo4j at ${settings.neo4j.uri}`,
    check: () => graphAnswers(settings.neo4j),
    timeoutMs: 60_000,
  });
  await waitUntilReady({
    what: `Temporal at ${settings.temporal.address}`,
    check: () => temporalAnswers(settings),
    timeoutMs: 60_000,
  });
  console.log(
    `[global-setup] Neo4j ${settings.neo4j.uri} (${source.neo4j}); Temporal ${settings.temporal.address} (${source.temporal})`,
  );

  const servers: TestServers = {
    neo4j: {
      uri: settings.neo4j.uri,
      user: settings.neo4j.user,
      password: settings.neo4j.password,
      database: settings.neo4j.database,
    },
    temporal: { address: settings.temporal.address, namespace: settings.temporal.namespace },
    source,
  };
  project.provide('servers', servers);
  return async () => {
    for (const stop of teardown.reverse()) await stop();
  };
}
