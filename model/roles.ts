import { z } from 'zod';
import { identifier } from './identifier.js';

/**
 * How an instance kind holds parties or places by role:
 * - `single`: at most one, a direct edge;
 * - `plural`: a list with optional min/max, direct edges;
 * - `reference`: declared but no direct edge (reachable by traversal; never written by build).
 */
export const roleDeclarationSchema = z
  .object({
    kind: identifier,
    cardinality: z.enum(['single', 'plural', 'reference']).default('single'),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(1).optional(),
  })
  .strict()
  .superRefine((role, context) => {
    if (role.cardinality !== 'plural' && (role.min !== undefined || role.max !== undefined)) {
      context.addIssue({ code: 'custom', message: 'min/max apply only to plural roles', path: ['cardinality'] });
    }
    if (role.min !== undefined && role.max !== undefined && role.min > role.max) {
      context.addIssue({ code: 'custom', message: `min ${role.min} is greater than max ${role.max}`, path: ['min'] });
    }
  });

export type RoleDeclaration = z.input<typeof roleDeclarationSchema>;
export type Role = z.output<typeof roleDeclarationSchema>;

/** The roles a party or place kind plays towards instances, parties and places: `role → kinds`. */
export const roleTargetsSchema = z
  .object({
    instances: z.record(identifier, z.array(identifier).min(1)).default({}),
    parties: z.record(identifier, z.array(identifier).min(1)).default({}),
    places: z.record(identifier, z.array(identifier).min(1)).default({}),
  })
  .strict();

export type RoleTargetsDeclaration = z.input<typeof roleTargetsSchema>;
export type RoleTargets = z.output<typeof roleTargetsSchema>;
