import { z } from 'zod';
import { identifier } from './identifier.js';
import { instanceIdSchema } from './instance-input.js';

/** Assigning a value from a pool to an assignee: `auto` by the pool's algorithm, or a specific value. */
export const assignInputSchema = z
  .strictObject({
    owner: instanceIdSchema,
    pool: identifier,
    assignee: instanceIdSchema,
    value: z.union([z.literal('auto'), z.number().int()]).default('auto'),
    alias: identifier.optional(),
  })
  .refine((input) => input.owner !== input.assignee, {
    message: 'an instance cannot assign to itself',
    path: ['assignee'],
  });

export type AssignInput = z.input<typeof assignInputSchema>;

export const unassignInputSchema = z.union([
  z.strictObject({ owner: instanceIdSchema, pool: identifier, value: z.number().int() }),
  z.strictObject({ assignee: instanceIdSchema, alias: identifier }),
]);
export type UnassignInput = z.input<typeof unassignInputSchema>;

export interface Assignment {
  owner: string;
  pool: string;
  thing: string;
  value: number;
  assignee: string;
  alias?: string;
}
