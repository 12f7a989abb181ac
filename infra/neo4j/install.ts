import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireCommand, runCommand } from '../commands.js';
import { projectRoot } from '../settings.js';

/**
 * Installs the local Neo4j with infra/neo4j/install.sh: the jars pinned by pom.xml from
 * Maven Central, the launcher compiled into a jar, and a class-data-sharing archive that
 * speeds up every start. A stamp records what was installed, so editing the pom, the
 * launcher or the script reinstalls.
 */

const neo4jDir = path.join(projectRoot, 'infra', 'neo4j');
export const neo4jSources = {
  pom: path.join(neo4jDir, 'pom.xml'),
  launcher: path.join(neo4jDir, 'src', 'DiffoNeo4j.java'),
  installer: path.join(neo4jDir, 'install.sh'),
  config: path.join(neo4jDir, 'neo4j.conf'),
};

export function neo4jToolFiles(toolsDir: string) {
  const root = path.join(toolsDir, 'neo4j');
  return {
    root,
    lib: path.join(root, 'lib'),
    launcherJar: path.join(root, 'diffo-neo4j.jar'),
    classDataArchive: path.join(root, 'neo4j.jsa'),
    stamp: path.join(root, 'installed.sha256'),
  };
}

function sourcesDigest(): string {
  const hash = createHash('sha256');
  for (const file of [neo4jSources.pom, neo4jSources.launcher, neo4jSources.installer]) hash.update(readFileSync(file));
  return hash.digest('hex');
}

export function neo4jInstalled(toolsDir: string): boolean {
  const { stamp } = neo4jToolFiles(toolsDir);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sourcesDigest();
}

const otherwise = 'or set NEO4J_URI to use a Neo4j you already run.';

export async function installNeo4j(toolsDir: string, log: (line: string) => void): Promise<void> {
  requireCommand(
    'java',
    'to run the local Neo4j',
    `Install Java 17+ (apt-get install openjdk-17-jre-headless), ${otherwise}`,
    '-version',
  );
  if (neo4jInstalled(toolsDir)) return;
  requireCommand(
    'mvn',
    'to fetch the Neo4j jars from Maven Central',
    `Install Maven (apt-get install maven), ${otherwise}`,
  );
  requireCommand(
    'javac',
    'to compile the Neo4j launcher',
    `Install a Java 17+ JDK (apt-get install openjdk-17-jdk-headless), ${otherwise}`,
    '-version',
  );
  const files = neo4jToolFiles(toolsDir);
  log(`installing Neo4j 5.26 (jars from Maven Central) into ${files.root} — about a minute on a fresh machine`);
  await runCommand('bash', [neo4jSources.installer], { env: { ...process.env, DIFFO_NEO4J_TOOLS: files.root } });
  writeFileSync(files.stamp, sourcesDigest());
}
