import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LocalServer } from '../local-server.js';
import type { Neo4jSettings, Settings } from '../settings.js';
import { installNeo4j, neo4jSources, neo4jToolFiles } from './install.js';

/**
 * The Bolt and HTTP listen addresses from the settings (the URI's and the browser URL's host and
 * port), over neo4j.conf's: a second server (a test's own) listens on ports of its own.
 */
function listenAddresses(neo4j: Neo4jSettings): string[] {
  const bolt = new URL(neo4j.uri);
  const http = new URL(neo4j.browserUrl);
  return [
    '--set',
    `server.bolt.listen_address=${bolt.hostname}:${bolt.port || '7687'}`,
    '--set',
    `server.http.listen_address=${http.hostname}:${http.port || '80'}`,
  ];
}

/**
 * Neo4j 5.26 Community run by infra/neo4j/src/DiffoNeo4j.java, data under the data folder;
 * `graphAnswers` tells when it is ready (a query the graph layer runs, passed in by the wiring).
 */
export function neo4jLocalServer(
  settings: Settings,
  graphAnswers: (connection: Neo4jSettings) => Promise<boolean>,
): LocalServer {
  const home = path.join(settings.dataDir, 'neo4j');
  const logFile = path.join(settings.dataDir, 'logs', 'neo4j.log');
  const pidFile = path.join(settings.dataDir, 'run', 'neo4j.pid');
  return {
    name: 'neo4j',
    external: settings.neo4j.external,
    endpoints: [
      `Neo4j Bolt         ${settings.neo4j.uri} (user ${settings.neo4j.user}, database ${settings.neo4j.database})`,
      `Neo4j Browser      ${settings.neo4j.browserUrl}`,
    ],
    answers: () => graphAnswers(settings.neo4j),
    prepare: async (log) => {
      await installNeo4j(settings.toolsDir, log);
      const tools = neo4jToolFiles(settings.toolsDir);
      return {
        command: 'java',
        args: [
          // heap capped at 1 GB (page cache 256 MB in neo4j.conf) to fit beside everything on 2 cores
          '-Xmx1g',
          '-XX:+UseG1GC',
          '-XX:-OmitStackTraceInFastThrow',
          '-XX:+ExitOnOutOfMemoryError',
          ...(existsSync(tools.classDataArchive) ? [`-XX:SharedArchiveFile=${tools.classDataArchive}`] : []),
          // without these Neo4j's page cache and tx-log preallocation fall back to slower paths
          '--add-opens=java.base/java.nio=ALL-UNNAMED',
          '--add-opens=java.base/java.io=ALL-UNNAMED',
          '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
          '-Djdk.nio.maxCachedBufferSize=1024',
          '-Dio.netty.tryReflectionSetAccessible=true',
          '-Dfile.encoding=UTF-8',
          '-cp',
          `${path.join(tools.lib, '*')}${path.delimiter}${tools.launcherJar}`,
          'DiffoNeo4j',
          '--home',
          home,
          '--config',
          neo4jSources.config,
          ...listenAddresses(settings.neo4j),
        ],
        cwd: home,
        env: { ...process.env, NEO4J_PASSWORD: settings.neo4j.password },
        logFile,
        pidFile,
        marker: 'DiffoNeo4j',
      };
    },
    pidFile,
    logFile,
    startTimeoutMs: 120_000,
  };
}
