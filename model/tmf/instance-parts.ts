import type { InheritedItem } from '../inherited-values.js';
import type { InstanceRef, InstanceType } from '../instance-ref.js';
import { poolSize } from '../pool.js';
import type { InstanceSnapshot, NamedValue } from '../tmf-json.js';

/**
 * The parts of a TMF item, read from an instance snapshot the same way for every version:
 * which characteristics, relationships, parties and places an item shows, and in which order.
 * The version renderers (v4-json.ts, v5-json.ts) only give them their version's shape.
 */

/** A characteristic as an item shows it; an inherited one names the instances it was read from. */
export interface CharacteristicPart {
  name: string;
  value: unknown;
  inheritedFrom?: InstanceRef[];
}

/** A party or place in a role: the instance's own, or inherited (then with the instances it came from). */
export interface RolePart {
  role: string;
  id: string;
  name?: string;
  /** The TMF type: Organization, Individual, GeographicSite, … */
  type: string;
  inheritedFrom?: InstanceRef[];
}

export interface RelationshipPart {
  relationshipType: string;
  target: InstanceRef;
  characteristics: NamedValue[];
}

/** `name` is always there: an instance without one shows its id. */
export const displayName = (instance: InstanceSnapshot) => instance.name ?? instance.id;

const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));

/** Characteristics with a value, by name. */
export const withValues = (items: NamedValue[]): CharacteristicPart[] =>
  byName(items)
    .filter((item) => item.value !== undefined && item.value !== null)
    .map(({ name, value }) => ({ name, value }));

/** Drops undefined values and empty arrays, keeping key order. */
export function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)),
  );
}

function poolCharacteristics(instance: InstanceSnapshot): NamedValue[] {
  return instance.pools.map((pool) => {
    const bounded = pool.first !== undefined && pool.last !== undefined;
    const free = bounded ? poolSize({ first: pool.first!, last: pool.last! }) - pool.assigned : undefined;
    return {
      name: pool.name,
      value: compact({
        thing: pool.thing,
        first: pool.first,
        last: pool.last,
        free,
        assigned: pool.assigned,
        algorithm: pool.algorithm,
        assignableType: pool.assignableType,
      }),
    };
  });
}

/** Known inherited facts of some categories: unknowns never reach TMF JSON. */
const knownInherited = (instance: InstanceSnapshot, categories: string[]) =>
  (instance.inherited ?? []).flatMap((value) =>
    value.status === 'known' && categories.includes(value.category) ? [value] : [],
  );

/** Inherited characteristics and field reads: a list, or one value when collapsed; no value, no entry. */
function inheritedCharacteristics(instance: InstanceSnapshot): CharacteristicPart[] {
  return knownInherited(instance, ['characteristic', 'field']).flatMap((value) => {
    if (value.items.length === 0) return [];
    const from = new Map(value.items.flatMap((item) => item.from).map((ref) => [ref.id, ref]));
    const shown = value.collapse ? value.items[0]!.value : value.items.map((item) => item.value);
    return [{ name: value.name, value: shown, inheritedFrom: [...from.values()] }];
  });
}

/** Own characteristics and pools by name, then inherited characteristics and field reads by name. */
export function characteristicParts(instance: InstanceSnapshot): CharacteristicPart[] {
  return [
    ...withValues([...instance.characteristics, ...poolCharacteristics(instance)]),
    ...byName(inheritedCharacteristics(instance)),
  ];
}

/** Own relationships, then the values this instance's pools gave out (`assignedTo`, by pool and value). */
export function relationshipParts(instance: InstanceSnapshot): RelationshipPart[] {
  const own = instance.relationships.map((relationship) => ({
    relationshipType: relationship.type,
    target: relationship.target,
    characteristics: [
      ...(relationship.alias ? [{ name: 'alias', value: relationship.alias }] : []),
      ...relationship.characteristics,
    ],
  }));
  const given = [...instance.givenAssignments]
    .sort((a, b) => a.pool.localeCompare(b.pool) || a.value - b.value)
    .map((assignment) => ({
      relationshipType: 'assignedTo',
      target: assignment.assignee,
      characteristics: [
        { name: assignment.thing, value: assignment.value },
        ...(assignment.alias ? [{ name: 'alias', value: assignment.alias }] : []),
      ],
    }));
  return [...own, ...given];
}

/** The instances of a type this one relates to, once each. */
export function supportingRefs(instance: InstanceSnapshot, type: InstanceType): InstanceRef[] {
  const seen = new Map<string, InstanceRef>();
  for (const { target } of instance.relationships) if (target.type === type) seen.set(target.id, target);
  return [...seen.values()];
}

const byRoleThenId = (a: RolePart, b: RolePart) => a.role.localeCompare(b.role) || a.id.localeCompare(b.id);

function inheritedRoles(instance: InstanceSnapshot, category: 'place' | 'party'): RolePart[] {
  return knownInherited(instance, [category]).flatMap((value) =>
    value.items.flatMap((item: InheritedItem) => {
      if (!item.ref) return [];
      const { id, name, type } = item.ref;
      return [{ role: value.name, id, ...(name ? { name } : {}), type, inheritedFrom: item.from }];
    }),
  );
}

/** The instance's own parties (or places) by role then id, then the inherited ones in the same order. */
export function roleParts(instance: InstanceSnapshot, category: 'place' | 'party'): RolePart[] {
  const own = (category === 'party' ? instance.parties : instance.places).map(({ role, id, name, type }) => ({
    role,
    id,
    ...(name ? { name } : {}),
    type,
  }));
  return [...own.sort(byRoleThenId), ...inheritedRoles(instance, category).sort(byRoleThenId)];
}
