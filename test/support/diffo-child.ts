import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../infra/settings.js';

/**
 * A `diffo` command in a child process of the test (a worker, say), against the servers `env`
 * names: its output is kept, `waitFor` waits for a line, `kill` ends it by its pid — SIGKILL
 * for a crash, SIGTERM for a graceful stop.
 */
export interface DiffoChild {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function startDiffo(args: string[], env: Record<string, string>): DiffoChild {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'diffo.js'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async waitFor(text, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (child.exitCode !== null) throw new Error(`diffo ${args[0]} exited (${child.exitCode}):\n${output}`);
        if (Date.now() > deadline)
          throw new Error(`diffo ${args[0]} did not say "${text}" in ${timeoutMs} ms:\n${output}`);
        await sleep(100);
      }
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Runs a `diffo` command to its end: exit code and output. */
export async function runDiffo(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const run = startDiffo(args, env);
  const code = await new Promise<number | null>((resolve) => run.child.once('close', resolve));
  return { code, output: run.output() };
}
