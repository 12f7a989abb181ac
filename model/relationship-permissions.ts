import { z } from 'zod';
import { identifier } from './identifier.js';

/**
 * Which relationship aliases an instance kind may take part in, as a source and as a
 * target: `all`, `none` (the default) or a non-empty list of aliases.
 */
export const permissionSchema = z.union([z.literal('all'), z.literal('none'), z.array(identifier).min(1)]);
export type Permission = z.output<typeof permissionSchema>;

export const relationshipPermissionsSchema = z
  .object({ source: permissionSchema.default('none'), target: permissionSchema.default('none') })
  .strict();

export type RelationshipPermissionsDeclaration = z.input<typeof relationshipPermissionsSchema>;
export type RelationshipPermissions = z.output<typeof relationshipPermissionsSchema>;

/** True when the permission admits this alias; an unaliased relationship needs `all`. */
export function permits(permission: Permission, alias: string | undefined): boolean {
  if (permission === 'all') return true;
  if (permission === 'none') return false;
  return alias !== undefined && permission.includes(alias);
}
