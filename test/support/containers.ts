import type { StartedTestContainer } from 'testcontainers';
import { reconcileSearchAttributes } from '../../workflows/search-attributes.js';
import type { Settings } from '../../infra/settings.js';

/**
 * The testcontainers route, for machines with a Docker engine: the same images, ports
 * inside the container and credentials as docker-compose.yml.
 */

export async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export async function startNeo4jContainer(
  settings: Settings,
): Promise<{ uri: string; container: StartedTestContainer }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('neo4j:5.26-community')
    .withEnvironment({
      NEO4J_AUTH: `${settings.neo4j.user}/${settings.neo4j.password}`,
      NEO4J_dbms_usage__report_enabled: 'false',
    })
    .withExposedPorts(7687, 7474)
    .withWaitStrategy(Wait.forLogMessage(/Started\./))
    .withStartupTimeout(180_000)
    .start();
  return { uri: `bolt://${container.getHost()}:${container.getMappedPort(7687)}`, container };
}

export async function startTemporalContainer(): Promise<{ address: string; container: StartedTestContainer }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const searchAttributes = reconcileSearchAttributes.map(
    (key) => `--search-attribute=${key.name}=${key.type === 'INT' ? 'Int' : 'Keyword'}`,
  );
  const container = await new GenericContainer('temporalio/temporal:1.9.1')
    .withCommand(['server', 'start-dev', '--ip=0.0.0.0', ...searchAttributes])
    .withExposedPorts(7233, 8233)
    .withWaitStrategy(Wait.forListeningPorts())
    .withStartupTimeout(180_000)
    .start();
  return { address: `${container.getHost()}:${container.getMappedPort(7233)}`, container };
}
