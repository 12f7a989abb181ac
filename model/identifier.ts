import { z } from 'zod';

/**
 * Names that may reach Cypher as labels or relationship types, and the names of
 * characteristics, features, pools and roles: letters, digits and underscores, starting
 * with a letter. Nothing else can be spliced into a query.
 */
export const identifierPattern = /^[A-Za-z][A-Za-z0-9_]*$/;

export const identifier = z
  .string()
  .regex(identifierPattern, 'must start with a letter and hold only letters, digits and _');

/** camelCase: a lower-case letter, then letters and digits (TMF names: `broadband`, `dataCentre`). */
export const camelCaseName = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be camelCase (e.g. gpu, broadbandService)');

/** Throws unless `name` is safe to use as a Neo4j label or relationship type. */
export function assertIdentifier(name: string, what: string): string {
  if (!identifierPattern.test(name))
    throw new Error(`${what} "${name}" is not a safe identifier (${identifierPattern})`);
  return name;
}
