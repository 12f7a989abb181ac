import { z } from 'zod';
import { identifierPattern } from './identifier.js';

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

/**
 * What a kind declares of a pool: the thing it hands out (`'core'`), or that and the values
 * any pool of this name may ever hold (`{ thing: 'vlan', min: 1, max: 4094 }`). Bounds an
 * instance defines, and so the values it assigns, stay within them.
 */
export type PoolDeclaration = string | { thing: string; min?: number; max?: number };

/** The values a kind lets a pool hold (either side may be open). */
export interface PoolLimits {
  min?: number;
  max?: number;
}

const thingName = z.string().regex(identifierPattern, 'thing name must be an identifier');

export const poolDeclarationSchema = z.union([
  thingName,
  z
    .strictObject({ thing: thingName, min: z.number().int().optional(), max: z.number().int().optional() })
    .refine((limits) => limits.min === undefined || limits.max === undefined || limits.min <= limits.max, {
      message: 'min must be ≤ max',
      path: ['min'],
    }),
]);

/** The thing a declared pool hands out, and its limits (none for the string form). */
export function declaredPool(declaration: z.output<typeof poolDeclarationSchema>): {
  thing: string;
  limits: PoolLimits;
} {
  if (typeof declaration === 'string') return { thing: declaration, limits: {} };
  const { thing, min, max } = declaration;
  return { thing, limits: { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) } };
}

/** Whether a value lies within a pool's limits. */
export function withinLimits(value: number, limits: PoolLimits): boolean {
  return (limits.min === undefined || value >= limits.min) && (limits.max === undefined || value <= limits.max);
}

/** `1..4094`, `≥ 1`, `≤ 4094`. */
export function limitsText(limits: PoolLimits): string {
  if (limits.min !== undefined && limits.max !== undefined) return `${limits.min}..${limits.max}`;
  return limits.min !== undefined ? `≥ ${limits.min}` : `≤ ${limits.max}`;
}

/** Problems of literal pool bounds (first, last) against the kind's limits, by field name. */
export function boundsLimitProblems(
  bounds: { first?: unknown; last?: unknown },
  limits: PoolLimits,
): Array<{ field: 'first' | 'last'; message: string }> {
  return (['first', 'last'] as const).flatMap((field) => {
    const value = bounds[field];
    return typeof value === 'number' && !withinLimits(value, limits)
      ? [{ field, message: `${value} is outside the values this pool may hold (${limitsText(limits)})` }]
      : [];
  });
}

/** Pool bounds a define writes: the shape of `poolBoundsSchema`, within the kind's limits. */
export function poolBoundsWithin(limits: PoolLimits) {
  return poolBoundsSchema.superRefine((bounds, context) => {
    for (const { field, message } of boundsLimitProblems(bounds, limits))
      context.addIssue({ code: 'custom', path: [field], message });
  });
}
