import { z } from 'zod';
import { identifier } from './identifier.js';
import { inputLimits } from './input-limits.js';
import type { CharacteristicSchemas } from './instance-kind.js';
import { poolBoundsWithin } from './pool.js';
import type { RegisteredInstanceKind } from './registry.js';
import type { Role } from './roles.js';

/**
 * Input schemas for the inventory operations, derived from a kind's declaration: the
 * same characteristic schema checks an expected value and an actual one, and every
 * problem comes back with its field path.
 */

export const instanceIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s/?#]+$/, 'must not contain spaces, /, ? or #');
export const instanceNameSchema = z.string().min(1).max(inputLimits.maxNameLength);

function characteristicValuesSchema(schemas: CharacteristicSchemas) {
  return z.strictObject(Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, schema.optional()])));
}

const roleRefSchema = z.strictObject({ role: z.string(), id: instanceIdSchema });
export type RoleRef = z.output<typeof roleRefSchema>;

/** Roles must be declared, references are never written, singular roles hold one, plural roles stay within min/max. */
function checkRoles(
  refs: RoleRef[] | undefined,
  roles: Record<string, Role>,
  section: string,
  context: z.RefinementCtx,
  enforceMin: boolean,
) {
  const counts = new Map<string, number>();
  (refs ?? []).forEach((ref, index) => {
    const role = roles[ref.role];
    if (!role) {
      const declared = Object.keys(roles);
      context.addIssue({
        code: 'custom',
        path: [section, index, 'role'],
        message: `role "${ref.role}" is not declared (declared: ${declared.join(', ') || 'none'})`,
      });
    } else if (role.cardinality === 'reference') {
      context.addIssue({
        code: 'custom',
        path: [section, index, 'role'],
        message: `role "${ref.role}" is reference-only: it is reached by traversal, never written`,
      });
    }
    counts.set(ref.role, (counts.get(ref.role) ?? 0) + 1);
  });
  for (const [name, role] of Object.entries(roles)) {
    const count = counts.get(name) ?? 0;
    if (role.cardinality === 'single' && count > 1) {
      context.addIssue({ code: 'custom', path: [section], message: `role "${name}" holds at most one, got ${count}` });
    }
    if (role.cardinality === 'plural' && role.max !== undefined && count > role.max) {
      context.addIssue({
        code: 'custom',
        path: [section],
        message: `role "${name}" holds at most ${role.max}, got ${count}`,
      });
    }
    if (enforceMin && role.cardinality === 'plural' && role.min !== undefined && count < role.min) {
      context.addIssue({
        code: 'custom',
        path: [section],
        message: `role "${name}" needs at least ${role.min}, got ${count}`,
      });
    }
  }
}

export const relationshipInputSchema = z.strictObject({
  type: identifier,
  target: instanceIdSchema,
  alias: identifier.optional(),
  characteristics: z.record(identifier, z.unknown()).optional(),
});
export type RelationshipInput = z.output<typeof relationshipInputSchema>;

function featureValuesSchema(kind: RegisteredInstanceKind) {
  return z.strictObject(
    Object.fromEntries(
      Object.entries(kind.features).map(([name, feature]) => [
        name,
        z
          .strictObject({
            isEnabled: z.boolean().optional(),
            characteristics: characteristicValuesSchema(feature.characteristics).optional(),
          })
          .optional(),
      ]),
    ),
  );
}

export function buildInputSchema(kind: RegisteredInstanceKind) {
  return z
    .strictObject({
      id: instanceIdSchema.optional(),
      name: instanceNameSchema.optional(),
      characteristics: characteristicValuesSchema(kind.characteristics).optional(),
      features: featureValuesSchema(kind).optional(),
      parties: z.array(roleRefSchema).optional(),
      places: z.array(roleRefSchema).optional(),
      relationships: z.array(relationshipInputSchema).optional(),
    })
    .superRefine((input, context) => {
      checkRoles(input.parties, kind.parties, 'parties', context, true);
      checkRoles(input.places, kind.places, 'places', context, true);
    });
}
export type BuildInput = z.output<ReturnType<typeof buildInputSchema>>;

export function defineInputSchema(kind: RegisteredInstanceKind) {
  return z.strictObject({
    characteristics: characteristicValuesSchema(kind.characteristics).optional(),
    features: featureValuesSchema(kind).optional(),
    pools: z
      .strictObject(
        Object.fromEntries(
          Object.keys(kind.pools).map((name) => [name, poolBoundsWithin(kind.poolLimits[name] ?? {}).optional()]),
        ),
      )
      .optional(),
  });
}
export type DefineInput = z.output<ReturnType<typeof defineInputSchema>>;

/** Parties and places added to an existing instance: the role rules hold for the whole result. */
export function checkRoleRefs(kind: RegisteredInstanceKind, section: 'parties' | 'places', refs: RoleRef[]): string[] {
  const schema = z
    .array(roleRefSchema)
    .superRefine((all, context) => checkRoles(all, kind[section], section, context, false));
  const parsed = schema.safeParse(refs);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
