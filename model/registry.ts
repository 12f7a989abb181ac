import { z } from 'zod';
import { inheritedFactsSchema, normalInheritedFacts, type InheritedFact } from './inherited-facts.js';
import { identifierPattern } from './identifier.js';
import type { CharacteristicSchemas, InstanceKind } from './instance-kind.js';
import { declaredPool, poolDeclarationSchema, type PoolLimits } from './pool.js';
import { partyTypes, placeTypes, type PartyKind, type PlaceKind } from './party-kind.js';
import { relationshipPermissionsSchema, type RelationshipPermissions } from './relationship-permissions.js';
import { roleDeclarationSchema, roleTargetsSchema, type Role, type RoleTargets } from './roles.js';
import { specificationSchema, type Specification } from './specification.js';

/**
 * The registry of a deployment's kinds. It verifies declarations when they are registered
 * (every problem named by kind and field) and is the only source of the labels that reach
 * Cypher.
 */

export type Kind = InstanceKind | PartyKind | PlaceKind;

export interface RegisteredFeature {
  name: string;
  enabled: boolean;
  characteristics: CharacteristicSchemas;
}

export interface RegisteredInstanceKind {
  category: 'instance';
  name: string;
  label: string;
  description?: string;
  specification: Specification;
  characteristics: CharacteristicSchemas;
  features: Record<string, RegisteredFeature>;
  /** `pool name → thing name`. */
  pools: Record<string, string>;
  /** The values each pool may hold, as the kind declares them (none declared: any integer). */
  poolLimits: Record<string, PoolLimits>;
  parties: Record<string, Role>;
  places: Record<string, Role>;
  relationships: RelationshipPermissions;
  /** Inherited places, parties and characteristics and field reads: computed when read, never stored. */
  inheritedFacts: InheritedFact[];
  declaration: InstanceKind;
}

export interface RegisteredPartyOrPlaceKind {
  category: 'party' | 'place';
  name: string;
  label: string;
  type: string;
  description?: string;
  roles: RoleTargets;
  characteristics: CharacteristicSchemas;
}

export type RegisteredKind = RegisteredInstanceKind | RegisteredPartyOrPlaceKind;

/** Labels the graph uses for its own nodes; no kind may take them. */
export const reservedLabels = new Set([
  'Instance',
  'Service',
  'Resource',
  'Specification',
  'Characteristic',
  'Feature',
  'Pool',
  'Party',
  'Place',
  'Expectation',
  'Event',
  'Note',
  'ExternalIdentifier',
]);

