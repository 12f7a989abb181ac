import { z } from 'zod';

/**
 * A pool of assignable things owned by an instance (`cores → core`, values 1..680).
 * The kind declares `pool name → thing name`; the bounds are defined per instance.
 */
export const assignmentAlgorithms = ['lowest', 'highest', 'random'] as const;
export type AssignmentAlgorithm = (typeof assignmentAlgorithms)[number];

export const poolBoundsSchema = z
  .object({
    first: z.number().int(),
    last: z.number().int(),
    algorithm: z.enum(assignmentAlgorithms).default('lowest'),
    assignableType: z.string().min(1).optional(),
  })
  .strict()
  .refine((bounds) => bounds.first <= bounds.last, { message: 'first must be ≤ last', path: ['first'] });

export type PoolBoundsInput = z.input<typeof poolBoundsSchema>;
export type PoolBounds = z.output<typeof poolBoundsSchema>;

/** How many values a pool holds, without materialising its range. */
export function poolSize(bounds: Pick<PoolBounds, 'first' | 'last'>): number {
  return bounds.last - bounds.first + 1;
}
