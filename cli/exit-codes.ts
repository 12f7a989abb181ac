import { SettingsError } from '../infra/settings.js';

/** Exit codes of every diffo command: 0 ok, 1 failure, 2 bad input. */
export const exitCodes = { ok: 0, failure: 1, badInput: 2 } as const;

/** Prints an error the way people need it (no stack for expected problems) and picks the exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof SettingsError) {
    console.error(`diffo: ${error.message}`);
    return exitCodes.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`diffo: ${message}`);
  return exitCodes.failure;
}