export class KindRegistrationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid kind declarations:\n  ${problems.join('\n  ')}`);
    this.name = 'KindRegistrationError';
  }
}

export class UnknownKindError extends Error {
  constructor(name: string, category: string) {
    super(`no ${category} kind named "${name}" is registered`);
    this.name = 'UnknownKindError';
  }
}

type Problems = string[];

function parseInto<T>(schema: z.ZodType<T>, value: unknown, where: string, problems: Problems): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push(`${[where, ...issue.path].join('.')}: ${issue.message}`);
  return undefined;
}

/**
 * A record of a kind's parts by name (characteristics, features, pools, roles) without a
 * prototype: a name a client sends — `constructor`, `toString` — is found only when declared.
 */
const byName = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

function checkNames(names: string[], where: string, problems: Problems): void {
  for (const name of names) {
    if (!identifierPattern.test(name))
      problems.push(`${where}.${name}: name must start with a letter and hold only letters, digits and _`);
  }
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof (value as z.ZodType | undefined)?.safeParse === 'function';
}

function checkSchemas(
  schemas: Record<string, unknown> | undefined,
  where: string,
  problems: Problems,
): CharacteristicSchemas {
  const result: CharacteristicSchemas = byName();
  for (const [name, schema] of Object.entries(schemas ?? {})) {
    if (!isZodSchema(schema)) problems.push(`${where}.${name}: must be a zod schema`);
    else result[name] = schema;
  }
  checkNames(Object.keys(result), where, problems);
  return result;
}

/** A kind's features, each with its enabled default and its own characteristic schemas. */
function registerFeatures(kind: InstanceKind, problems: Problems): Record<string, RegisteredFeature> {
  const where = kind.name;
  const features = byName<RegisteredFeature>();
  // read as unknowns: registration checks what the types cannot promise (a JavaScript caller, a cast)
  for (const [name, feature] of Object.entries<{ enabled?: unknown; characteristics?: Record<string, unknown> }>(
    kind.features ?? {},
  )) {
    if (typeof feature?.enabled !== 'boolean')
      problems.push(`${where}.features.${name}.enabled: must be true or false`);
    features[name] = {
      name,
      enabled: feature?.enabled === true,
      characteristics: checkSchemas(feature?.characteristics, `${where}.features.${name}.characteristics`, problems),
    };
  }
  checkNames(Object.keys(features), `${where}.features`, problems);
  return features;
}

/** A kind's party or place roles, each parsed by the role declaration schema. */
function registerRoles(declared: Record<string, unknown> | undefined, where: string, problems: Problems) {
  const result = byName<Role>();
  for (const [name, role] of Object.entries(declared ?? {})) {
    const parsed = parseInto(roleDeclarationSchema, role, `${where}.${name}`, problems);
    if (parsed) result[name] = parsed;
  }
  checkNames(Object.keys(result), where, problems);
  return result;
}

function registerInstanceKind(kind: InstanceKind, problems: Problems): RegisteredInstanceKind {
  const where = kind.name;
  const specification = parseInto(specificationSchema, kind.specification, `${where}.specification`, problems);
  const characteristics = checkSchemas(kind.characteristics, `${where}.characteristics`, problems);
  const features = registerFeatures(kind, problems);
  const declaredPools = parseInto(
    z.record(z.string(), poolDeclarationSchema),
    kind.pools ?? {},
    `${where}.pools`,
    problems,
  );
  const pools = byName<string>();
  const poolLimits = byName<PoolLimits>();
  for (const [name, declaration] of Object.entries(declaredPools ?? {})) {
    const { thing, limits } = declaredPool(declaration);
    pools[name] = thing;
    poolLimits[name] = limits;
  }
  checkNames(Object.keys(pools), `${where}.pools`, problems);
  for (const name of Object.keys(pools)) {
    if (name in characteristics) problems.push(`${where}.pools.${name}: a characteristic has the same name`);
  }
  const parties = registerRoles(kind.parties, `${where}.parties`, problems);
  const places = registerRoles(kind.places, `${where}.places`, problems);
  const relationships = parseInto(
    relationshipPermissionsSchema,
    kind.relationships ?? {},
    `${where}.relationships`,
    problems,
  );
  const inheritedFacts = registerInheritedFacts(kind, { characteristics, pools, parties, places }, problems);
  // Returned even when a part is invalid, so the checks across kinds still run and report;
  // nothing is registered while any problem remains.
  return {
    category: 'instance',
    name: kind.name,
    label: kind.name,
    description: kind.description,
    specification: specification as Specification,
    characteristics,
    features,
    pools,
    poolLimits,
    parties,
    places,
    relationships: relationships ?? { source: 'none', target: 'none' },
    inheritedFacts,
    declaration: kind,
  };
}

/** Inherited facts must be well-formed (names reach Cypher) and must not take the name of an own fact. */
function registerInheritedFacts(
  kind: InstanceKind,
  own: {
    characteristics: CharacteristicSchemas;
    pools: Record<string, string>;
    parties: Record<string, Role>;
    places: Record<string, Role>;
  },
  problems: Problems,
): InheritedFact[] {
  const declared = parseInto(
    inheritedFactsSchema,
    { inherited: kind.inherited, fields: kind.fields },
    kind.name,
    problems,
  );
  if (!declared) return [];
  const facts = normalInheritedFacts(declared);
  const seen = new Map<string, string>();
  for (const fact of facts) {
    const where =
      fact.category === 'field'
        ? `${kind.name}.fields.${fact.name}`
        : `${kind.name}.inherited.${fact.category === 'party' ? 'parties' : `${fact.category}s`}.${fact.name}`;
    const other = seen.get(fact.name);
    if (other) problems.push(`${where}: the name is already used by ${other}`);
    seen.set(fact.name, where);
    const clash =
      fact.category === 'place'
        ? fact.name in own.places && 'an own place role'
        : fact.category === 'party'
          ? fact.name in own.parties && 'an own party role'
          : (fact.name in own.characteristics && 'a characteristic') || (fact.name in own.pools && 'a pool');
    if (clash) problems.push(`${where}: ${kind.name} already has ${clash} with this name`);
  }
  return facts;
}

function registerPartyOrPlaceKind(kind: PartyKind | PlaceKind, problems: Problems): RegisteredPartyOrPlaceKind {
  const where = kind.name;
  const types: readonly string[] = kind.category === 'party' ? partyTypes : placeTypes;
  if (!types.includes(kind.type)) problems.push(`${where}.type: must be one of ${types.join(', ')}`);
  const parsed = parseInto(roleTargetsSchema, kind.roles ?? {}, `${where}.roles`, problems);
  // lookup tables without a prototype: a role named `constructor` or `toString` is no declared role
  const roles: RoleTargets = {
    instances: Object.assign(byName<string[]>(), parsed?.instances),
    parties: Object.assign(byName<string[]>(), parsed?.parties),
    places: Object.assign(byName<string[]>(), parsed?.places),
  };
  return {
    category: kind.category,
    name: kind.name,
    label: kind.name,
    type: kind.type,
    description: kind.description,
    roles,
    characteristics: checkSchemas(kind.characteristics, `${where}.characteristics`, problems),
  };
}

/** Checks that hold between kinds: references resolve to the right category, ids and labels are unique. */
function checkAcrossKinds(kinds: RegisteredKind[], problems: Problems): void {
  const byName = new Map(kinds.map((kind) => [kind.name, kind]));
  const expectCategory = (name: string, category: RegisteredKind['category'], where: string) => {
    const found = byName.get(name);
    if (!found) problems.push(`${where}: refers to kind "${name}", which is not registered`);
    else if (found.category !== category)
      problems.push(`${where}: "${name}" is a ${found.category} kind, not a ${category} kind`);
  };
  const specIds = new Map<string, string>();
  const specVersions = new Map<string, string>();
  for (const kind of kinds) {
    if (kind.category === 'instance') {
      if (kind.specification) {
        const { id, name, major } = kind.specification;
        const sameId = specIds.get(id);
        if (sameId)
          problems.push(`${kind.name}.specification.id: ${id} is already the id of ${sameId}'s specification`);
        specIds.set(id, kind.name);
        const sameVersion = specVersions.get(`${name}@${major}`);
        if (sameVersion)
          problems.push(
            `${kind.name}.specification: ${name} major ${major} is already declared by ${sameVersion} (a new major version needs a new major number)`,
          );
        specVersions.set(`${name}@${major}`, kind.name);
      }
      for (const [section, category] of [
        ['parties', 'party'],
        ['places', 'place'],
      ] as const) {
        for (const [role, declaration] of Object.entries(kind[section])) {
          const where = `${kind.name}.${section}.${role}.kind`;
          expectCategory(declaration.kind, category, where);
          const target = byName.get(declaration.kind);
          if (target && target.category === category) {
            const plays = target.roles.instances;
            if (Object.keys(plays).length > 0 && !(plays[role] ?? []).includes(kind.name)) {
              problems.push(`${where}: ${declaration.kind} does not declare the role "${role}" towards ${kind.name}`);
            }
          }
        }
      }
    } else {
      for (const [section, category] of [
        ['instances', 'instance'],
        ['parties', 'party'],
        ['places', 'place'],
      ] as const) {
        for (const [role, targets] of Object.entries(kind.roles[section])) {
          targets.forEach((target, index) =>
            expectCategory(target, category, `${kind.name}.roles.${section}.${role}.${index}`),
          );
        }
      }
    }
  }
}

