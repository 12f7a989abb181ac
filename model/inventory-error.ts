import type { z } from 'zod';

/**
 * A domain error of the inventory: something people must change, never something a retry
 * fixes. `code` is stable (it becomes the Temporal failure type and the API error code);
 * `fields` names the offending input paths.
 */
export const inventoryErrorCodes = {
  invalidInput: 422,
  notFound: 404,
  conflict: 409,
  poolExhausted: 409,
  notPermitted: 422,
  invalidState: 409,
} as const;

export type InventoryErrorCode = keyof typeof inventoryErrorCodes;

export class InventoryError extends Error {
  constructor(
    readonly code: InventoryErrorCode,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = 'InventoryError';
  }

  get status(): number {
    return inventoryErrorCodes[this.code];
  }
}

/** Parses input with a zod schema, or throws an invalidInput error listing every problem with its path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`,
  );
  throw new InventoryError(
    'invalidInput',
    `invalid ${what}: ${problems.join('; ')}`,
    parsed.error.issues.map((issue) => issue.path.join('.')),
  );
}
