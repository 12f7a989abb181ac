import type { z } from 'zod';
import type { InheritedFactsDeclaration } from './inherited-facts.js';
import type { PoolDeclaration } from './pool.js';
import type { RelationshipPermissionsDeclaration } from './relationship-permissions.js';
import type { RoleDeclaration } from './roles.js';
import type { SpecificationDeclaration } from './specification.js';

/**
 * An instance kind (a TMF Service or Resource type), declared by a domain author in
 * TypeScript. Characteristic values are typed by their zod schemas: the schema is the
 * single source of the type, the validation and the error message.
 */
export type CharacteristicSchemas = Record<string, z.ZodType>;

export interface FeatureDeclaration<C extends CharacteristicSchemas = CharacteristicSchemas> {
  /** Enabled when an instance is built without saying otherwise. */
  enabled: boolean;
  characteristics?: C;
}

export type FeatureDeclarations = Record<string, FeatureDeclaration>;

export interface InstanceKindDeclaration<
  C extends CharacteristicSchemas,
  F extends FeatureDeclarations,
> extends InheritedFactsDeclaration {
  /** The kind's name; also its Neo4j label, so unique across a registry. */
  name: string;
  description?: string;
  specification: SpecificationDeclaration;
  characteristics?: C;
  features?: F;
  /**
   * `pool name → thing name`, e.g. `{ cores: 'core' }`, or the thing and the values a pool may
   * ever hold, e.g. `{ svlans: { thing: 'svlan', min: 1, max: 4094 } }`.
   */
  pools?: Record<string, PoolDeclaration>;
  parties?: Record<string, RoleDeclaration>;
  places?: Record<string, RoleDeclaration>;
  relationships?: RelationshipPermissionsDeclaration;
}

export interface InstanceKind<
  C extends CharacteristicSchemas = CharacteristicSchemas,
  F extends FeatureDeclarations = FeatureDeclarations,
> extends InstanceKindDeclaration<C, F> {
  category: 'instance';
}

export function defineInstanceKind<
  const C extends CharacteristicSchemas = Record<never, z.ZodType>,
  const F extends FeatureDeclarations = Record<never, FeatureDeclaration>,
>(declaration: InstanceKindDeclaration<C, F>): InstanceKind<C, F> {
  return Object.freeze({ ...declaration, category: 'instance' as const });
}

/** The values `define` and `build` accept for a kind's characteristics: each optional, typed by its schema. */
export type CharacteristicValues<K> =
  K extends InstanceKind<infer C, FeatureDeclarations> ? { [N in keyof C]?: z.input<C[N]> } : never;

/** Feature settings for `build`: enabled or not, and the feature's own characteristic values. */
export type FeatureValues<K> =
  K extends InstanceKind<CharacteristicSchemas, infer F>
    ? {
        [N in keyof F]?: {
          isEnabled?: boolean;
          characteristics?: F[N]['characteristics'] extends CharacteristicSchemas
            ? { [M in keyof F[N]['characteristics']]?: z.input<F[N]['characteristics'][M]> }
            : never;
        };
      }
    : never;