export class Registry {
  private readonly kinds = new Map<string, RegisteredKind>();
  private registrations = 0;

  /** How many times kinds were registered: what is built from the registry is cached until it changes. */
  get registrationCount(): number {
    return this.registrations;
  }

  /** Registers kinds, verifying them together with those already registered; all or nothing. */
  register(kinds: Kind[]): this {
    const problems: Problems = [];
    const candidates: RegisteredKind[] = [];
    const names = new Set(this.kinds.keys());
    for (const kind of kinds) {
      if (!identifierPattern.test(kind.name ?? '')) {
        problems.push(
          `${kind.name}: kind name must start with a letter and hold only letters, digits and _ (it becomes a Neo4j label)`,
        );
        continue;
      }
      if (reservedLabels.has(kind.name))
        problems.push(`${kind.name}: the label ${kind.name} is reserved for the graph's own nodes`);
      if (names.has(kind.name))
        problems.push(`${kind.name}: a kind with this name (and so this Neo4j label) is already registered`);
      names.add(kind.name);
      candidates.push(
        kind.category === 'instance' ? registerInstanceKind(kind, problems) : registerPartyOrPlaceKind(kind, problems),
      );
    }
    checkAcrossKinds([...this.kinds.values(), ...candidates], problems);
    if (problems.length > 0) throw new KindRegistrationError(problems);
    for (const kind of candidates) this.kinds.set(kind.name, kind);
    this.registrations += 1;
    return this;
  }

  all(): RegisteredKind[] {
    return [...this.kinds.values()];
  }

  instanceKind(name: string): RegisteredInstanceKind {
    return this.kindIn(name, 'instance');
  }

  partyKind(name: string): RegisteredPartyOrPlaceKind {
    return this.kindIn(name, 'party');
  }

  placeKind(name: string): RegisteredPartyOrPlaceKind {
    return this.kindIn(name, 'place');
  }

  /** The kind registered as `name`, when it is of `category`; else UnknownKindError. */
  private kindIn<C extends RegisteredKind['category']>(name: string, category: C): RegisteredKind & { category: C } {
    const kind = this.kinds.get(name);
    if (kind?.category !== category) throw new UnknownKindError(name, category);
    return kind as RegisteredKind & { category: C };
  }

  /** The Neo4j label of a registered kind: the only way a label reaches Cypher. */
  labelOf(name: string): string {
    const kind = this.kinds.get(name);
    if (!kind) throw new UnknownKindError(name, 'registered');
    return kind.label;
  }
}

export function createRegistry(kinds: Kind[]): Registry {
  return new Registry().register(kinds);
}
