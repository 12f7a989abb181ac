import { InvalidExpectationError } from '../expectations/expectation-schema.js';
import { SettingsError } from '../infra/settings.js';
import { InventoryError } from '../model/inventory-error.js';

/** Exit codes of every diffo command: 0 ok, 1 failure, 2 bad input. */
export const exitCodes = { ok: 0, failure: 1, badInput: 2 } as const;

/** Command-line input that cannot be used (a file, an argument): every problem, with where it is. */
export class BadInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`bad input:\n  ${problems.join('\n  ')}`);
    this.name = 'BadInputError';
  }
}

/** Prints an error the way people need it (no stack for expected problems) and picks the exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof InvalidExpectationError) {
    console.error(`diffo: invalid expectation:\n  ${error.problems.join('\n  ')}`);
    return exitCodes.badInput;
  }
  const badInput =
    error instanceof SettingsError ||
    error instanceof BadInputError ||
    (error instanceof InventoryError && error.code === 'invalidInput');
  if (badInput) {
    console.error(`diffo: ${error.message}`);
    return exitCodes.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`diffo: ${message}`);
  return exitCodes.failure;
}
