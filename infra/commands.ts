import { spawn, spawnSync } from 'node:child_process';

/** Running installer commands (pip, mvn, javac, go) and checking that a program exists. */

export class PrerequisiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrerequisiteError';
  }
}

export interface CommandResult {
  code: number;
  output: string;
}

/** True if `command` can be executed (it answers `--version`, or `-version` for java). */
export function commandExists(command: string, versionFlag = '--version'): boolean {
  const result = spawnSync(command, [versionFlag], { stdio: 'ignore' });
  return result.error === undefined;
}

/** Fails with an actionable message when a program the local servers need is missing. */
export function requireCommand(
  command: string,
  purpose: string,
  howToInstall: string,
  versionFlag = '--version',
): void {
  if (!commandExists(command, versionFlag)) {
    throw new PrerequisiteError(`${command} is needed ${purpose} but was not found on PATH. ${howToInstall}`);
  }
}

/** Runs a command to completion, capturing its combined output; rejects with the output's tail. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new PrerequisiteError(`could not run ${command}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve({ code, output });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}
