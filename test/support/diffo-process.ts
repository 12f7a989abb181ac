import { spawn } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import { projectRoot } from '../../infra/settings.js';

/**
 * Where a diffo process a test spawns (the CLI, a worker, `npm start`) runs: in the project
 * root, with the environment pointing it at the servers under test, a worker port of any free
 * one, plus `env` (a task queue…).
 * Spread into `spawn`'s options next to the `stdio` the test wants.
 */
export function diffoProcessOptions(env: Record<string, string> = {}): { cwd: string; env: NodeJS.ProcessEnv } {
  const { neo4j, temporal } = inject('servers');
  return {
    cwd: projectRoot,
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      // a worker's health and metrics port: any free one, so no two processes contend for the default
      DIFFO_WORKER_PORT: '0',
      ...env,
    },
  };
}

/** Runs the real `diffo` binary with `args` (and `input` on stdin) against the servers under test; resolves when it exits. */
export function runDiffo(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(projectRoot, 'bin', 'diffo.js'), ...args],
      diffoProcessOptions(env),
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(input ?? '');
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
