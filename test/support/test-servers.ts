import type { GraphConnection } from '../../graph/driver.js';

/** Where the servers under test are, handed from the global setup to every test file. */
export interface TestServers {
  neo4j: GraphConnection;
  temporal: { address: string; namespace: string };
  /** How they were found: environment variables, testcontainers, or the local service manager. */
  source: { neo4j: ServerSource; temporal: ServerSource };
}

export type ServerSource =
  'environment' | 'testcontainers' | 'local (already running)' | 'local (started for the tests)';

declare module 'vitest' {
  export interface ProvidedContext {
    servers: TestServers;
  }
}
